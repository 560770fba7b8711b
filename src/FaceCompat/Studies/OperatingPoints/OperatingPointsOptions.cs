using FaceCompat.Mapping;

namespace FaceCompat.Studies;

/// <summary>What an operating-points run measures: maps x seeds, at which nominal rates, and the exposure fit set.</summary>
public sealed record OperatingPointsOptions
{
    /// <summary>FMR 1e-2 … 1e-6, the verification operating points (NIST FRVT convention).</summary>
    public static readonly IReadOnlyList<double> DefaultFalseMatchRates = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6];

    /// <summary>FPIR 1e-1, 1e-2, 1e-3, the open-set operating points.</summary>
    public static readonly IReadOnlyList<double> DefaultFalsePositiveIdentificationRates = [1e-1, 1e-2, 1e-3];

    /// <summary>Maps that carry A templates into B's space (each must keep B's space: not a shared-space map such as CCA).</summary>
    public IReadOnlyList<MapSpec> Maps { get; init; } = MapRegistry.Reference;
    public IReadOnlyList<int> Seeds { get; init; } = ComparisonOptions.DefaultSeeds;
    public double TrainRatio { get; init; } = 0.7;
    public string? SplitFile { get; init; }
    public IReadOnlyList<double> FalseMatchRates { get; init; } = DefaultFalseMatchRates;
    public IReadOnlyList<double> FalsePositiveIdentificationRates { get; init; } = DefaultFalsePositiveIdentificationRates;

    /// <summary>An embeddings folder of the same two models on other images (e.g. CFP): every map is also fitted on all
    /// of its rows and scored as the exposure scenario. Must share no image with the test embeddings.</summary>
    public string? FitOn { get; init; }

    /// <summary>The attacker's data grid: for each size k, every map is also fitted on k identities of the fit set drawn by
    /// the seed (<see cref="AttackerData"/>) and scored as the exposure scenario, beside the fit on all of it. Empty: all only.</summary>
    public IReadOnlyList<int> FitIdentityGrid { get; init; } = [];

    /// <summary>Score the exposure scenario only (with native-b, which calibrates its thresholds): no map is fitted on the
    /// test dataset's train identities, no native-a, migrated, unaligned or open-set scoring (the study's exposure experiment).</summary>
    public bool ExposureOnly { get; init; }

    /// <summary>Write every fitted map (maps/) so an independent implementation can apply the same maps.</summary>
    public bool SaveMaps { get; init; }

    public PreparationOptions Preparation { get; init; } = PreparationOptions.Reference;
}
