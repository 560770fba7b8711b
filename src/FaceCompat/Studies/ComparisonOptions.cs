using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>What a cross-model comparison runs: maps x seeds x protocols.</summary>
public sealed record ComparisonOptions
{
    public static readonly IReadOnlyList<int> DefaultSeeds = [42, 123, 217, 7, 531];

    /// <summary>The three reference maps, the unaligned baseline and both controls (MapCatalog specs).</summary>
    public static readonly IReadOnlyList<string> DefaultMaps = ["procrustes", "lstsq", "ridge", "unaligned", "shuffled", "random-orthogonal"];

    /// <summary>Map specs as <see cref="Mapping.MapCatalog.Create"/> reads them (e.g. "ridge:alpha=1"). The controls
    /// get the split seed as their seed unless a spec names one.</summary>
    public IReadOnlyList<string> Maps { get; init; } = DefaultMaps;
    public IReadOnlyList<int> Seeds { get; init; } = DefaultSeeds;
    public double TrainRatio { get; init; } = 0.7;

    /// <summary>An explicit <c>identity,subset</c> split used for every seed (seeds then only drive pairs and controls).</summary>
    public string? SplitFile { get; init; }

    public IReadOnlyList<IdentificationProtocol> Protocols { get; init; } = [IdentificationProtocol.Reference, IdentificationProtocol.Strict];

    /// <summary>Bootstrap resamples for the identity-level confidence intervals in results.json (0 = none).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>How both spaces are prepared before fitting (default: the reference's L2, centre, zero-pad).</summary>
    public Mapping.PreparationOptions Preparation { get; init; } = Mapping.PreparationOptions.Reference;
}
