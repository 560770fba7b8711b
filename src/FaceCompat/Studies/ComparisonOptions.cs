using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>What a cross-model comparison runs: maps x seeds x protocols.</summary>
public sealed record ComparisonOptions
{
    public static readonly IReadOnlyList<int> DefaultSeeds = [42, 123, 217, 7, 531];

    /// <summary>The maps to fit (default: the reference maps, the baseline and the controls); the controls get the split
    /// seed as their seed unless one was given. Maps with the same label run once.</summary>
    public IReadOnlyList<Mapping.MapSpec> Maps { get; init; } = Mapping.MapRegistry.ComparisonDefault;
    public IReadOnlyList<int> Seeds { get; init; } = DefaultSeeds;
    public double TrainRatio { get; init; } = 0.7;

    /// <summary>A fixed test share (e.g. 0.3) so the test identities stay the same while <see cref="TrainRatio"/>
    /// varies (data-efficiency curves); null: test = all identities not in train.</summary>
    public double? TestRatio { get; init; }

    /// <summary>An explicit <c>identity,subset</c> split used for every seed (seeds then only drive pairs and controls).</summary>
    public string? SplitFile { get; init; }

    public IReadOnlyList<IdentificationProtocol> Protocols { get; init; } = [IdentificationProtocol.Reference, IdentificationProtocol.Strict];

    /// <summary>Bootstrap resamples for the identity-level confidence intervals in results.json (0 = none).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Which train rows an unpaired map (e.g. unsupervised-procrustes) sees from each model; paired maps are unaffected.</summary>
    public UnpairedInput UnpairedInput { get; init; } = UnpairedInput.DisjointPeople;

    /// <summary>How both spaces are prepared before fitting (default: the reference's L2, centre, zero-pad).</summary>
    public Mapping.PreparationOptions Preparation { get; init; } = Mapping.PreparationOptions.Reference;
}
