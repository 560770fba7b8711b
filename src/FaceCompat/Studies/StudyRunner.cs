using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;
using FaceCompat.Studies.Config;
using FaceCompat.Studies.Experiments;

namespace FaceCompat.Studies;

/// <summary>
/// The whole study in one call: gets every model's embeddings (extracting what the cache lacks), plans the units
/// of every experiment of the configuration (<see cref="StudyExperiments"/>), runs them — each cached under
/// <c>&lt;out&gt;/.work</c>, so an interrupted study resumes, and units of one share group one after another with one
/// <see cref="WorkMemo"/> — aggregates statistics and writes the results files (<see cref="StudyWriter"/>).
/// Deterministic by seed: results are listed in plan order whatever order the units ran in.
/// </summary>
public static class StudyRunner
{
    public static StudyResults Run(StudyConfig config, StudyRunOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var (outDir, variants, plan, cache) = Prepare(config, options);
        var log = options.Log;
        var peak = GemmPeak.Measure(options.GemmPeakSize); // "how close to the limit": every unit's work is set against this machine's rate now
        log?.Invoke($"GEMM peak: float32 {peak.SingleFlopsPerSecond / 1e9:F1} GFLOP/s, float64 {peak.DoubleFlopsPerSecond / 1e9:F1} GFLOP/s ({peak.Size}-square, {Blas.Backend})");
        var inputs = variants[0].Inputs; // splits and space similarity: identical rows in every variant
        var results = new StudyUnitResult?[plan.Count];
        var (missing, _) = Execute(ExecutionOrder(plan), plan.Count, cache, options, variants.Count > 1, results);
        if (missing > 0 && options.RequireComplete)
            throw new FaceCompatException($"{missing} of {plan.Count} units are not in the work cache {Path.Combine(outDir, ".work")}: " +
                "a shard of this study has not finished or failed; run the missing shards, then this again (nothing was written).");

        var units = plan.Select((p, i) => (p.Unit.Key, Result: results[i])).Where(u => u.Result is not null)
            .Select(u => (u.Key, u.Result!)).ToList();
        if (missing > 0) log?.Invoke($"{missing} of {plan.Count} units not computed yet: the results hold the {units.Count} computed ones");
        var rows = units.SelectMany(u => u.Item2.Rows).ToList();
        rows.AddRange(StudyStatistics.RelativeRank1(rows));
        var statistics = StudyStatistics.Aggregate(rows, units);
        var curves = units.SelectMany(u => u.Item2.Curves).ToList();
        var similarity = config.SpaceSimilarity is { } s ? variants.SelectMany(v => StudySpaceSimilarity.Rows(v, s, config.Seeds[0], log)).ToList() : [];
        var info = new StudyInfo(config.Title, config.Yaml, $"{CodeVersion}; study algorithm {StudyUnitCache.AlgorithmVersion}", started, clock.Elapsed, options.Quick, Blas.Backend)
        {
            Preprocessing = variants.ToDictionary(v => v.Label, v => config.Preprocessing.Describe(v.Mode)),
            UnitsMissing = missing,
            UnitsTimed = units.Count(u => u.Item2.Cost is not null),
            UnitsWallSeconds = units.Sum(u => u.Item2.Cost?.WallSeconds ?? 0),
            UnitsCpuSeconds = units.Sum(u => u.Item2.Cost?.CpuSeconds ?? 0),
            UnitsUntimed = units.Count(u => u.Item2.Cost is null),
            Peak = peak,
            Work = ExperimentWork.Of(units.Select(u => (u.Key.Experiment, u.Item2.Cost)), peak),
        };
        var operatingPoints = units.SelectMany(u => u.Item2.OperatingPoints ?? []).ToList();
        var study = new StudyResults(info, MergeModels(variants), rows, statistics, curves, similarity)
        {
            OperatingPoints = operatingPoints,
            OperatingPointStatistics = OperatingPointStatistics.Aggregate(operatingPoints),
        };

        StudyWriter.Write(study, StudySplits.All(config, inputs), outDir, row => StudySplits.SplitOf(config, row));
        options.Report?.Invoke(study, outDir);
        log?.Invoke($"study done in {clock.Elapsed.TotalSeconds:F0} s: {rows.Count} rows, {statistics.Count} statistics -> {outDir}");
        return study;
    }

    /// <summary>
    /// Computes one shard's units (<see cref="StudyShard.Assign"/> over the share groups, by estimated cost) into the work
    /// cache and writes no results: a final run finds every unit cached and writes them. Shards of one study may run at
    /// once on machines sharing the output folder; a unit two of them write ends as one complete file.
    /// </summary>
    public static StudyShardRun RunShard(StudyConfig config, StudyRunOptions options, StudyShard shard)
    {
        var clock = Stopwatch.StartNew();
        var (outDir, variants, plan, cache) = Prepare(config, options);
        var groups = ExecutionOrder(plan).ToList();
        var costs = groups.Select(g => g.Sum(u => StudyUnitCostEstimate.Of(u.Unit, variants[0].Inputs))).ToList();
        var owner = StudyShard.Assign(costs, shard.Count);
        var mine = groups.Where((_, g) => owner[g] == shard.Number - 1).ToList();
        var share = Enumerable.Range(0, groups.Count).Where(g => owner[g] == shard.Number - 1).Sum(g => costs[g]) / costs.Sum();
        var units = mine.Sum(g => g.Count);
        options.Log?.Invoke($"shard {shard}: {units} of {plan.Count} units in {mine.Count} groups, {share:P1} of the estimated work");
        var results = new StudyUnitResult?[plan.Count];
        var (_, computed) = Execute(mine, units, cache, options, variants.Count > 1, results);
        options.Log?.Invoke($"shard {shard} done in {clock.Elapsed.TotalSeconds:F0} s: {computed} units computed, {units - computed} already cached -> {Path.Combine(outDir, ".work")}");
        return new StudyShardRun(shard, units, computed, plan.Count, share);
    }

    private static (string OutDir, IReadOnlyList<StudyVariant> Variants, List<(StudyUnit Unit, string Description)> Plan, StudyUnitCache Cache)
        Prepare(StudyConfig config, StudyRunOptions options)
    {
        var outDir = Path.GetFullPath(options.OutDir);
        if (File.Exists(outDir)) throw new FaceCompatException($"{outDir} is a file; the output must be a folder.", UserHint.OutputFolder);
        Directory.CreateDirectory(outDir);
        var variants = StudyEmbeddings.LoadVariants(config, options);
        var plan = variants.SelectMany(v => Plan(config, v)).ToList();
        return (outDir, variants, plan, new StudyUnitCache(Path.Combine(outDir, ".work")));
    }

    /// <summary>
    /// Every model's embeddings, extracted where the cache lacks them, and nothing else: the step before the shards of
    /// a sharded study, which would otherwise extract the same model at once (and all but one be refused).
    /// </summary>
    internal static IReadOnlyList<StudyVariant> PrepareEmbeddings(StudyConfig config, StudyRunOptions options) =>
        StudyEmbeddings.LoadVariants(config, options);

    /// <summary>Runs (or, with <see cref="StudyRunOptions.CachedOnly"/>, only reads) the groups' units into <paramref name="results"/>.</summary>
    private static (int Missing, int Computed) Execute(IEnumerable<List<(int Index, StudyUnit Unit, string Description)>> groups, int total, StudyUnitCache cache,
        StudyRunOptions options, bool showVariant, StudyUnitResult?[] results)
    {
        var memo = new WorkMemo();
        var done = 0;
        var missing = 0;
        var computed = 0;
        foreach (var group in groups)
        {
            foreach (var (index, unit, description) in group)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                if (options.CachedOnly && !cache.Contains(unit.Key.Experiment, description))
                {
                    missing++;
                    continue;
                }
                var (result, cached) = cache.GetOrRun(unit.Key.Experiment, description, () => unit.Compute(memo));
                results[index] = result;
                done++;
                if (!cached) computed++;
                var key = unit.Key;
                options.Log?.Invoke($"[{done}/{total}] {key.Experiment} {key.FitDataset}" +
                    (key.FitDataset == key.TestDataset ? "" : $" -> {key.TestDataset}") +
                    (showVariant ? $" ({key.Preprocessing})" : "") +
                    $" {key.Source} -> {key.Target}: " + (cached ? "cached" : $"{result.Cost!.WallSeconds:F1} s (cpu {result.Cost.CpuSeconds:F1} s)"));
            }
            memo.Clear();
        }
        return (missing, computed);
    }

    /// <summary>The library's informational version (with the commit when built from git).</summary>
    public static string CodeVersion { get; } =
        typeof(StudyRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(StudyRunner).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Every unit of a configuration's preprocessing variant with the description its cache key is the SHA-256 of.</summary>
    internal static IReadOnlyList<(UnitKey Key, string Description)> UnitDescriptions(StudyConfig config, StudyVariant variant) =>
        Plan(config, variant).Select(p => (p.Unit.Key, p.Description)).ToList();

    private static IEnumerable<(StudyUnit Unit, string Description)> Plan(StudyConfig config, StudyVariant variant)
    {
        var context = new ExperimentContext(config, variant);
        foreach (var experiment in StudyExperiments.Of(config))
            foreach (var unit in experiment.Units(context))
                yield return (unit, Describe(unit, config, variant));
    }

    /// <summary>The cache key's text: everything the unit's numbers depend on (see <see cref="StudyUnitCache"/>), never the build or commit.</summary>
    private static string Describe(StudyUnit unit, StudyConfig config, StudyVariant variant) => JsonSerializer.Serialize(new
    {
        key = unit.Key,
        settings = unit.Recipe.Settings,
        preprocessing = variant.Label,
        preprocessing_description = config.Preprocessing.Describe(variant.Mode),
        roc_points = config.RocPoints,
        embeddings = unit.Recipe.Embeddings.Select(x => $"{x.Dataset}/{x.Model}={variant.Inputs.Datasets[x.Dataset].Fingerprints[x.Model]}"),
        splits = unit.Recipe.Splits,
        algorithm = StudyUnitCache.AlgorithmVersion,
    }, StudyUnitCache.Json);

    /// <summary>
    /// The plan in groups to run one after another: a unit's whole share group runs where its first unit is
    /// planned; a unit without a group is a group of its own.
    /// </summary>
    private static IEnumerable<List<(int Index, StudyUnit Unit, string Description)>> ExecutionOrder(IReadOnlyList<(StudyUnit Unit, string Description)> plan)
    {
        var groups = new Dictionary<object, List<(int, StudyUnit, string)>>();
        var order = new List<List<(int, StudyUnit, string)>>();
        for (var i = 0; i < plan.Count; i++)
        {
            var (unit, description) = plan[i];
            if (unit.ShareGroup is { } g && groups.TryGetValue(g, out var members))
            {
                members.Add((i, unit, description));
                continue;
            }
            var group = new List<(int, StudyUnit, string)> { (i, unit, description) };
            if (unit.ShareGroup is { } key) groups[key] = group;
            order.Add(group);
        }
        return order;
    }

    /// <summary>The models of every variant as one list, each with the embeddings files of all variants.</summary>
    private static List<StudyModel> MergeModels(IReadOnlyList<StudyVariant> variants) =>
        variants[0].Inputs.Models.Select(m => m with
        {
            FileSha256 = variants.SelectMany(v => v.Inputs.Models.First(x => x.Id == m.Id).FileSha256).ToList(),
        }).ToList();
}
