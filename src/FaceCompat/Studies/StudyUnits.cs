using FaceCompat.Datasets;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>What every unit of one experiment shares: names, preprocessing label, settings.</summary>
public sealed record UnitContext(string Experiment, string FitDataset, string TestDataset, string Preprocessing, int RocPoints,
    bool Curves, bool AllMetrics, Action<string>? Log);

/// <summary>
/// The study's units of work, each one <see cref="CrossModelComparison"/> run (or several, for a sweep)
/// on one ordered pair, turned into <see cref="StudyRow"/>s, curves, intervals and paired tests.
/// </summary>
public static class StudyUnits
{
    /// <summary>Fit and test on one dataset (within, degree2, self when source = target).</summary>
    public static StudyUnitResult Within(UnitContext c, DatasetEmbeddings data, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options)
    {
        var inputs = ComparisonInputs.FromSets(source, target, data.Sets[source], data.Sets[target]);
        var plan = CrossModelComparison.Plan(inputs, options);
        return Run(c, inputs, inputs, plan, sourceFamily, targetFamily, options.TrainRatio);
    }

    /// <summary>Fit on every identity of <paramref name="fit"/>, test on the test identities of each seed's split of <paramref name="test"/>.</summary>
    public static StudyUnitResult Cross(UnitContext c, DatasetEmbeddings fit, DatasetEmbeddings test, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options)
    {
        var fitInputs = ComparisonInputs.FromSets(source, target, fit.Sets[source], fit.Sets[target]);
        var testInputs = ComparisonInputs.FromSets(source, target, test.Sets[source], test.Sets[target]);
        var allFitRows = Enumerable.Range(0, fit.Records.Count).ToArray();
        var splits = options.Seeds.Select(seed =>
        {
            var split = TestSplit(test, options.TrainRatio, seed, null);
            var (_, testRows) = split.RowIndices(test.Records);
            ComparisonChecks.RequireEvaluableSplit($"split of seed {seed} of {test.Dataset}", allFitRows.Length,
                testRows.Select(r => test.Records[r].Identity).ToArray());
            return new SeedSplit(seed, split, allFitRows, testRows);
        }).ToList();
        var plan = CrossModelComparison.PlanWithSplits(options, splits);
        return Run(c, fitInputs, testInputs, plan, sourceFamily, targetFamily, trainRatio: 1.0); // every fit identity trains the map
    }

    /// <summary>Data efficiency or the alpha sweep: one comparison per train ratio, the test share fixed.</summary>
    public static StudyUnitResult Sweep(UnitContext c, DatasetEmbeddings data, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options, IReadOnlyList<double> trainRatios)
    {
        var parts = trainRatios.Select(r => Within(c, data, source, target, sourceFamily, targetFamily, options with { TrainRatio = r })).ToList();
        return new StudyUnitResult(parts.SelectMany(p => p.Rows).ToList(), parts.SelectMany(p => p.Curves).ToList(),
            parts.SelectMany(p => p.Intervals).ToList(), parts.SelectMany(p => p.Tests).ToList());
    }

    /// <summary>The identity split of a dataset for a seed (numpy-compatible, as <see cref="IdentitySplit.Random"/>).</summary>
    public static IdentitySplit TestSplit(DatasetEmbeddings data, double trainRatio, int seed, double? testRatio) =>
        IdentitySplit.Random(data.Records.Select(r => r.Identity), trainRatio, seed, testRatio);

    /// <summary>"ridge:alpha=0.1" → ("ridge", "alpha=0.1").</summary>
    public static (string Map, string Parameters) SplitLabel(string label)
    {
        var colon = label.IndexOf(':');
        return colon < 0 ? (label, "") : (label[..colon], label[(colon + 1)..]);
    }

    private static StudyUnitResult Run(UnitContext c, ComparisonInputs fit, ComparisonInputs test, ComparisonPlan plan,
        string sourceFamily, string targetFamily, double trainRatio)
    {
        var curves = new List<StudyCurvePoint>();
        var self = fit.SourceName == fit.TargetName;
        string MapName(string label) => self ? "self" : SplitLabel(label).Map;
        var result = CrossModelComparison.Run(fit, test, plan, c.Log, c.Curves
            ? (map, seed, e) => curves.AddRange(Curves(c, fit.SourceName, fit.TargetName, MapName(map.Label), seed, e))
            : null);
        var rows = result.Rows.Where(r => KeepMetric(r.Metric, c.AllMetrics)).Select(r =>
            new StudyRow(c.Experiment, c.FitDataset, c.TestDataset, c.Preprocessing, r.Source, r.Target, sourceFamily, targetFamily,
                MapName(r.Map), self ? "" : SplitLabel(r.Map).Parameters, trainRatio, r.Seed, r.Protocol, r.Task, r.Metric, r.Value)).ToList();
        var intervals = result.Bootstrap.Select(b => new UnitInterval(MapName(b.Map), self ? "" : SplitLabel(b.Map).Parameters, b.Seed,
            trainRatio, b.Protocol, b.Metric, b.Interval.Lower, b.Interval.Upper)).ToList();
        var tests = result.PairedTests.Select(t => new UnitPairedTest(MapName(t.Map), SplitLabel(t.Map).Parameters, trainRatio, t.Protocol,
            t.Metric, t.Wilcoxon.PValue, t.SignFlip.PValue)).ToList();
        return new StudyUnitResult(rows, curves, intervals, tests);
    }

    /// <summary>CMC points live in the curves, not the rows; sweeps keep the headline metrics only.</summary>
    private static bool KeepMetric(string metric, bool all)
    {
        if (metric.StartsWith("cmc@", StringComparison.Ordinal)) return false;
        if (all) return true;
        return metric is "rank1" or "rank5" or "rank10" or "map@50" or "auc" or "eer" || (metric.StartsWith("tmr@", StringComparison.Ordinal) && !metric.EndsWith("_interp", StringComparison.Ordinal));
    }

    private static IEnumerable<StudyCurvePoint> Curves(UnitContext c, string source, string target, string map, int seed, MappedPairEvaluation e)
    {
        foreach (var (protocol, r) in e.Identification)
            for (var k = 1; k <= r.Cmc.Length; k++)
                yield return new StudyCurvePoint(c.Experiment, c.TestDataset, source, target, map, seed, protocol.Name(), "cmc", k, r.Cmc[k - 1]);
        var roc = e.Verification.Roc;
        foreach (var fmr in LogGrid(1e-4, 1, c.RocPoints))
        {
            var tmr = roc.TmrAtFmrInterpolated(fmr);
            yield return new StudyCurvePoint(c.Experiment, c.TestDataset, source, target, map, seed, "reference", "roc", fmr, tmr);
            yield return new StudyCurvePoint(c.Experiment, c.TestDataset, source, target, map, seed, "reference", "det", fmr, 1 - tmr);
        }
    }

    private static IEnumerable<double> LogGrid(double from, double to, int points)
    {
        var a = Math.Log10(from);
        var b = Math.Log10(to);
        for (var i = 0; i < points; i++) yield return Math.Pow(10, a + (b - a) * i / (points - 1));
    }
}
