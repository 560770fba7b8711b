using FaceCompat.Analysis;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>A study's operating-point values over seeds (<see cref="OperatingPointStatistic"/>) and its BCT criterion per unit.</summary>
internal static class OperatingPointStatistics
{
    public static List<OperatingPointStatistic> Aggregate(IReadOnlyList<StudyOperatingPoint> rows)
    {
        // The threshold a value was counted at: native-a's own for native-a, native-b's for every other scenario.
        var calibration = rows.Where(r => r.Metric == Metrics.FmrThreshold.Name || r.Metric == Metrics.FpirThreshold.Name)
            .ToDictionary(r => (r.Unit, r.Seed, r.Scenario, r.Metric, r.OperatingPoint), r => r.Count);
        var statistics = new List<OperatingPointStatistic>();
        foreach (var g in rows.GroupBy(r => (r.Unit, r.Map, r.Scenario, r.Metric, r.OperatingPoint, r.FitIdentities)))
        {
            var seeds = g.OrderBy(r => r.Seed).ToList();
            var measured = seeds.Where(r => r.Value is not null).Select(r => r.Value!.Value).ToArray();
            var complete = measured.Length == seeds.Count;
            var summary = Summary.Of(measured);
            var (low, high) = complete ? StudyStatistics.TInterval(summary, Metrics.IsRate(g.Key.Metric)) : (double.NaN, double.NaN);
            // open-set values (FNIR, FPIR) are counted at the FPIR threshold, verification ones at the FMR threshold
            var threshold = Metrics.Find(g.Key.Metric)?.Task == MetricTask.Identification ? Metrics.FpirThreshold.Name : Metrics.FmrThreshold.Name;
            var calibrating = g.Key.Scenario == Scenario.NativeA.Name() ? Scenario.NativeA.Name() : Scenario.NativeB.Name();
            var impostors = seeds.Select(r => calibration.GetValueOrDefault((g.Key.Unit, r.Seed, calibrating, threshold, g.Key.OperatingPoint), 0)).Min();
            var u = g.Key.Unit;
            statistics.Add(new OperatingPointStatistic(u.Experiment, u.FitDataset, u.TestDataset, u.Preprocessing, u.Source, u.Target, g.Key.Map,
                g.Key.Scenario, g.Key.Metric, g.Key.OperatingPoint, seeds.Count, measured.Length, complete ? summary.Mean : null,
                complete ? summary.Std : double.NaN, low, high, seeds.Min(r => r.Count), impostors, g.Key.FitIdentities));
        }
        return statistics;
    }

    /// <summary>The BCT criterion (<see cref="BctCriterion"/>) of every unit with migrated rows, seeds paired in ascending order.</summary>
    public static List<StudyBctRow> Bct(IReadOnlyList<StudyOperatingPoint> rows) =>
        rows.GroupBy(r => r.Unit).SelectMany(unit =>
        {
            var typed = unit.Select(r => r.ToRow()).ToList();
            var maps = typed.Where(r => r.Scenario == Scenario.Migrated).Select(r => r.Map).Distinct().ToArray();
            var seeds = typed.Select(r => r.Seed).Distinct().Order().ToArray();
            return BctCriterion.Of(typed, maps, seeds).Select(b => new StudyBctRow(unit.Key.Experiment, unit.Key.TestDataset, unit.Key.Preprocessing, b));
        }).ToList();
}
