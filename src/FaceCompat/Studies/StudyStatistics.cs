using FaceCompat.Analysis;

namespace FaceCompat.Studies;

/// <summary>
/// Derived values of a study: <c>relative_rank1</c> rows and the per-seed aggregation into
/// <see cref="StudyStatistic"/>s (mean, sample std with ddof 1, 95% interval, paired tests against the baseline).
/// </summary>
internal static class StudyStatistics
{
    /// <summary>
    /// For every strict Rank-1 row of a within, cross-dataset or degree-2 experiment: its value divided by the
    /// target model's own strict Rank-1 (the <c>self</c> row of the same test dataset and seed, hence the
    /// same test identities and preprocessing; cross-dataset rows, whose train ratio is 1, use the self row of the test
    /// dataset's main split). Rows without a matching self value are left out.
    /// </summary>
    public static List<StudyRow> RelativeRank1(IReadOnlyList<StudyRow> rows)
    {
        var self = rows.Where(r => r.Experiment == "self" && r.Protocol == "strict" && r.Metric == Evaluation.Metrics.Rank1.Name)
            .ToDictionary(r => (r.TestDataset, r.Preprocessing, r.Source, r.Seed), r => r.Value);
        var relative = new List<StudyRow>();
        foreach (var r in rows)
        {
            if (r.Experiment is not ("within" or "cross-dataset" or "degree2") || r.Protocol != "strict" || r.Metric != Evaluation.Metrics.Rank1.Name) continue;
            if (!self.TryGetValue((r.TestDataset, r.Preprocessing, r.Target, r.Seed), out var native) || native <= 0) continue;
            relative.Add(r with { Metric = Evaluation.Metrics.RelativeRank1.Name, Value = r.Value / native });
        }
        return relative;
    }

    /// <summary>
    /// One statistic per (experiment, datasets, pair, map and parameters, train ratio, protocol, task, metric).
    /// The 95% interval is the mean over seeds of the per-seed identity-bootstrap interval where one was
    /// computed (Rank-1, mAP@50), else the Student-t interval over seeds (NaN with one seed). The p-values
    /// are those of the paired tests over seeds against the unaligned baseline (NaN where none ran).
    /// </summary>
    public static List<StudyStatistic> Aggregate(IReadOnlyList<StudyRow> rows, IReadOnlyList<(UnitKey Key, StudyUnitResult Result)> units)
    {
        var intervals = new Dictionary<(UnitKey, string, string, double, string, string), List<UnitInterval>>();
        var tests = new Dictionary<(UnitKey, string, string, double, string, string), UnitPairedTest>();
        foreach (var (key, unit) in units)
        {
            foreach (var i in unit.Intervals)
            {
                var k = (key, i.Map, i.MapParameters, i.TrainRatio, i.Protocol, i.Metric);
                if (!intervals.TryGetValue(k, out var list)) intervals[k] = list = [];
                list.Add(i);
            }
            foreach (var t in unit.Tests) tests[(key, t.Map, t.MapParameters, t.TrainRatio, t.Protocol, t.Metric)] = t;
        }
        var statistics = new List<StudyStatistic>();
        foreach (var g in rows.GroupBy(r => (r.Experiment, r.FitDataset, r.TestDataset, r.Preprocessing, r.Source, r.Target, r.Map,
                     r.MapParameters, r.TrainRatio, r.Protocol, r.Task, r.Metric)))
        {
            var values = g.OrderBy(r => r.Seed).Select(r => r.Value).ToArray();
            var summary = Summary.Of(values);
            var unitKey = new UnitKey(g.Key.Experiment, g.Key.FitDataset, g.Key.TestDataset, g.Key.Source, g.Key.Target, g.Key.Preprocessing);
            var k = (unitKey, g.Key.Map, g.Key.MapParameters, g.Key.TrainRatio, g.Key.Protocol, g.Key.Metric);
            var (low, high) = intervals.TryGetValue(k, out var boot) && boot.Count == values.Length
                ? (boot.Average(b => b.Lower), boot.Average(b => b.Upper))
                : TInterval(summary, IsRate(g.Key.Metric));
            tests.TryGetValue(k, out var test);
            var label = g.Key.MapParameters.Length > 0 ? $"{g.Key.Map}:{g.Key.MapParameters}" : g.Key.Map;
            statistics.Add(new StudyStatistic(g.Key.Experiment, g.Key.FitDataset, g.Key.TestDataset, g.Key.Preprocessing, g.Key.Source,
                g.Key.Target, label, g.Key.TrainRatio, g.Key.Protocol, g.Key.Task, g.Key.Metric, values.Length, summary.Mean, summary.Std,
                low, high, test?.WilcoxonP ?? double.NaN, test?.SignFlipP ?? double.NaN));
        }
        return statistics;
    }

    /// <summary>Student-t 95% interval over seeds, clipped at 0 (every study metric is non-negative) and, for a rate, at 1.</summary>
    public static (double Low, double High) TInterval(Summary s, bool rate)
    {
        if (s.Count < 2 || !double.IsFinite(s.Std)) return (double.NaN, double.NaN);
        var half = StudentT.Quantile975(s.Count - 1) * s.Std / Math.Sqrt(s.Count);
        return (Math.Max(0, s.Mean - half), rate ? Math.Min(1, s.Mean + half) : s.Mean + half);
    }

    /// <summary>Metrics that are fractions in [0, 1] (not relative_rank1, which can exceed 1, nor counts).</summary>
    public static bool IsRate(string metric) => Evaluation.Metrics.IsRate(metric);
}

/// <summary>Which experiment, datasets, ordered pair and preprocessing variant a unit of work measured.</summary>
internal sealed record UnitKey(string Experiment, string FitDataset, string TestDataset, string Source, string Target, string Preprocessing);
