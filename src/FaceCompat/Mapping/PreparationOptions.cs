namespace FaceCompat.Mapping;

/// <summary>How two spaces of different dimension are brought to a common one before a map is fitted.</summary>
public enum DimensionMatching
{
    /// <summary>Zero-pad the smaller space to the larger dimension (the reference protocol).</summary>
    ZeroPad,

    /// <summary>Project each space on its own leading principal components (train statistics).</summary>
    Pca,
}

/// <summary>
/// The preparation applied to both spaces, with statistics from the train rows only:
/// L2-normalise each row, subtract the train mean, then zero-pad or PCA-project (optionally whitened).
/// The defaults are the reference protocol.
/// </summary>
public sealed record PreparationOptions
{
    public bool L2Normalize { get; init; } = true;
    public bool Center { get; init; } = true;
    /// <summary>How the two dimensions are matched: zero-pad (the reference) or PCA.</summary>
    public DimensionMatching Matching { get; init; } = DimensionMatching.ZeroPad;

    /// <summary>PCA only: the common dimension; default the smaller of the two dimensions.</summary>
    public int? PcaDimension { get; init; }

    /// <summary>PCA only: scale each component to unit train variance.</summary>
    public bool Whiten { get; init; }

    public static PreparationOptions Reference { get; } = new();

    /// <summary>A short description, e.g. "l2,center,zero-pad" or "l2,center,pca-128-whiten".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (L2Normalize) parts.Add("l2");
        if (Center) parts.Add("center");
        parts.Add(Matching == DimensionMatching.ZeroPad ? "zero-pad"
            : $"pca{(PcaDimension is { } d ? "-" + d : "")}{(Whiten ? "-whiten" : "")}");
        return string.Join(",", parts);
    }
}
