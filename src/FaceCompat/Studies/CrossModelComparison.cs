using FaceCompat.Analysis;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Embeddings;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Hub;
using FaceCompat.Mapping.Unpaired;
using FaceCompat.Numerics;

namespace FaceCompat.Studies;

/// <summary>
/// The comparison runner: for one source and target embedding set, fits every map on the train
/// identities of every seed and scores identification (each protocol) and verification on the test
/// identities. <see cref="RunToFolder"/> is the whole <c>facecompat compare</c>; the study reuses
/// <see cref="Plan"/>, <see cref="Run(ComparisonInputs, ComparisonPlan, Action{string})"/> and <see cref="ComparisonWriter"/>.
/// </summary>
public static class CrossModelComparison
{

    /// <summary>Loads, validates, runs and writes results.csv, results.json and splits/ into <paramref name="outDir"/>
    /// (all or nothing: nothing is left behind on error).</summary>
    public static ComparisonResult RunToFolder(string embeddings, string source, string target, ComparisonOptions options,
        string outDir, Action<string>? progress = null)
    {
        OutputDirectory.EnsureUsable(Path.GetFullPath(outDir));
        var inputs = ComparisonInputs.Load(embeddings, source, target, withOthers: HubRows.Needed(options.Maps));
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
        var maps = DistinctMaps(options.Maps);
        var records = inputs.Source.Records;
        var identities = records.Select(r => r.Identity).Distinct(StringComparer.Ordinal).ToArray();
        if (identities.Length == 0) throw new FaceCompatException("The embeddings list no identity.");
        var fixedSplit = options.SplitFile is null ? null : IdentitySplit.Read(options.SplitFile).RequireEvaluable();

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

    /// <summary>Fits and scores every map of <paramref name="plan"/> on every split of it; <paramref name="progress"/> gets one line per step.</summary>
    public static ComparisonResult Run(ComparisonInputs inputs, ComparisonPlan plan, Action<string>? progress = null) =>
        Run(inputs, plan, progress, null, null);

    /// <param name="observe">Sees each full evaluation (map, seed, evaluation), e.g. to keep CMC/ROC curves.</param>
    /// <param name="memo">Where work shared with other comparisons of the same rows is kept (a study's), or null.</param>
    internal static ComparisonResult Run(ComparisonInputs inputs, ComparisonPlan plan, Action<string>? progress,
        Action<MapSpec, int, MappedPairEvaluation>? observe, WorkMemo? memo)
    {
        var rows = new List<ComparisonRow>();
        var bootstrap = new List<BootstrapRow>();
        var src = inputs.Source;
        var tgt = inputs.Target;
        foreach (var split in plan.Splits)
            EvaluateSeed(inputs.SourceName, inputs.TargetName,
                new SelectedRows(src, split.TrainRows), new SelectedRows(tgt, split.TrainRows),
                new SelectedRows(src, split.TestRows), new SelectedRows(tgt, split.TestRows),
                split.TrainRows.Select(r => src.Records[r].Identity).ToArray(),
                split.TestRows.Select(r => src.Records[r].Identity), split.Seed, plan, rows, bootstrap, progress, observe, memo,
                () => TrainRowsOfAll(inputs, split.TrainRows));
        return Finish(rows, bootstrap, plan, plan.Splits.Select(s => s.Seed).ToArray());
    }

    /// <inheritdoc cref="RunCrossDataset(ComparisonInputs, ComparisonInputs, ComparisonOptions, Action{string}?, Action{MapSpec, int, MappedPairEvaluation}?, WorkMemo?)"/>
    public static ComparisonResult RunCrossDataset(ComparisonInputs fit, ComparisonInputs test, ComparisonOptions options, Action<string>? progress = null) =>
        RunCrossDataset(fit, test, options, progress, null, null);

    /// <summary>
    /// Cross-dataset: every map is fitted on all rows of <paramref name="fit"/> (e.g. CFP) and scored on all
    /// rows of <paramref name="test"/> (e.g. LFW); the seeds drive the impostor pairs, the controls and the
    /// bootstrap. Both inputs must pair the same source and target models (same dimensions).
    /// </summary>
    internal static ComparisonResult RunCrossDataset(ComparisonInputs fit, ComparisonInputs test, ComparisonOptions options,
        Action<string>? progress, Action<MapSpec, int, MappedPairEvaluation>? observe, WorkMemo? memo)
    {
        if (fit.Source.Dimension != test.Source.Dimension || fit.Target.Dimension != test.Target.Dimension)
            throw new FaceCompatException($"The fit set is {fit.Source.Dimension}-d -> {fit.Target.Dimension}-d but the test set is " +
                $"{test.Source.Dimension}-d -> {test.Target.Dimension}-d; both must come from the same two models.");
        ComparisonChecks.RequireEvaluableSplit("cross-dataset test set", fit.Source.Count, test.Source.Records.Select(r => r.Identity).ToArray());
        if (options.Seeds.Count == 0) throw new FaceCompatException("No seed to run.");
        var plan = new ComparisonPlan(DistinctMaps(options.Maps), [], options);
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
                fit.Source.Records.Select(r => r.Identity).ToArray(), test.Source.Records.Select(r => r.Identity), seed, plan, rows, bootstrap, progress, observe, memo,
                () => TrainRowsOfAll(fit, fitRows));
        return Finish(rows, bootstrap, plan, options.Seeds.Distinct().ToArray());
    }

    private static void EvaluateSeed(string sourceName, string targetName, IRowSource sourceTrain, IRowSource targetTrain,
        IRowSource sourceTest, IRowSource targetTest, string[] trainIdentities, IEnumerable<string> testIdentities, int seed, ComparisonPlan plan,
        List<ComparisonRow> rows, List<BootstrapRow> bootstrap, Action<string>? progress, Action<MapSpec, int, MappedPairEvaluation>? observe,
        WorkMemo? memo, Func<IReadOnlyDictionary<string, Matrix>> trainRowsOfAll)
    {
        var preparation = Preparation.Fit(sourceTrain, targetTrain, plan.Options.Preparation);
        var pair = preparation.PrepareTraining(sourceTrain, targetTrain, memo); // shared products for every map of this seed
        var n = sourceTest.Rows;
        var codes = IdentityCodes(testIdentities);
        var pairs = Verification.ReferencePairs(codes, unchecked((ulong)seed));
        // Maps that leave the target side as prepared (all but a shared-space map such as CCA) share one gallery,
        // and maps fitted on this seed's preparation share the prepared test queries.
        (float[] Rows, int Width)? preparedGallery = null;
        Matrix? preparedQueries = null;
        UnpairedRows? unpaired = null; // the train rows an unpaired map sees, drawn once per seed
        IReadOnlyDictionary<string, Matrix>? hubTrain = null; // every model's train rows, for a shared-space map
        foreach (var map in plan.Maps)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fitter = map.CreateFitter(seed);
            FittedMap fitted;
            if (fitter is IUnpairedMapFitter unpairedFitter)
            {
                if (unpaired is null)
                {
                    var (sourceRows, targetRows) = UnpairedInputs.Partition(trainIdentities, plan.Options.UnpairedInput, seed);
                    unpaired = UnpairedRows.Prepare(sourceTrain.ToMatrix(sourceRows), targetTrain.ToMatrix(targetRows), plan.Options.Preparation);
                }
                fitted = unpairedFitter.Fit(unpaired);
            }
            else fitted = fitter.FitInRun(() => pair, () => hubTrain ??= trainRowsOfAll(), sourceName, targetName, plan.Options.Preparation, memo);
            var prepared = ReferenceEquals(fitted.Preparation, preparation)
                ? preparedQueries ??= preparation.Source.ApplyActive(sourceTest)
                : fitted.Preparation.Source.ApplyActive(sourceTest);
            var sharedGallery = fitted.TargetHead is IdentityHead && ReferenceEquals(fitted.Preparation, preparation);
            var gallery = sharedGallery ? preparedGallery : null;
            if (gallery is null)
            {
                var galleryRows = fitted.TransformTargetUnpadded(targetTest);
                gallery = (Rows.Normalized(galleryRows.Data, n, galleryRows.Cols), galleryRows.Cols);
                if (sharedGallery) preparedGallery = gallery;
            }
            var fitSeconds = clock.Elapsed.TotalSeconds;
            // Scored at the smallest exact width: the padded columns skipped, or the map folded into the gallery.
            var operands = ScoringOperands.Of(fitted.SourceHead, prepared, gallery.Value.Rows, gallery.Value.Width);
            var evaluation = MappedPairEvaluator.Evaluate(operands.Queries, operands.Gallery, operands.Dimension, codes, pairs, plan.Options.Protocols);
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
        return new ComparisonResult(rows, summary, Controls(rows, summary, plan, seeds), bootstrap, PairedTests(rows, plan, seeds), plan.Splits);
    }

    /// <summary>The maps in order, each label once.</summary>
    public static List<MapSpec> DistinctMaps(IReadOnlyList<MapSpec> maps)
    {
        if (maps.Count == 0) throw new FaceCompatException("No map to run.");
        return maps.DistinctBy(m => m.Label).ToList();
    }

    /// <summary>The train rows of every model of the run (the pair and the others).</summary>
    internal static IReadOnlyDictionary<string, Matrix> TrainRowsOfAll(ComparisonInputs inputs, int[] trainRows) =>
        inputs.All.ToDictionary(p => p.Key, p => MapTraining.Rows(p.Value, trainRows), StringComparer.Ordinal);

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

    /// <summary>Each identity's code: its order of first appearance.</summary>
    internal static int[] IdentityCodes(IEnumerable<string> identities)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        return identities.Select(id => codes.TryGetValue(id, out var c) ? c : codes[id] = codes.Count).ToArray();
    }

    private static IEnumerable<BootstrapRow> BootstrapRows(string map, int seed, MappedPairEvaluation e, int[] codes, int resamples)
    {
        var metrics = Metrics.BootstrappedMetrics;
        foreach (var (protocol, r) in e.Identification)
        {
            var groups = r.EvaluatedQueries.Select(q => codes[q]).ToArray();
            // one set of draws for every metric
            var intervals = Bootstrap.GroupedMeans(metrics.Select(m => m.PerQuery!(r)).ToArray(), groups, resamples, 0.95, unchecked((ulong)seed));
            for (var i = 0; i < metrics.Count; i++) yield return new BootstrapRow(map, seed, protocol.Name(), metrics[i].Name, intervals[i]);
        }
    }

    private static List<SummaryRow> Summaries(List<ComparisonRow> rows) =>
        rows.GroupBy(r => (r.Map, r.Protocol, r.Task, r.Metric))
            .Select(g => new SummaryRow(g.Key.Map, g.Key.Protocol, g.Key.Task, g.Key.Metric, Summary.Of(g.Select(r => r.Value).ToArray())))
            .ToList();

    private static List<ControlCheck> Controls(List<ComparisonRow> rows, List<SummaryRow> summary, ComparisonPlan plan, int[] seeds)
    {
        var checks = new List<ControlCheck>();
        var baselineLabel = plan.Maps.FirstOrDefault(m => m.Role == MapRole.Baseline)?.Label;
        if (baselineLabel is null) return checks;
        var values = rows.Where(r => r.Metric == Metrics.Rank1.Name || r.Metric == Metrics.ChanceRank1.Name)
            .ToDictionary(r => (r.Map, r.Seed, r.Protocol, r.Metric), r => r.Value);
        double[] PerSeed(string map, string protocol, Metric metric) =>
            seeds.Select(seed => values.GetValueOrDefault((map, seed, protocol, metric.Name), double.NaN)).ToArray();
        double Rank1(string map, string protocol) =>
            summary.First(s => s.Map == map && s.Protocol == protocol && s.Metric == Metrics.Rank1.Name).Summary.Mean;
        foreach (var protocol in plan.Options.Protocols.Select(p => p.Name()))
        {
            var fitted = plan.Maps.Where(m => m.Role == MapRole.Fitted).Select(m => m.Label).ToArray();
            var bestMap = fitted.Length == 0 ? null : fitted.MaxBy(m => Rank1(m, protocol));
            var baseline = PerSeed(baselineLabel, protocol, Metrics.Rank1);
            var best = bestMap is null ? [] : PerSeed(bestMap, protocol, Metrics.Rank1);
            foreach (var control in plan.Maps.Where(m => m.Role == MapRole.Control).Select(m => m.Label))
            {
                var value = PerSeed(control, protocol, Metrics.Rank1);
                var chance = PerSeed(control, protocol, Metrics.ChanceRank1);
                checks.Add(new ControlCheck(control, protocol, value.Average(), baseline.Average(), chance.Average(),
                    bestMap is null ? double.NaN : best.Average(), ControlRule.Judge(value, baseline, chance, best)));
            }
        }
        return checks;
    }

    /// <summary>Each map against the baseline over the seeds in the plan's order (<see cref="BaselineTests"/>).</summary>
    private static List<PairedTestRow> PairedTests(List<ComparisonRow> rows, ComparisonPlan plan, int[] seeds)
    {
        var baseline = plan.Maps.FirstOrDefault(m => m.Role == MapRole.Baseline)?.Label;
        if (baseline is null) return [];
        var values = rows.ToDictionary(r => (r.Map, r.Seed, r.Protocol, r.Metric), r => r.Value);
        var protocols = plan.Options.Protocols.Select(p => p.Name()).ToArray();
        return BaselineTests.Run(plan.Maps.Select(m => m.Label), baseline, seeds.Length,
                metric => metric.Task == MetricTask.Verification ? [IdentificationProtocol.Reference.Name()] : protocols,
                (map, protocol, metric) => seeds.Select(seed => values[(map, seed, protocol, metric.Name)]).ToArray())
            .Select(t => new PairedTestRow(t.Map, baseline, t.Protocol, t.Metric, t.Wilcoxon, t.SignFlip)).ToList();
    }
}

/// <summary>The validated maps and splits a comparison will run.</summary>
public sealed record ComparisonPlan(IReadOnlyList<MapSpec> Maps, IReadOnlyList<SeedSplit> Splits, ComparisonOptions Options);
