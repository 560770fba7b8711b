using FaceCompat.Analysis;

namespace FaceCompat.Studies;

/// <summary>
/// Where a control landed (mean Rank-1 over seeds). The floor is the higher of the unaligned baseline
/// and chance; a control is at baseline when it recovers at most <see cref="Tolerance"/> of the best
/// fitted map's gain over that floor (or, with no fitted map to compare, lies within it of the floor).
/// </summary>
public sealed record ControlCheck(string Control, string Protocol, double ControlRank1, double BaselineRank1,
    double ChanceRank1, double BestMapRank1, bool AtBaseline)
{
    public const double Tolerance = 0.1;

    public static bool IsAtBaseline(double control, double baseline, double chance, double best)
    {
        var floor = Math.Max(baseline, chance);
        var allowed = double.IsFinite(best) && best > floor ? Tolerance * (best - floor) : Tolerance;
        return control <= floor + allowed;
    }
}

/// <summary>The split of one seed: which identities trained the map.</summary>
public sealed record SeedSplit(int Seed, Datasets.IdentitySplit Split, int[] TrainRows, int[] TestRows);

/// <summary>A 95% identity-bootstrap interval of one identification metric of one (map, seed, protocol).</summary>
public sealed record BootstrapRow(string Map, int Seed, string Protocol, string Metric, ConfidenceInterval Interval);

/// <summary>A paired test over seeds of one metric between a map and the baseline.</summary>
public sealed record PairedTestRow(string Map, string Against, string Protocol, string Metric, TestResult Wilcoxon, TestResult SignFlip);

/// <summary>Mean ± std (ddof 1) over seeds of one (map, protocol, task, metric).</summary>
public sealed record SummaryRow(string Map, string Protocol, string Task, string Metric, Summary Summary);

/// <summary>Everything a comparison produced.</summary>
public sealed record ComparisonResult(
    IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<ControlCheck> Controls,
    IReadOnlyList<BootstrapRow> Bootstrap,
    IReadOnlyList<PairedTestRow> PairedTests,
    IReadOnlyList<SeedSplit> Splits);
