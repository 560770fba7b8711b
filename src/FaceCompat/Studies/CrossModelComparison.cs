using FaceCompat.Analysis;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;
using FaceCompat.Studies.Interim;

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
        var maps = options.Maps.Select(ComparisonMaps.Canonical).Distinct().ToArray();
        if (maps.Length == 0) throw new FaceCompatException("No map to run.");
        if (options.Seeds.Count == 0) throw new FaceCompatException("No seed to run.");
        if (options.Protocols.Count == 0) throw new FaceCompatException("No identification protocol to run.");
        var records = inputs.Source.Records;
        var identities = records.Select(r => r.Identity).Distinct(StringComparer.Ordinal).ToArray();
        if (identities.Length == 0) throw new FaceCompatException("The embeddings list no identity.");
        HashSet<string>? fixedTrain = options.SplitFile is null ? null : IdentitySplitter.Read(options.SplitFile, identities);

        var splits = new List<SeedSplit>();
        foreach (var seed in options.Seeds.Distinct())
        {
            var train = fixedTrain ?? IdentitySplitter.TrainIdentities(identities, options.TrainRatio, seed);
            var trainRows = new List<int>();
            var testRows = new List<int>();
            for (var i = 0; i < records.Count; i++) (train.Contains(records[i].Identity) ? trainRows : testRows).Add(i);
            var testIdentities = testRows.Select(r => records[r].Identity).Distinct().Count();
            EmbeddingValidation.CheckSplit(options.SplitFile is null ? seed : -1, train.Count(identities.Contains),
                testIdentities, trainRows.Count, testRows.Count);
            var testIds = testRows.Select(r => records[r].Identity).ToArray();
            if (testIds.GroupBy(s => s).All(g => g.Count() < 2))
                throw new FaceCompatException($"The test set of seed {seed} has no identity with two images: verification has no genuine pair.");
            splits.Add(new SeedSplit(seed, train, trainRows.ToArray(), testRows.ToArray()));
        }
        return new ComparisonPlan(maps, splits, options);
    }

    public static ComparisonResult Run(ComparisonInputs inputs, ComparisonPlan plan, Action<string>? progress = null)
    {
        var rows = new List<ComparisonRow>();
        var bootstrap = new List<BootstrapRow>();
        var src = inputs.Source;
        var tgt = inputs.Target;
        foreach (var split in plan.Splits)
        {
            var prepared = ComparisonMaps.Prepare(src.Vectors, src.Dimension, tgt.Vectors, tgt.Dimension, split.TrainRows, split.TestRows);
            var dim = prepared.SourceTest.Cols;
            var n = split.TestRows.Length;
            var codes = IdentityCodes(split.TestRows.Select(r => src.Records[r].Identity));
            var pairs = Verification.ReferencePairs(codes, unchecked((ulong)split.Seed));
            var gallery = Rows.Normalized(prepared.TargetTest.Data, n, dim);
            foreach (var map in plan.Maps)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var w = ComparisonMaps.Fit(map, prepared.SourceTrain, prepared.TargetTrain, split.Seed);
                var mapped = w is null ? prepared.SourceTest : prepared.SourceTest.Multiply(w);
                var fitSeconds = clock.Elapsed.TotalSeconds;
                var queries = Rows.Normalized(mapped.Data, n, dim);
                var evaluation = MappedPairEvaluator.Evaluate(queries, gallery, dim, codes, pairs, plan.Options.Protocols);
                var scoreSeconds = clock.Elapsed.TotalSeconds - fitSeconds;
                rows.AddRange(MappedPairEvaluator.Rows(inputs.SourceName, inputs.TargetName, map, split.Seed, evaluation));
                if (plan.Options.BootstrapResamples > 0) bootstrap.AddRange(BootstrapRows(map, split.Seed, evaluation, codes, plan.Options.BootstrapResamples));
                progress?.Invoke($"seed {split.Seed} {map}: " + string.Join(", ", evaluation.Identification.Select(p =>
                    $"{p.Key.Name()} Rank-1 {p.Value.Rank1:P1}")) + $", EER {evaluation.Verification.Eer:P2} (fit {fitSeconds:F1} s, scores {scoreSeconds:F1} s)");
            }
        }
        var summary = Summaries(rows);
        return new ComparisonResult(rows, summary, Controls(summary, plan), bootstrap, PairedTestRows(rows, plan), plan.Splits);
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
            yield return new BootstrapRow(map, seed, protocol.Name(), "rank1", Bootstrap.GroupedMean(hit1, groups, resamples, 0.95, s));
            yield return new BootstrapRow(map, seed, protocol.Name(), "map@50", Bootstrap.GroupedMean(r.AveragePrecision.ToArray(), groups, resamples, 0.95, s));
        }
    }

    private static List<SummaryRow> Summaries(List<ComparisonRow> rows) =>
        rows.GroupBy(r => (r.Map, r.Protocol, r.Task, r.Metric))
            .Select(g => new SummaryRow(g.Key.Map, g.Key.Protocol, g.Key.Task, g.Key.Metric, Summary.Of(g.Select(r => r.Value).ToArray())))
            .ToList();

    private static List<ControlCheck> Controls(List<SummaryRow> summary, ComparisonPlan plan)
    {
        var checks = new List<ControlCheck>();
        if (!plan.Maps.Contains(BaselineMap)) return checks;
        double Rank1(string map, string protocol) =>
            summary.First(s => s.Map == map && s.Protocol == protocol && s.Metric == "rank1").Summary.Mean;
        foreach (var protocol in plan.Options.Protocols.Select(p => p.Name()))
        {
            var baseline = Rank1(BaselineMap, protocol);
            var fitted = plan.Maps.Where(m => m != BaselineMap && !ControlMaps.Contains(m)).ToArray();
            var best = fitted.Length == 0 ? double.NaN : fitted.Max(m => Rank1(m, protocol));
            foreach (var control in plan.Maps.Where(ControlMaps.Contains))
            {
                var value = Rank1(control, protocol);
                checks.Add(new ControlCheck(control, protocol, value, baseline, best, value <= baseline + ControlCheck.Tolerance));
            }
        }
        return checks;
    }

    private static List<PairedTestRow> PairedTestRows(List<ComparisonRow> rows, ComparisonPlan plan)
    {
        var tests = new List<PairedTestRow>();
        if (!plan.Maps.Contains(BaselineMap) || plan.Splits.Count < 2) return tests;
        var metrics = new[] { ("identification", "rank1"), ("identification", "map@50"), ("verification", "eer"), ("verification", "auc") };
        var protocols = plan.Options.Protocols.Select(p => p.Name()).ToArray();
        foreach (var map in plan.Maps.Where(m => m != BaselineMap))
            foreach (var (task, metric) in metrics)
                foreach (var protocol in task == "verification" ? ["reference"] : protocols)
                {
                    double[] Values(string m) => plan.Splits.Select(s => rows.First(r => r.Map == m && r.Seed == s.Seed &&
                        r.Protocol == protocol && r.Task == task && r.Metric == metric).Value).ToArray();
                    var x = Values(map);
                    var y = Values(BaselineMap);
                    tests.Add(new PairedTestRow(map, BaselineMap, protocol, metric, PairedTests.Wilcoxon(x, y), PairedTests.SignFlip(x, y)));
                }
        return tests;
    }
}

/// <summary>The validated maps and splits a comparison will run.</summary>
public sealed record ComparisonPlan(IReadOnlyList<string> Maps, IReadOnlyList<SeedSplit> Splits, ComparisonOptions Options)
{
    public string MapParameters(string map) => ComparisonMaps.Parameters(map);
}
