using FaceCompat.Analysis;
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Studies.Experiments;

/// <summary>What every unit of one experiment shares: names, preprocessing label, settings.</summary>
internal sealed record UnitContext(string Experiment, string FitDataset, string TestDataset, string Preprocessing, int RocPoints,
    bool Curves, bool AllMetrics, Action<string>? Log);

/// <summary>
/// The computations behind the experiments' units: one or several <see cref="CrossModelComparison"/> runs on one
/// ordered pair, turned into <see cref="StudyRow"/>s, curves, intervals and paired tests.
/// </summary>
internal static class UnitComputations
{
    /// <summary>Fit and test on one dataset (within, degree2, self when source = target).</summary>
    public static StudyUnitResult Within(UnitContext c, DatasetEmbeddings data, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options, WorkMemo memo)
    {
        var inputs = ComparisonInputs.FromSets(source, target, data.Sets[source], data.Sets[target], others: Others(data, options));
        var plan = CrossModelComparison.Plan(inputs, options);
        var curves = new List<StudyCurvePoint>();
        var result = CrossModelComparison.Run(inputs, plan, c.Log,
            c.Curves ? (map, seed, e) => curves.AddRange(Curves(c, source, target, MapName(map, source, target), seed, e)) : null, memo);
        var tests = result.PairedTests.Select(t => new UnitPairedTest(MapName(Spec(plan, t.Map), source, target), Parameters(Spec(plan, t.Map), source, target),
            options.TrainRatio, t.Protocol, t.Metric.Name, t.Wilcoxon.PValue, t.SignFlip.PValue)).ToList();
        return Convert(c, result, plan, source, target, sourceFamily, targetFamily, options.TrainRatio, curves) with { Tests = tests };
    }

    /// <summary>
    /// Fit on every identity of <paramref name="fit"/>, test on the test identities of each seed's split of
    /// <paramref name="test"/> (<c>CrossModelComparison.RunCrossDataset</c> once per seed).
    /// </summary>
    public static StudyUnitResult Cross(UnitContext c, DatasetEmbeddings fit, DatasetEmbeddings test, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options, WorkMemo memo)
    {
        var fitInputs = ComparisonInputs.FromSets(source, target, fit.Sets[source], fit.Sets[target], others: Others(fit, options));
        var parts = new List<StudyUnitResult>();
        foreach (var seed in options.Seeds.Distinct())
        {
            var (_, testRows) = TestSplit(test, options.TrainRatio, seed, null).RowIndices(test.Records);
            var testInputs = ComparisonInputs.FromSets(source, target, StudyEmbeddings.RestrictRows(test.Sets[source], testRows),
                StudyEmbeddings.RestrictRows(test.Sets[target], testRows));
            var curves = new List<StudyCurvePoint>();
            var seedOptions = options with { Seeds = [seed] };
            var plan = new ComparisonPlan(CrossModelComparison.DistinctMaps(options.Maps), [], seedOptions);
            var result = CrossModelComparison.RunCrossDataset(fitInputs, testInputs, seedOptions, c.Log,
                c.Curves ? (map, s, e) => curves.AddRange(Curves(c, source, target, map.Name, s, e)) : null, memo);
            parts.Add(Convert(c, result, plan, source, target, sourceFamily, targetFamily, trainRatio: 1.0, curves)); // every fit identity trains the map
        }
        var whole = Merge(parts);
        // paired tests over seeds need every seed's values: computed from the per-seed rows, seeds in ascending order
        return whole with { Tests = PairedTests(whole.Rows, whole.Rows.Select(r => r.Seed).Distinct().Order().ToArray()) };
    }

    /// <summary>Data efficiency or the alpha sweep: one comparison per train ratio, the test share fixed.</summary>
    public static StudyUnitResult Sweep(UnitContext c, DatasetEmbeddings data, string source, string target,
        string sourceFamily, string targetFamily, ComparisonOptions options, IReadOnlyList<double> trainRatios, WorkMemo memo) =>
        Merge(trainRatios.Select(r => Within(c, data, source, target, sourceFamily, targetFamily, options with { TrainRatio = r }, memo)).ToList());

    /// <summary>
    /// An operating-points run (<see cref="OperatingPointsRun.Run"/>) of one ordered pair on <paramref name="test"/>'s
    /// splits, with the exposure scenario when <paramref name="fit"/> is given: its rows as the unit's operating points.
    /// </summary>
    public static StudyUnitResult OperatingPoints(UnitKey key, DatasetEmbeddings? fit, DatasetEmbeddings test, string source, string target,
        OperatingPointsOptions options)
    {
        // A shared space is fitted on every model (the recipes list their embeddings): the test set's for the seeds' maps,
        // the fit set's for the exposure maps.
        var hub = Mapping.Hub.HubRows.Needed(options.Maps);
        var inputs = ComparisonInputs.FromSets(source, target, test.Sets[source], test.Sets[target], others: hub && !options.ExposureOnly ? test.Sets : null);
        var fitInputs = fit is null ? null : ComparisonInputs.FromSets(source, target, fit.Sets[source], fit.Sets[target], others: hub ? fit.Sets : null);
        var result = OperatingPointsRun.Run(inputs, fitInputs, options);
        return new StudyUnitResult([], [], [], []) { OperatingPoints = result.Rows.Select(r => StudyOperatingPoint.Of(key, r)).ToList() };
    }

    /// <summary>The identity split of a dataset for a seed (numpy-compatible, as <see cref="IdentitySplit.Random"/>).</summary>
    public static IdentitySplit TestSplit(DatasetEmbeddings data, double trainRatio, int seed, double? testRatio) =>
        IdentitySplit.Random(data.Records.Select(r => r.Identity), trainRatio, seed, testRatio);

    /// <summary>Every model's embeddings when a map is fitted through a shared space of them, else none.</summary>
    private static IReadOnlyDictionary<string, EmbeddingSet>? Others(DatasetEmbeddings data, ComparisonOptions options) =>
        Mapping.Hub.HubRows.Needed(options.Maps) ? data.Sets : null;

    /// <summary>A map's name in study rows: "self" when a model is compared with itself.</summary>
    private static string MapName(MapSpec map, string source, string target) => source == target ? "self" : map.Name;

    private static string Parameters(MapSpec map, string source, string target) => source == target ? "" : map.ParameterText;

    private static MapSpec Spec(ComparisonPlan plan, string label) => plan.Maps.First(m => m.Label == label);

    private static StudyUnitResult Convert(UnitContext c, ComparisonResult result, ComparisonPlan plan, string source, string target,
        string sourceFamily, string targetFamily, double trainRatio, List<StudyCurvePoint> curves)
    {
        var maps = plan.Maps.ToDictionary(m => m.Label);
        var rows = result.Rows.Where(r => Keep(r.Metric, c.AllMetrics)).Select(r =>
            new StudyRow(c.Experiment, c.FitDataset, c.TestDataset, c.Preprocessing, r.Source, r.Target, sourceFamily, targetFamily,
                MapName(maps[r.Map], source, target), Parameters(maps[r.Map], source, target), trainRatio, r.Seed, r.Protocol, r.Task, r.Metric, r.Value)).ToList();
        var intervals = result.Bootstrap.Select(b => new UnitInterval(MapName(maps[b.Map], source, target), Parameters(maps[b.Map], source, target), b.Seed,
            trainRatio, b.Protocol, b.Metric, b.Interval.Lower, b.Interval.Upper)).ToList();
        return new StudyUnitResult(rows, curves, intervals, []);
    }

    private static StudyUnitResult Merge(IReadOnlyList<StudyUnitResult> parts) =>
        new(parts.SelectMany(p => p.Rows).ToList(), parts.SelectMany(p => p.Curves).ToList(),
            parts.SelectMany(p => p.Intervals).ToList(), parts.SelectMany(p => p.Tests).ToList());

    /// <summary>Paired tests against the baseline over the seeds of merged study rows (<see cref="BaselineTests"/>), seeds paired in <paramref name="seeds"/> order.</summary>
    private static List<UnitPairedTest> PairedTests(IReadOnlyList<StudyRow> rows, int[] seeds)
    {
        var baseline = MapRegistry.Baseline.Name;
        if (!rows.Any(r => r.Map == baseline)) return [];
        var values = rows.ToDictionary(r => (r.Map, r.MapParameters, r.Seed, r.Protocol, r.Metric), r => r.Value);
        var maps = rows.Select(r => (r.Map, r.MapParameters, r.TrainRatio)).Distinct().ToList();
        return BaselineTests.Run(maps, maps.First(m => m.Map == baseline && m.MapParameters == ""), seeds.Length,
                metric => rows.Where(r => r.Metric == metric.Name).Select(r => r.Protocol).Distinct(),
                (map, protocol, metric) => seeds.Select(s => values[(map.Map, map.MapParameters, s, protocol, metric.Name)]).ToArray())
            .Select(t => new UnitPairedTest(t.Map.Map, t.Map.MapParameters, t.Map.TrainRatio, t.Protocol, t.Metric.Name, t.Wilcoxon.PValue, t.SignFlip.PValue))
            .ToList();
    }

    /// <summary>CMC points live in the curves, not the rows; sweeps keep the headline metrics only.</summary>
    private static bool Keep(string name, bool all) =>
        Metrics.Find(name) is { } metric ? !metric.CurvePoint && (all || metric.Headline) : all;

    private static IEnumerable<StudyCurvePoint> Curves(UnitContext c, string source, string target, string map, int seed, MappedPairEvaluation e)
    {
        foreach (var (protocol, r) in e.Identification)
            for (var k = 1; k <= r.Cmc.Length; k++)
                yield return new StudyCurvePoint(c.Experiment, c.TestDataset, source, target, map, seed, protocol.Name(), "cmc", k, r.Cmc[k - 1]);
        var roc = e.Verification.Roc;
        var reference = IdentificationProtocol.Reference.Name();
        foreach (var fmr in LogGrid(1e-4, 1, c.RocPoints))
        {
            var tmr = roc.TmrAtFmrInterpolated(fmr);
            yield return new StudyCurvePoint(c.Experiment, c.TestDataset, source, target, map, seed, reference, "roc", fmr, tmr);
            yield return new StudyCurvePoint(c.Experiment, c.TestDataset, source, target, map, seed, reference, "det", fmr, 1 - tmr);
        }
    }

    private static IEnumerable<double> LogGrid(double from, double to, int points)
    {
        var a = Math.Log10(from);
        var b = Math.Log10(to);
        for (var i = 0; i < points; i++) yield return Math.Pow(10, a + (b - a) * i / (points - 1));
    }
}
