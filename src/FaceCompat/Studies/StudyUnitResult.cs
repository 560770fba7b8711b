namespace FaceCompat.Studies;

/// <summary>A 95% identity-bootstrap interval of one (map, seed, train ratio, protocol, metric) of a unit.</summary>
public sealed record UnitInterval(string Map, string MapParameters, int Seed, double TrainRatio, string Protocol, string Metric, double Lower, double Upper);

/// <summary>Paired tests over seeds of a map against the unaligned baseline (p-values).</summary>
public sealed record UnitPairedTest(string Map, string MapParameters, double TrainRatio, string Protocol, string Metric, double WilcoxonP, double SignFlipP);

/// <summary>What one unit of work (one experiment on one ordered pair) produced; cached as JSON so a study resumes.</summary>
public sealed record StudyUnitResult(
    IReadOnlyList<StudyRow> Rows,
    IReadOnlyList<StudyCurvePoint> Curves,
    IReadOnlyList<UnitInterval> Intervals,
    IReadOnlyList<UnitPairedTest> Tests);
