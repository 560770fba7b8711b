using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>What a cross-model comparison runs: maps x seeds x protocols.</summary>
public sealed record ComparisonOptions
{
    public static readonly IReadOnlyList<int> DefaultSeeds = [42, 123, 217, 7, 531];

    /// <summary>The three reference maps, the unaligned baseline and both controls.</summary>
    public static readonly IReadOnlyList<string> DefaultMaps = ["procrustes", "linear", "ridge", "unaligned", "shuffled", "random-orthogonal"];

    public IReadOnlyList<string> Maps { get; init; } = DefaultMaps;
    public IReadOnlyList<int> Seeds { get; init; } = DefaultSeeds;
    public double TrainRatio { get; init; } = 0.7;

    /// <summary>An explicit <c>identity,subset</c> split used for every seed (seeds then only drive pairs and controls).</summary>
    public string? SplitFile { get; init; }

    public IReadOnlyList<IdentificationProtocol> Protocols { get; init; } = [IdentificationProtocol.Reference, IdentificationProtocol.Strict];

    /// <summary>Bootstrap resamples for the identity-level confidence intervals in results.json (0 = none).</summary>
    public int BootstrapResamples { get; init; } = 1000;
}
