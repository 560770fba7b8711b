using FaceCompat.Analysis;

namespace FaceCompat.Studies;

/// <summary>
/// Where a control landed (mean Rank-1 over seeds) and the verdict of <see cref="ControlRule"/>: at
/// baseline unless the 95% interval over seeds of its lift over max(baseline, chance) lies wholly above
/// the margin (10% of the best fitted map's gain, at least one Rank-1 point).
/// </summary>
public sealed record ControlCheck(string Control, string Protocol, double ControlRank1, double BaselineRank1,
    double ChanceRank1, double BestMapRank1, ControlJudgement Judgement)
{
    public bool AtBaseline => Judgement.AtBaseline;
}

/// <summary>The split of one seed: which identities trained the map.</summary>
public sealed record SeedSplit(int Seed, Embeddings.IdentitySplit Split, int[] TrainRows, int[] TestRows);

/// <summary>A 95% identity-bootstrap interval of one identification metric of one (map, seed, protocol).</summary>
public sealed record BootstrapRow(string Map, int Seed, string Protocol, string Metric, ConfidenceInterval Interval);

/// <summary>A paired test over seeds of one metric between a map and the baseline (maps by label).</summary>
public sealed record PairedTestRow(string Map, string Against, string Protocol, Evaluation.Metric Metric, TestResult Wilcoxon, TestResult SignFlip);

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
