using FaceCompat.Embeddings;
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
        var curves = new List<StudyCurvePoint>();
        var mapName = source == target ? (Func<string, string>)(_ => "self") : label => SplitLabel(label).Map;
        var result = CrossModelComparison.Run(inputs, plan, c.Log,
            c.Curves ? (map, seed, e) => curves.AddRange(Curves(c, source, target, mapName(map.Label), seed, e)) : null);
        return Convert(c, result, source, target, sourceFamily, targetFamily, options.TrainRatio, curves);
    }

    /// <summary>
    /// Fit on every identity of <paramref name="fit"/>, test on the test identities of each seed's split of
    /// <paramref name="test"/> (<see cref="CrossModelComparison.RunCrossDataset"/> once per seed).
    /// </summary>
    public static StudyUnitResult Cross(UnitContext c, DatasetEmbeddings fit, DatasetEmbeddings test, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options)
    {
        var fitInputs = ComparisonInputs.FromSets(source, target, fit.Sets[source], fit.Sets[target]);
        var parts = new List<StudyUnitResult>();
        foreach (var seed in options.Seeds.Distinct())
        {
            var (_, testRows) = TestSplit(test, options.TrainRatio, seed, null).RowIndices(test.Records);
            var testInputs = ComparisonInputs.FromSets(source, target, StudyEmbeddings.RestrictRows(test.Sets[source], testRows),
                StudyEmbeddings.RestrictRows(test.Sets[target], testRows));
            var curves = new List<StudyCurvePoint>();
            var result = CrossModelComparison.RunCrossDataset(fitInputs, testInputs, options with { Seeds = [seed] }, c.Log,
                c.Curves ? (map, s, e) => curves.AddRange(Curves(c, source, target, SplitLabel(map.Label).Map, s, e)) : null);
            parts.Add(Convert(c, result, source, target, sourceFamily, targetFamily, trainRatio: 1.0, curves)); // every fit identity trains the map
        }
        var whole = Merge(parts);
        // paired tests over seeds need every seed's values: computed here from the per-seed rows
        return whole with { Tests = PairedTests(whole.Rows) };
    }

    /// <summary>
    /// <see cref="Within"/> for one source against several targets, seed by seed (every target of a seed
    /// before the next seed), so work that depends on the source and the split only — the degree-2 map's
    /// kernel and its factor — is done once per seed and reused by each target. The same results as
    /// <see cref="Within"/> per pair; the paired tests over seeds are computed from the merged rows.
    /// </summary>
    public static Dictionary<string, StudyUnitResult> WithinSeedBySeed(UnitContext c, DatasetEmbeddings data, string source,
        IReadOnlyList<string> targets, Func<string, string> family, ComparisonOptions options)
    {
        var parts = targets.ToDictionary(t => t, _ => new List<StudyUnitResult>());
        var seeds = options.Seeds.Distinct().ToArray();
        foreach (var seed in seeds)
            foreach (var target in targets)
                parts[target].Add(Within(c, data, source, target, family(source), family(target), options with { Seeds = [seed] }));
        return parts.ToDictionary(p => p.Key, p =>
        {
            var whole = Merge(p.Value);
            return whole with { Tests = PairedTests(whole.Rows, seeds) };
        });
    }

    /// <summary>Data efficiency or the alpha sweep: one comparison per train ratio, the test share fixed.</summary>
    public static StudyUnitResult Sweep(UnitContext c, DatasetEmbeddings data, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options, IReadOnlyList<double> trainRatios)
    {
        return Merge(trainRatios.Select(r => Within(c, data, source, target, sourceFamily, targetFamily, options with { TrainRatio = r })).ToList());
    }

    /// <summary>Whether two sweeps can share their work: the same dataset, train ratios, test share, seeds, protocols and preparation.</summary>
    public static bool CanShare(ComparisonOptions a, IReadOnlyList<double> ratiosA, ComparisonOptions b, IReadOnlyList<double> ratiosB) =>
        ratiosA.SequenceEqual(ratiosB) && a.TestRatio == b.TestRatio && a.Seeds.SequenceEqual(b.Seeds) && a.Protocols.SequenceEqual(b.Protocols)
        && a.Preparation == b.Preparation && a.BootstrapResamples == b.BootstrapResamples && a.TrainRatio == b.TrainRatio && a.SplitFile == b.SplitFile;

    /// <summary>
    /// Two sweeps of one pair (data efficiency and the alpha sweep) from one comparison per train ratio over
    /// the union of their maps: the preparation, X^T X and X^T Y of each split are computed once, and a map in
    /// both (ridge alpha 0.1) is fitted and scored once. Each unit gets exactly the rows, in the order, that
    /// <see cref="Sweep"/> gives it alone (see <see cref="CanShare"/> for when this applies).
    /// </summary>
    public static (StudyUnitResult First, StudyUnitResult Second) SweepsTogether(UnitContext first, ComparisonOptions firstOptions,
        UnitContext second, ComparisonOptions secondOptions, DatasetEmbeddings data, string source, string target,
        string sourceFamily, string targetFamily, IReadOnlyList<double> trainRatios)
    {
        if (!CanShare(firstOptions, trainRatios, secondOptions, trainRatios)) throw new ArgumentException("The sweeps' settings differ; run them apart.");
        var union = firstOptions.Maps.Concat(secondOptions.Maps).ToList();
        var inputs = ComparisonInputs.FromSets(source, target, data.Sets[source], data.Sets[target]);
        var firstParts = new List<StudyUnitResult>();
        var secondParts = new List<StudyUnitResult>();
        foreach (var ratio in trainRatios)
        {
            var options = firstOptions with { Maps = union, TrainRatio = ratio };
            var plan = CrossModelComparison.Plan(inputs, options);
            var result = CrossModelComparison.Run(inputs, plan, first.Log);
            firstParts.Add(Convert(first, Only(result, firstOptions.Maps, plan), source, target, sourceFamily, targetFamily, ratio, []));
            secondParts.Add(Convert(second, Only(result, secondOptions.Maps, plan), source, target, sourceFamily, targetFamily, ratio, []));
        }
        return (Merge(firstParts), Merge(secondParts));
    }

    /// <summary>The rows and paired tests of the given maps only, ordered as a comparison of just those maps orders them.</summary>
    private static ComparisonResult Only(ComparisonResult result, IReadOnlyList<string> specs, ComparisonPlan plan)
    {
        var labels = CrossModelComparison.ParseMaps(specs).Select(m => m.Label).ToList();
        var seeds = plan.Splits.Select(s => s.Seed).ToList();
        var rows = result.Rows.Where(r => labels.Contains(r.Map)).OrderBy(r => seeds.IndexOf(r.Seed)).ThenBy(r => labels.IndexOf(r.Map)).ToList();
        var tests = labels.Contains(CrossModelComparison.BaselineMap)
            ? result.PairedTests.Where(t => labels.Contains(t.Map)).OrderBy(t => labels.IndexOf(t.Map)).ToList()
            : [];
        return result with { Rows = rows, PairedTests = tests, Bootstrap = result.Bootstrap.Where(b => labels.Contains(b.Map)).ToList() };
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

    private static StudyUnitResult Convert(UnitContext c, ComparisonResult result, string source, string target,
        string sourceFamily, string targetFamily, double trainRatio, List<StudyCurvePoint> curves)
    {
        var self = source == target;
        string MapName(string label) => self ? "self" : SplitLabel(label).Map;
        string Parameters(string label) => self ? "" : SplitLabel(label).Parameters;
        var rows = result.Rows.Where(r => KeepMetric(r.Metric, c.AllMetrics)).Select(r =>
            new StudyRow(c.Experiment, c.FitDataset, c.TestDataset, c.Preprocessing, r.Source, r.Target, sourceFamily, targetFamily,
                MapName(r.Map), Parameters(r.Map), trainRatio, r.Seed, r.Protocol, r.Task, r.Metric, r.Value)).ToList();
        var intervals = result.Bootstrap.Select(b => new UnitInterval(MapName(b.Map), Parameters(b.Map), b.Seed,
            trainRatio, b.Protocol, b.Metric, b.Interval.Lower, b.Interval.Upper)).ToList();
        var tests = result.PairedTests.Select(t => new UnitPairedTest(MapName(t.Map), Parameters(t.Map), trainRatio, t.Protocol,
            t.Metric, t.Wilcoxon.PValue, t.SignFlip.PValue)).ToList();
        return new StudyUnitResult(rows, curves, intervals, tests);
    }

    private static StudyUnitResult Merge(IReadOnlyList<StudyUnitResult> parts) =>
        new(parts.SelectMany(p => p.Rows).ToList(), parts.SelectMany(p => p.Curves).ToList(),
            parts.SelectMany(p => p.Intervals).ToList(), parts.SelectMany(p => p.Tests).ToList());

    /// <summary>The same paired tests as <see cref="CrossModelComparison"/> (against the baseline, over seeds), from study rows.</summary>
    /// <param name="seedOrder">The order the seeds' values are paired in (default ascending).</param>
    private static List<UnitPairedTest> PairedTests(IReadOnlyList<StudyRow> rows, int[]? seedOrder = null)
    {
        var tests = new List<UnitPairedTest>();
        var seeds = seedOrder ?? rows.Select(r => r.Seed).Distinct().Order().ToArray();
        if (seeds.Length < 2 || !rows.Any(r => r.Map == CrossModelComparison.BaselineMap)) return tests;
        var values = rows.ToDictionary(r => (r.Map, r.MapParameters, r.Seed, r.Protocol, r.Task, r.Metric), r => r.Value);
        var metrics = new[] { ("identification", "rank1"), ("identification", "map@50"), ("verification", "eer"), ("verification", "auc") };
        foreach (var (map, parameters, trainRatio) in rows.Select(r => (r.Map, r.MapParameters, r.TrainRatio)).Distinct())
        {
            if (map == CrossModelComparison.BaselineMap) continue;
            foreach (var (task, metric) in metrics)
                foreach (var protocol in rows.Where(r => r.Task == task && r.Metric == metric).Select(r => r.Protocol).Distinct())
                {
                    var x = seeds.Select(s => values[(map, parameters, s, protocol, task, metric)]).ToArray();
                    var y = seeds.Select(s => values[(CrossModelComparison.BaselineMap, "", s, protocol, task, metric)]).ToArray();
                    tests.Add(new UnitPairedTest(map, parameters, trainRatio, protocol, metric,
                        Analysis.PairedTests.Wilcoxon(x, y).PValue, Analysis.PairedTests.SignFlip(x, y).PValue));
                }
        }
        return tests;
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
