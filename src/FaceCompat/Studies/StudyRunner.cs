using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using FaceCompat.Analysis;
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;
using FaceCompat.Studies.Config;

namespace FaceCompat.Studies;

/// <summary>
/// The whole study in one call: gets every model's embeddings (extracting what the cache lacks), runs
/// every experiment of the configuration on every ordered pair through <see cref="CrossModelComparison"/>
/// (each unit of work cached under <c>&lt;out&gt;/.work</c>, so an interrupted study resumes), aggregates
/// statistics and writes the results files (<see cref="StudyWriter"/>). Deterministic by seed.
/// </summary>
public static class StudyRunner
{
    public static StudyResults Run(StudyConfig config, StudyRunOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var outDir = Path.GetFullPath(options.OutDir);
        if (File.Exists(outDir)) throw new FaceCompatException($"{outDir} is a file; the output must be a folder.", UserHint.OutputFolder);
        Directory.CreateDirectory(outDir);
        var log = options.Log;

        var variants = StudyEmbeddings.LoadVariants(config, options);
        var inputs = variants[0].Inputs; // splits and space similarity: identical rows in every variant
        var cache = new StudyUnitCache(Path.Combine(outDir, ".work"));
        var units = new List<(UnitKey Key, StudyUnitResult Result)>();
        var jobs = variants.SelectMany(v => Plan(config, v, log, cache)).ToList();
        var done = 0;
        var missing = 0;
        foreach (var job in jobs)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            if (options.CachedOnly && !cache.Contains(job.Key.Experiment, job.Description))
            {
                missing++;
                continue;
            }
            var (result, cached) = cache.GetOrRun(job.Key.Experiment, job.Description, job.Run);
            units.Add((job.Key, result));
            done++;
            log?.Invoke($"[{done}/{jobs.Count}] {job.Key.Experiment} {job.Key.FitDataset}" +
                (job.Key.FitDataset == job.Key.TestDataset ? "" : $" -> {job.Key.TestDataset}") +
                (variants.Count > 1 ? $" ({job.Key.Preprocessing})" : "") +
                $" {job.Key.Source} -> {job.Key.Target}: " + (cached ? "cached" : $"{result.Cost!.WallSeconds:F1} s (cpu {result.Cost.CpuSeconds:F1} s)"));
        }

        if (missing > 0) log?.Invoke($"{missing} of {jobs.Count} units not computed yet: the results hold the {units.Count} computed ones");
        var rows = units.SelectMany(u => u.Result.Rows).ToList();
        rows.AddRange(StudyStatistics.RelativeRank1(rows));
        var statistics = StudyStatistics.Aggregate(rows, units);
        var curves = units.SelectMany(u => u.Result.Curves).ToList();
        var similarity = config.SpaceSimilarity is { } s ? variants.SelectMany(v => SpaceSimilarityRows(v, s, config.Seeds[0], log)).ToList() : [];
        var info = new StudyInfo(config.Title, config.Yaml, $"{CodeVersion}; study algorithm {StudyUnitCache.AlgorithmVersion}", started, clock.Elapsed, options.Quick, Blas.Backend)
        {
            Preprocessing = variants.ToDictionary(v => v.Label, v => config.Preprocessing.Describe(v.Mode)),
            UnitsMissing = missing,
            UnitsTimed = units.Count(u => u.Result.Cost is not null),
            UnitsWallSeconds = units.Sum(u => u.Result.Cost?.WallSeconds ?? 0),
            UnitsCpuSeconds = units.Sum(u => u.Result.Cost?.CpuSeconds ?? 0),
            UnitsUntimed = units.Count(u => u.Result.Cost is null),
        };
        var results = new StudyResults(info, MergeModels(variants), rows, statistics, curves, similarity);

        StudyWriter.Write(results, Splits(config, inputs), outDir, row => SplitOf(config, row));
        options.Report?.Invoke(results, outDir);
        log?.Invoke($"study done in {clock.Elapsed.TotalSeconds:F0} s: {rows.Count} rows, {statistics.Count} statistics -> {outDir}");
        return results;
    }

    /// <summary>The library's informational version (with the commit when built from git).</summary>
    public static string CodeVersion { get; } =
        typeof(StudyRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(StudyRunner).Assembly.GetName().Version?.ToString() ?? "unknown";

    private sealed record Job(UnitKey Key, string Description, Func<StudyUnitResult> Run);

    /// <summary>Every unit of a configuration's preprocessing variant with the description its cache key is the SHA-256 of.</summary>
    public static IReadOnlyList<(UnitKey Key, string Description)> UnitDescriptions(StudyConfig config, StudyVariant variant) =>
        Plan(config, variant, null).Select(j => (j.Key, j.Description)).ToList();

    /// <summary>The models of every variant as one list, each with the embeddings files of all variants.</summary>
    private static List<StudyModel> MergeModels(IReadOnlyList<StudyVariant> variants) =>
        variants[0].Inputs.Models.Select(m => m with
        {
            FileSha256 = variants.SelectMany(v => v.Inputs.Models.First(x => x.Id == m.Id).FileSha256).ToList(),
        }).ToList();

    private static IEnumerable<Job> Plan(StudyConfig config, StudyVariant variant, Action<string>? log, StudyUnitCache? cache = null)
    {
        var inputs = variant.Inputs;
        var models = inputs.Models.Select(m => m.Id).ToList();
        var pairs = models.SelectMany(s => models.Where(t => t != s).Select(t => (Source: s, Target: t))).ToList();
        var preprocessing = variant.Label;
        var preprocessingDescription = config.Preprocessing.Describe(variant.Mode);
        var baseOptions = new ComparisonOptions
        {
            Maps = config.Maps,
            Seeds = config.Seeds,
            Protocols = config.Protocols,
            TrainRatio = config.TrainRatio,
            BootstrapResamples = config.Bootstrap,
        };
        UnitContext Context(string experiment, string fit, string test, bool curves, bool allMetrics) =>
            new(experiment, fit, test, preprocessing, config.RocPoints, curves, allMetrics, null);
        var splitDigests = new Dictionary<(string, int, double, double?), string>();
        string SplitDigest(string dataset, int seed, double ratio, double? testRatio)
        {
            if (!splitDigests.TryGetValue((dataset, seed, ratio, testRatio), out var digest))
                splitDigests[(dataset, seed, ratio, testRatio)] = digest =
                    StudyUnitCache.SplitDigest(StudyUnits.TestSplit(inputs.Datasets[dataset], ratio, seed, testRatio));
            return digest;
        }
        IEnumerable<string> Splits(string dataset, IEnumerable<int> seeds, IEnumerable<double> ratios, double? testRatio) =>
            seeds.Distinct().SelectMany(seed => ratios.Select(r => $"{dataset} seed {seed} train {r:R} test {testRatio:R}: {SplitDigest(dataset, seed, r, testRatio)}"));
        // The key: everything the unit's numbers depend on (see StudyUnitCache), never the build or commit.
        string Describe(UnitKey key, object settings, IEnumerable<string> splits, params (string Dataset, string Model)[] sets) => JsonSerializer.Serialize(new
        {
            key,
            settings,
            preprocessing,
            preprocessing_description = preprocessingDescription,
            roc_points = config.RocPoints,
            embeddings = sets.Select(x => $"{x.Dataset}/{x.Model}={inputs.Datasets[x.Dataset].Fingerprints[x.Model]}"),
            splits,
            algorithm = StudyUnitCache.AlgorithmVersion,
        }, StudyUnitCache.Json);
        object Settings(ComparisonOptions o, IReadOnlyList<double>? ratios = null) => new
        {
            maps = o.Maps, seeds = o.Seeds, protocols = o.Protocols.Select(p => p.Name()), train_ratio = o.TrainRatio,
            test_ratio = o.TestRatio, ratios, bootstrap = o.BootstrapResamples, preparation = o.Preparation.ToString(),
        };

        // self: each model against itself on every dataset some within or cross-dataset experiment tests on
        var selfOptions = baseOptions with { Maps = [CrossModelComparison.BaselineMap] };
        foreach (var dataset in config.Within.Concat(config.CrossDataset.Select(c => c.Test)).Distinct())
            foreach (var model in models)
            {
                var key = new UnitKey("self", dataset, dataset, model, model, preprocessing);
                var family = inputs.Family(model);
                yield return new Job(key, Describe(key, Settings(selfOptions), Splits(dataset, selfOptions.Seeds, [selfOptions.TrainRatio], null), (dataset, model)), () =>
                    StudyUnits.Within(Context("self", dataset, dataset, true, true), inputs.Datasets[dataset], model, model, family, family, selfOptions));
            }

        foreach (var dataset in config.Within)
            foreach (var (s, t) in pairs)
            {
                var key = new UnitKey("within", dataset, dataset, s, t, preprocessing);
                yield return new Job(key, Describe(key, Settings(baseOptions), Splits(dataset, baseOptions.Seeds, [baseOptions.TrainRatio], null), (dataset, s), (dataset, t)), () =>
                    StudyUnits.Within(Context("within", dataset, dataset, true, true), inputs.Datasets[dataset], s, t,
                        inputs.Family(s), inputs.Family(t), baseOptions));
            }

        foreach (var cross in config.CrossDataset)
            foreach (var (s, t) in pairs)
            {
                var key = new UnitKey("cross-dataset", cross.Fit, cross.Test, s, t, preprocessing);
                yield return new Job(key, Describe(key, Settings(baseOptions), Splits(cross.Test, baseOptions.Seeds, [baseOptions.TrainRatio], null),
                    (cross.Fit, s), (cross.Fit, t), (cross.Test, s), (cross.Test, t)), () =>
                    StudyUnits.Cross(Context("cross-dataset", cross.Fit, cross.Test, true, true), inputs.Datasets[cross.Fit],
                        inputs.Datasets[cross.Test], s, t, inputs.Family(s), inputs.Family(t), baseOptions));
            }

        // Data efficiency and the alpha sweep split the same identities the same way: when their settings agree, the
        // first unit of a pair computes both from one preparation per split and stores the second's part in the cache.
        SweepSettings? efficiency = config.DataEfficiency, alpha = config.AlphaSweep;
        ComparisonOptions SweepOptions(SweepSettings sweep) =>
            baseOptions with { Maps = sweep.Maps, Seeds = sweep.Seeds, TestRatio = sweep.TestRatio, BootstrapResamples = 0 };
        var shared = efficiency is not null && alpha is not null && efficiency.Dataset == alpha.Dataset
            && StudyUnits.CanShare(SweepOptions(efficiency), efficiency.TrainRatios, SweepOptions(alpha), alpha.TrainRatios);
        foreach (var (experiment, sweep) in new[] { ("data-efficiency", efficiency), ("alpha-sweep", alpha) })
        {
            if (sweep is null) continue;
            var options = SweepOptions(sweep);
            foreach (var (s, t) in pairs)
            {
                var key = new UnitKey(experiment, sweep.Dataset, sweep.Dataset, s, t, preprocessing);
                var description = Describe(key, Settings(options, sweep.TrainRatios), Splits(sweep.Dataset, options.Seeds, sweep.TrainRatios, sweep.TestRatio),
                    (sweep.Dataset, s), (sweep.Dataset, t));
                var data = inputs.Datasets[sweep.Dataset];
                StudyUnitResult Alone() => StudyUnits.Sweep(Context(experiment, sweep.Dataset, sweep.Dataset, false, false), data, s, t,
                    inputs.Family(s), inputs.Family(t), options, sweep.TrainRatios);
                Func<StudyUnitResult> run = Alone;
                if (shared && experiment == "data-efficiency" && cache is not null)
                {
                    var alphaKey = new UnitKey("alpha-sweep", alpha!.Dataset, alpha.Dataset, s, t, preprocessing);
                    var alphaOptions = SweepOptions(alpha);
                    var alphaDescription = Describe(alphaKey, Settings(alphaOptions, alpha.TrainRatios),
                        Splits(alpha.Dataset, alphaOptions.Seeds, alpha.TrainRatios, alpha.TestRatio), (alpha.Dataset, s), (alpha.Dataset, t));
                    run = () =>
                    {
                        if (cache.Contains("alpha-sweep", alphaDescription)) return Alone();
                        var (mine, theirs) = StudyUnits.SweepsTogether(Context(experiment, sweep.Dataset, sweep.Dataset, false, false), options,
                            Context("alpha-sweep", alpha.Dataset, alpha.Dataset, false, false), alphaOptions, data, s, t,
                            inputs.Family(s), inputs.Family(t), sweep.TrainRatios);
                        cache.Store("alpha-sweep", alphaDescription, theirs with { Cost = UnitCost.ByProduct });
                        return mine;
                    };
                }
                yield return new Job(key, description, run);
            }
        }

        if (config.Degree2 is { } degree2)
        {
            var options = baseOptions with { Maps = degree2.Maps, Seeds = degree2.Seeds, BootstrapResamples = 0 };
            foreach (var dataset in degree2.Datasets)
                foreach (var source in models)
                {
                    // One source against every target, seed by seed: the degree-2 kernel factor is computed once per seed
                    // (Poly2Memo) for all targets. The group computes the targets whose units are not cached yet.
                    var group = models.Where(t => t != source).Select(t =>
                    {
                        var key = new UnitKey("degree2", dataset, dataset, source, t, preprocessing);
                        return (Target: t, Key: key, Description: Describe(key, Settings(options), Splits(dataset, options.Seeds, [options.TrainRatio], null),
                            (dataset, source), (dataset, t)));
                    }).ToList();
                    Dictionary<string, StudyUnitResult>? computed = null;
                    foreach (var member in group)
                        yield return new Job(member.Key, member.Description, () =>
                        {
                            Dictionary<string, StudyUnitResult> Compute(IEnumerable<string> targets) =>
                                StudyUnits.WithinSeedBySeed(Context("degree2", dataset, dataset, false, false), inputs.Datasets[dataset], source,
                                    targets.ToList(), inputs.Family, options);
                            if (computed is null)
                            {
                                computed = Compute(group.Where(g => g.Target == member.Target || !(cache?.Contains("degree2", g.Description) ?? false))
                                    .Select(g => g.Target));
                                foreach (var other in group.Where(g => g.Target != member.Target && computed.ContainsKey(g.Target)))
                                    cache?.Store("degree2", other.Description, computed[other.Target] with { Cost = UnitCost.ByProduct });
                            }
                            return computed.TryGetValue(member.Target, out var result) ? result : Compute([member.Target])[member.Target];
                        });
                }
        }
    }

    /// <summary>
    /// CKA, RSA and mutual k-NN of every pair of models on a seeded sample of each dataset's images, under one
    /// preprocessing variant (every variant has the same rows, so the sample is the same images in each).
    /// </summary>
    private static List<SpaceSimilarityRow> SpaceSimilarityRows(StudyVariant variant, SimilaritySettings settings, int seed, Action<string>? log)
    {
        var inputs = variant.Inputs;
        var rows = new List<SpaceSimilarityRow>();
        foreach (var (name, data) in inputs.Datasets.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var n = Math.Min(settings.Images, data.Records.Count);
            var sample = new NumpyRandomState((uint)seed).Permutation(data.Records.Count).Take(n).Order().ToArray();
            var k = Math.Min(settings.Neighbours, n - 1);
            var models = inputs.Models.Select(m => m.Id).ToList();
            var matrices = models.ToDictionary(m => m, m => SampleRows(data.Sets[m], sample));
            for (var a = 0; a < models.Count; a++)
                for (var b = a; b < models.Count; b++)
                {
                    var x = matrices[models[a]];
                    var y = matrices[models[b]];
                    var cka = SpaceSimilarity.LinearCka(x.Values, x.Cols, y.Values, y.Cols, n);
                    var rsa = SpaceSimilarity.Rsa(x.Values, x.Cols, y.Values, y.Cols, n);
                    var knn = SpaceSimilarity.MutualKnnOverlap(x.Values, x.Cols, y.Values, y.Cols, n, k);
                    foreach (var (p, q) in a == b ? new[] { (a, b) } : [(a, b), (b, a)])
                    {
                        rows.Add(new SpaceSimilarityRow(name, variant.Label, models[p], models[q], "cka", cka));
                        rows.Add(new SpaceSimilarityRow(name, variant.Label, models[p], models[q], "rsa", rsa));
                        rows.Add(new SpaceSimilarityRow(name, variant.Label, models[p], models[q], $"mutual_knn@{k}", knn));
                    }
                }
            log?.Invoke($"space similarity {name} ({variant.Label}): {models.Count} models on {n} images");
        }
        return rows;
    }

    private static (float[] Values, int Cols) SampleRows(Embeddings.EmbeddingSet set, int[] rows)
    {
        var values = new float[rows.Length * set.Dimension];
        for (var i = 0; i < rows.Length; i++) set.Row(rows[i]).CopyTo(values.AsSpan(i * set.Dimension, set.Dimension));
        return (values, set.Dimension);
    }

    /// <summary>The split file(s) a row's map was fitted and tested on.</summary>
    private static string SplitOf(StudyConfig config, StudyRow row) => row.Experiment switch
    {
        "cross-dataset" => $"all identities of {row.FitDataset}; test: {StudyWriter.SplitFile(row.TestDataset, row.Seed, config.TrainRatio, null)}",
        "data-efficiency" => StudyWriter.SplitFile(row.TestDataset, row.Seed, row.TrainRatio, config.DataEfficiency!.TestRatio),
        "alpha-sweep" => StudyWriter.SplitFile(row.TestDataset, row.Seed, row.TrainRatio, config.AlphaSweep!.TestRatio),
        _ => StudyWriter.SplitFile(row.TestDataset, row.Seed, row.TrainRatio, null),
    };

    /// <summary>Every identity split the study used, by its file name under splits/.</summary>
    private static List<(string File, IdentitySplit Split)> Splits(StudyConfig config, StudyInputs inputs)
    {
        var splits = new List<(string, IdentitySplit)>();
        foreach (var dataset in config.Within.Concat(config.CrossDataset.Select(c => c.Test)).Concat(config.Degree2?.Datasets ?? []).Distinct())
            foreach (var seed in config.Seeds.Concat(config.Degree2?.Seeds ?? []).Distinct())
                splits.Add((StudyWriter.SplitFile(dataset, seed, config.TrainRatio, null),
                    StudyUnits.TestSplit(inputs.Datasets[dataset], config.TrainRatio, seed, null)));
        foreach (var sweep in new[] { config.DataEfficiency, config.AlphaSweep })
        {
            if (sweep is null) continue;
            foreach (var seed in sweep.Seeds)
                foreach (var ratio in sweep.TrainRatios)
                    splits.Add((StudyWriter.SplitFile(sweep.Dataset, seed, ratio, sweep.TestRatio),
                        StudyUnits.TestSplit(inputs.Datasets[sweep.Dataset], ratio, seed, sweep.TestRatio)));
        }
        return splits.DistinctBy(s => s.Item1).ToList();
    }
}
