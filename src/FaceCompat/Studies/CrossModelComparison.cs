using FaceCompat.Analysis;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Datasets;
using FaceCompat.Mapping;

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
        var maps = new List<ComparisonMap>();
        foreach (var spec in options.Maps)
        {
            var fitter = MapCatalog.Create(spec.Trim());
            var label = spec.Contains(':') ? spec.Trim() : fitter.Name;
            if (maps.Any(m => m.Label == label)) continue;
            maps.Add(new ComparisonMap(label, spec.Trim(), fitter.Name));
        }
        var records = inputs.Source.Records;
        var identities = records.Select(r => r.Identity).Distinct(StringComparer.Ordinal).ToArray();
        if (identities.Length == 0) throw new FaceCompatException("The embeddings list no identity.");
        var fixedSplit = options.SplitFile is null ? null : IdentitySplit.Read(options.SplitFile);

        var splits = new List<SeedSplit>();
        foreach (var seed in options.Seeds.Distinct())
        {
            var split = fixedSplit ?? IdentitySplit.Random(identities, options.TrainRatio, seed);
            var (trainRows, testRows) = split.RowIndices(records);
            ComparisonChecks.RequireEvaluableSplit(fixedSplit is null ? $"split of seed {seed}" : $"split {options.SplitFile}",
                trainRows.Length, testRows.Select(r => records[r].Identity).ToArray());
            splits.Add(new SeedSplit(seed, split, trainRows, testRows));
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
            var sourceTrain = MapTraining.Rows(src, split.TrainRows);
            var targetTrain = MapTraining.Rows(tgt, split.TrainRows);
            var sourceTest = MapTraining.Rows(src, split.TestRows);
            var targetTest = MapTraining.Rows(tgt, split.TestRows);
            var preparation = Preparation.Fit(sourceTrain, targetTrain, plan.Options.Preparation);
            var pair = preparation.PrepareTraining(sourceTrain, targetTrain); // shared products for every map of this seed
            var n = split.TestRows.Length;
            var codes = IdentityCodes(split.TestRows.Select(r => src.Records[r].Identity));
            var pairs = Verification.ReferencePairs(codes, unchecked((ulong)split.Seed));
            foreach (var map in plan.Maps)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var fitted = plan.Fitter(map, split.Seed).Fit(pair);
                var mapped = fitted.TransformSource(sourceTest);
                var galleryRows = fitted.TransformTarget(targetTest);
                var fitSeconds = clock.Elapsed.TotalSeconds;
                var queries = Rows.Normalized(mapped.Data, n, mapped.Cols);
                var gallery = Rows.Normalized(galleryRows.Data, n, galleryRows.Cols);
                var evaluation = MappedPairEvaluator.Evaluate(queries, gallery, mapped.Cols, codes, pairs, plan.Options.Protocols);
                var scoreSeconds = clock.Elapsed.TotalSeconds - fitSeconds;
                rows.AddRange(MappedPairEvaluator.Rows(inputs.SourceName, inputs.TargetName, map.Label, split.Seed, evaluation));
                if (plan.Options.BootstrapResamples > 0) bootstrap.AddRange(BootstrapRows(map.Label, split.Seed, evaluation, codes, plan.Options.BootstrapResamples));
                progress?.Invoke($"seed {split.Seed} {map.Label}: " + string.Join(", ", evaluation.Identification.Select(p =>
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
        var labels = plan.Maps.Select(m => m.Label).ToArray();
        if (!labels.Contains(BaselineMap)) return checks;
        double Rank1(string map, string protocol) =>
            summary.First(s => s.Map == map && s.Protocol == protocol && s.Metric == "rank1").Summary.Mean;
        foreach (var protocol in plan.Options.Protocols.Select(p => p.Name()))
        {
            var baseline = Rank1(BaselineMap, protocol);
            var fitted = plan.Maps.Where(m => m.Name != BaselineMap && !ControlMaps.Contains(m.Name)).Select(m => m.Label).ToArray();
            var best = fitted.Length == 0 ? double.NaN : fitted.Max(m => Rank1(m, protocol));
            foreach (var control in plan.Maps.Where(m => ControlMaps.Contains(m.Name)).Select(m => m.Label))
            {
                var value = Rank1(control, protocol);
                var chance = summary.First(s => s.Map == control && s.Protocol == protocol && s.Metric == "chance_rank1").Summary.Mean;
                checks.Add(new ControlCheck(control, protocol, value, baseline, chance, best, ControlCheck.IsAtBaseline(value, baseline, chance, best)));
            }
        }
        return checks;
    }

    private static List<PairedTestRow> PairedTestRows(List<ComparisonRow> rows, ComparisonPlan plan)
    {
        var tests = new List<PairedTestRow>();
        var labels = plan.Maps.Select(m => m.Label).ToArray();
        if (!labels.Contains(BaselineMap) || plan.Splits.Count < 2) return tests;
        var metrics = new[] { ("identification", "rank1"), ("identification", "map@50"), ("verification", "eer"), ("verification", "auc") };
        var protocols = plan.Options.Protocols.Select(p => p.Name()).ToArray();
        foreach (var map in labels.Where(m => m != BaselineMap))
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
