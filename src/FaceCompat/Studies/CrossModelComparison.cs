using FaceCompat.Analysis;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Embeddings;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Studies;

/// <summary>
/// The comparison runner: for one source and target embedding set, fits every map on the train
/// identities of every seed and scores identification (each protocol) and verification on the test
/// identities. <see cref="RunToFolder"/> is the whole <c>facecompat compare</c>; the study reuses
/// <see cref="Plan"/>, <see cref="Run"/> and <see cref="ComparisonWriter"/>.
/// </summary>
public static class CrossModelComparison
{
    public const string BaselineMap = "unaligned";
    public static readonly IReadOnlyList<string> ControlMaps = ["shuffled", "random-orthogonal"];

    /// <summary>Loads, validates, runs and writes results.csv, results.json and splits/ into <paramref name="outDir"/>
    /// (all or nothing: nothing is left behind on error).</summary>
    public static ComparisonResult RunToFolder(string embeddings, string source, string target, ComparisonOptions options,
        string outDir, Action<string>? progress = null)
    {
        OutputDirectory.EnsureUsable(Path.GetFullPath(outDir));
        var inputs = ComparisonInputs.Load(embeddings, source, target);
        var plan = Plan(inputs, options);
        var result = Run(inputs, plan, progress);
        using var output = OutputDirectory.Begin(outDir);
        ComparisonWriter.Write(output.Staging, inputs, plan, result);
        output.Commit();
        return result;
    }

    /// <summary>Checks the options against the inputs and fixes the splits, before any work is done.</summary>
    public static ComparisonPlan Plan(ComparisonInputs inputs, ComparisonOptions options)
    {
        if (options.Maps.Count == 0) throw new FaceCompatException("No map to run.");
        if (options.Seeds.Count == 0) throw new FaceCompatException("No seed to run.");
        if (options.Protocols.Count == 0) throw new FaceCompatException("No identification protocol to run.");
        var maps = ParseMaps(options.Maps);
        var records = inputs.Source.Records;
        var identities = records.Select(r => r.Identity).Distinct(StringComparer.Ordinal).ToArray();
        if (identities.Length == 0) throw new FaceCompatException("The embeddings list no identity.");
        var fixedSplit = options.SplitFile is null ? null : IdentitySplit.Read(options.SplitFile);

        var splits = new List<SeedSplit>();
        foreach (var seed in options.Seeds.Distinct())
        {
            var split = fixedSplit ?? IdentitySplit.Random(identities, options.TrainRatio, seed, options.TestRatio);
            var (trainRows, testRows) = fixedSplit is null && options.TestRatio is not null
                ? RowsLeavingGap(split, records)
                : split.RowIndices(records);
            ComparisonChecks.RequireEvaluableSplit(fixedSplit is null ? $"split of seed {seed}" : $"split {options.SplitFile}",
                trainRows.Length, testRows.Select(r => records[r].Identity).ToArray());
            splits.Add(new SeedSplit(seed, split, trainRows, testRows));
        }
        return new ComparisonPlan(maps, splits, options);
    }

    /// <param name="observe">Sees each full evaluation (map, seed, evaluation), e.g. to keep CMC/ROC curves.</param>
    public static ComparisonResult Run(ComparisonInputs inputs, ComparisonPlan plan, Action<string>? progress = null,
        Action<ComparisonMap, int, MappedPairEvaluation>? observe = null)
    {
        var rows = new List<ComparisonRow>();
        var bootstrap = new List<BootstrapRow>();
        var src = inputs.Source;
        var tgt = inputs.Target;
        foreach (var split in plan.Splits)
            EvaluateSeed(inputs.SourceName, inputs.TargetName,
                MapTraining.Rows(src, split.TrainRows), MapTraining.Rows(tgt, split.TrainRows),
                MapTraining.Rows(src, split.TestRows), MapTraining.Rows(tgt, split.TestRows),
                split.TestRows.Select(r => src.Records[r].Identity), split.Seed, plan, rows, bootstrap, progress, observe);
        return Finish(rows, bootstrap, plan, plan.Splits.Select(s => s.Seed).ToArray());
    }

    /// <summary>
    /// Cross-dataset: every map is fitted on all rows of <paramref name="fit"/> (e.g. CFP) and scored on all
    /// rows of <paramref name="test"/> (e.g. LFW); the seeds drive the impostor pairs, the controls and the
    /// bootstrap. Both inputs must pair the same source and target models (same dimensions).
    /// </summary>
    public static ComparisonResult RunCrossDataset(ComparisonInputs fit, ComparisonInputs test, ComparisonOptions options,
        Action<string>? progress = null, Action<ComparisonMap, int, MappedPairEvaluation>? observe = null)
    {
        if (fit.Source.Dimension != test.Source.Dimension || fit.Target.Dimension != test.Target.Dimension)
            throw new FaceCompatException($"The fit set is {fit.Source.Dimension}-d -> {fit.Target.Dimension}-d but the test set is " +
                $"{test.Source.Dimension}-d -> {test.Target.Dimension}-d; both must come from the same two models.");
        ComparisonChecks.RequireEvaluableSplit("cross-dataset test set", fit.Source.Count, test.Source.Records.Select(r => r.Identity).ToArray());
        if (options.Seeds.Count == 0) throw new FaceCompatException("No seed to run.");
        var plan = new ComparisonPlan(ParseMaps(options.Maps), [], options);
        var rows = new List<ComparisonRow>();
        var bootstrap = new List<BootstrapRow>();
        var fitRows = Enumerable.Range(0, fit.Source.Count).ToArray();
        var testRows = Enumerable.Range(0, test.Source.Count).ToArray();
        var sourceTrain = MapTraining.Rows(fit.Source, fitRows);
        var targetTrain = MapTraining.Rows(fit.Target, fitRows);
        var sourceTest = MapTraining.Rows(test.Source, testRows);
        var targetTest = MapTraining.Rows(test.Target, testRows);
        foreach (var seed in options.Seeds.Distinct())
            EvaluateSeed(test.SourceName, test.TargetName, sourceTrain, targetTrain, sourceTest, targetTest,
                test.Source.Records.Select(r => r.Identity), seed, plan, rows, bootstrap, progress, observe);
        return Finish(rows, bootstrap, plan, options.Seeds.Distinct().ToArray());
    }

    private static void EvaluateSeed(string sourceName, string targetName, Matrix sourceTrain, Matrix targetTrain,
        Matrix sourceTest, Matrix targetTest, IEnumerable<string> testIdentities, int seed, ComparisonPlan plan,
        List<ComparisonRow> rows, List<BootstrapRow> bootstrap, Action<string>? progress, Action<ComparisonMap, int, MappedPairEvaluation>? observe)
    {
        var preparation = Preparation.Fit(sourceTrain, targetTrain, plan.Options.Preparation);
        var pair = preparation.PrepareTraining(sourceTrain, targetTrain); // shared products for every map of this seed
        var n = sourceTest.Rows;
        var codes = IdentityCodes(testIdentities);
        var pairs = Verification.ReferencePairs(codes, unchecked((ulong)seed));
        // Maps that leave the target side as prepared (all but a shared-space map such as CCA) share one gallery,
        // and maps fitted on this seed's preparation share the prepared test queries.
        float[]? preparedGallery = null;
        Matrix? preparedQueries = null;
        foreach (var map in plan.Maps)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fitted = plan.Fitter(map, seed).Fit(pair);
            var mapped = ReferenceEquals(fitted.Preparation, preparation)
                ? fitted.SourceHead.Apply(preparedQueries ??= preparation.Source.Apply(sourceTest))
                : fitted.TransformSource(sourceTest);
            var sharedGallery = fitted.TargetHead is IdentityHead && ReferenceEquals(fitted.Preparation, preparation);
            var gallery = sharedGallery && preparedGallery is not null ? preparedGallery : null;
            if (gallery is null)
            {
                var galleryRows = fitted.TransformTarget(targetTest);
                gallery = Rows.Normalized(galleryRows.Data, n, galleryRows.Cols);
                if (sharedGallery) preparedGallery = gallery;
            }
            var fitSeconds = clock.Elapsed.TotalSeconds;
            var queries = Rows.Normalized(mapped.Data, n, mapped.Cols);
            var evaluation = MappedPairEvaluator.Evaluate(queries, gallery, mapped.Cols, codes, pairs, plan.Options.Protocols);
            var scoreSeconds = clock.Elapsed.TotalSeconds - fitSeconds;
            rows.AddRange(MappedPairEvaluator.Rows(sourceName, targetName, map.Label, seed, evaluation));
            if (plan.Options.BootstrapResamples > 0) bootstrap.AddRange(BootstrapRows(map.Label, seed, evaluation, codes, plan.Options.BootstrapResamples));
            observe?.Invoke(map, seed, evaluation);
            progress?.Invoke($"seed {seed} {map.Label}: " + string.Join(", ", evaluation.Identification.Select(p =>
                $"{p.Key.Name()} Rank-1 {p.Value.Rank1:P1}")) + $", EER {evaluation.Verification.Eer:P2} (fit {fitSeconds:F1} s, scores {scoreSeconds:F1} s)");
        }
    }

    private static ComparisonResult Finish(List<ComparisonRow> rows, List<BootstrapRow> bootstrap, ComparisonPlan plan, int[] seeds)
    {
        var summary = Summaries(rows);
        return new ComparisonResult(rows, summary, Controls(rows, summary, plan, seeds), bootstrap, PairedTestRows(rows, plan, seeds), plan.Splits);
    }

    /// <summary>Map specs to labelled maps; an unknown name or parameter is a clear error.</summary>
    public static List<ComparisonMap> ParseMaps(IReadOnlyList<string> specs)
    {
        if (specs.Count == 0) throw new FaceCompatException("No map to run.");
        var maps = new List<ComparisonMap>();
        foreach (var spec in specs)
        {
            var fitter = MapCatalog.Create(spec.Trim());
            var label = spec.Contains(':') ? spec.Trim() : fitter.Name;
            if (maps.Any(m => m.Label == label)) continue;
            maps.Add(new ComparisonMap(label, spec.Trim(), fitter.Name));
        }
        return maps;
    }

    /// <summary>With a fixed test share some identities are in neither subset: their rows are left out.</summary>
    private static (int[] Train, int[] Test) RowsLeavingGap(IdentitySplit split, IReadOnlyList<Embeddings.EmbeddingRecord> records)
    {
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            if (split.IsTrain(records[i].Identity)) train.Add(i);
            else if (split.IsTest(records[i].Identity)) test.Add(i);
        }
        return (train.ToArray(), test.ToArray());
    }

    private static int[] IdentityCodes(IEnumerable<string> identities)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        return identities.Select(id => codes.TryGetValue(id, out var c) ? c : codes[id] = codes.Count).ToArray();
    }

    private static IEnumerable<BootstrapRow> BootstrapRows(string map, int seed, MappedPairEvaluation e, int[] codes, int resamples)
    {
        foreach (var (protocol, r) in e.Identification)
        {
            var groups = r.EvaluatedQueries.Select(q => codes[q]).ToArray();
            var hit1 = r.FirstHitRank.Select(k => k == 1 ? 1.0 : 0.0).ToArray();
            var s = unchecked((ulong)seed);
            var intervals = Bootstrap.GroupedMeans([hit1, r.AveragePrecision.ToArray()], groups, resamples, 0.95, s); // one set of draws for both
            yield return new BootstrapRow(map, seed, protocol.Name(), "rank1", intervals[0]);
            yield return new BootstrapRow(map, seed, protocol.Name(), "map@50", intervals[1]);
        }
    }

    private static List<SummaryRow> Summaries(List<ComparisonRow> rows) =>
        rows.GroupBy(r => (r.Map, r.Protocol, r.Task, r.Metric))
            .Select(g => new SummaryRow(g.Key.Map, g.Key.Protocol, g.Key.Task, g.Key.Metric, Summary.Of(g.Select(r => r.Value).ToArray())))
            .ToList();

    private static List<ControlCheck> Controls(List<ComparisonRow> rows, List<SummaryRow> summary, ComparisonPlan plan, int[] seeds)
    {
        var checks = new List<ControlCheck>();
        var labels = plan.Maps.Select(m => m.Label).ToArray();
        if (!labels.Contains(BaselineMap)) return checks;
        var values = rows.Where(r => r.Task == "identification" && r.Metric is "rank1" or "chance_rank1")
            .ToDictionary(r => (r.Map, r.Seed, r.Protocol, r.Metric), r => r.Value);
        double[] PerSeed(string map, string protocol, string metric) =>
            seeds.Select(seed => values.GetValueOrDefault((map, seed, protocol, metric), double.NaN)).ToArray();
        double Rank1(string map, string protocol) =>
            summary.First(s => s.Map == map && s.Protocol == protocol && s.Metric == "rank1").Summary.Mean;
        foreach (var protocol in plan.Options.Protocols.Select(p => p.Name()))
        {
            var fitted = plan.Maps.Where(m => m.Name != BaselineMap && !ControlMaps.Contains(m.Name)).Select(m => m.Label).ToArray();
            var bestMap = fitted.Length == 0 ? null : fitted.MaxBy(m => Rank1(m, protocol));
            var baseline = PerSeed(BaselineMap, protocol, "rank1");
            var best = bestMap is null ? [] : PerSeed(bestMap, protocol, "rank1");
            foreach (var control in plan.Maps.Where(m => ControlMaps.Contains(m.Name)).Select(m => m.Label))
            {
                var value = PerSeed(control, protocol, "rank1");
                var chance = PerSeed(control, protocol, "chance_rank1");
                checks.Add(new ControlCheck(control, protocol, value.Average(), baseline.Average(), chance.Average(),
                    bestMap is null ? double.NaN : best.Average(), ControlRule.Judge(value, baseline, chance, best)));
            }
        }
        return checks;
    }

    private static List<PairedTestRow> PairedTestRows(List<ComparisonRow> rows, ComparisonPlan plan, int[] seeds)
    {
        var tests = new List<PairedTestRow>();
        var labels = plan.Maps.Select(m => m.Label).ToArray();
        if (!labels.Contains(BaselineMap) || seeds.Length < 2) return tests;
        var metrics = new[] { ("identification", "rank1"), ("identification", "map@50"), ("verification", "eer"), ("verification", "auc") };
        var protocols = plan.Options.Protocols.Select(p => p.Name()).ToArray();
        foreach (var map in labels.Where(m => m != BaselineMap))
            foreach (var (task, metric) in metrics)
                foreach (var protocol in task == "verification" ? ["reference"] : protocols)
                {
                    double[] Values(string m) => seeds.Select(seed => rows.First(r => r.Map == m && r.Seed == seed &&
                        r.Protocol == protocol && r.Task == task && r.Metric == metric).Value).ToArray();
                    var x = Values(map);
                    var y = Values(BaselineMap);
                    tests.Add(new PairedTestRow(map, BaselineMap, protocol, metric, PairedTests.Wilcoxon(x, y), PairedTests.SignFlip(x, y)));
                }
        return tests;
    }
}

/// <summary>One map of a comparison: its label in the results, the spec it was given and its canonical name.</summary>
public sealed record ComparisonMap(string Label, string Spec, string Name);

/// <summary>The validated maps and splits a comparison will run.</summary>
public sealed record ComparisonPlan(IReadOnlyList<ComparisonMap> Maps, IReadOnlyList<SeedSplit> Splits, ComparisonOptions Options)
{
    /// <summary>The fitter of a map for a seed; the controls take the seed unless their spec names one.</summary>
    public IMapFitter Fitter(ComparisonMap map, int seed)
    {
        var seeded = CrossModelComparison.ControlMaps.Contains(map.Name) && !MapSpec.Parse(map.Spec).Values.ContainsKey("seed");
        return MapCatalog.Create(seeded ? $"{map.Spec}:seed={seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : map.Spec);
    }
}
