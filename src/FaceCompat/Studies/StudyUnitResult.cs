namespace FaceCompat.Studies;

/// <summary>A 95% identity-bootstrap interval of one (map, seed, train ratio, protocol, metric) of a unit.</summary>
internal sealed record UnitInterval(string Map, string MapParameters, int Seed, double TrainRatio, string Protocol, string Metric, double Lower, double Upper);

/// <summary>Paired tests over seeds of a map against the unaligned baseline (p-values).</summary>
internal sealed record UnitPairedTest(string Map, string MapParameters, double TrainRatio, string Protocol, string Metric, double WilcoxonP, double SignFlipP);

/// <summary>What one unit of work (one experiment on one ordered pair) produced; cached as JSON so a study resumes.</summary>
internal sealed record StudyUnitResult(
    IReadOnlyList<StudyRow> Rows,
    IReadOnlyList<StudyCurvePoint> Curves,
    IReadOnlyList<UnitInterval> Intervals,
    IReadOnlyList<UnitPairedTest> Tests)
{
    /// <summary>What computing the unit took; null for units cached before costs were recorded.</summary>
    public UnitCost? Cost { get; init; }

    /// <summary>The operating-point values of an operating-points or exposure unit (null for the other experiments).</summary>
    public IReadOnlyList<StudyOperatingPoint>? OperatingPoints { get; init; }
}

/// <summary>
/// Wall and process CPU seconds of computing one unit (work it found in the memo is counted where it was done). Units
/// cached by earlier versions as a by-product of another unit cost zero:
/// its share is in the other's cost.
/// </summary>
internal sealed record UnitCost(double WallSeconds, double CpuSeconds)
{
    /// <summary>The floating-point work done computing the unit (GEMM and decompositions); null for units cached before it was counted.</summary>
    public Numerics.FlopCount? Work { get; init; }
}
