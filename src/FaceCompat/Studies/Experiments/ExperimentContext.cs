using FaceCompat.Studies.Config;

namespace FaceCompat.Studies.Experiments;

/// <summary>What every experiment of one preprocessing variant of a study draws on: configuration, inputs, pairs, splits.</summary>
internal sealed class ExperimentContext(StudyConfig config, StudyVariant variant)
{
    private readonly Dictionary<(string, int, double, double?), string> splitDigests = [];

    public StudyConfig Config { get; } = config;
    public StudyInputs Inputs { get; } = variant.Inputs;

    /// <summary>The variant's label in results (crop, align, ...).</summary>
    public string Preprocessing { get; } = variant.Label;

    public IReadOnlyList<string> Models { get; } = variant.Inputs.Models.Select(m => m.Id).ToList();

    /// <summary>Every ordered pair of different models.</summary>
    public IReadOnlyList<(string Source, string Target)> Pairs =>
        Models.SelectMany(s => Models.Where(t => t != s).Select(t => (s, t))).ToList();

    /// <summary>The within and cross-dataset experiments' options.</summary>
    public ComparisonOptions BaseOptions => new()
    {
        Maps = Config.Maps,
        Seeds = Config.Seeds,
        Protocols = Config.Protocols,
        TrainRatio = Config.TrainRatio,
        BootstrapResamples = Config.Bootstrap,
        UnpairedInput = Config.UnpairedInput,
    };

    public DatasetEmbeddings Data(string dataset) => Inputs.Datasets[dataset];

    public string Family(string model) => Inputs.Family(model);

    public UnitKey Key(string experiment, string fit, string test, string source, string target) =>
        new(experiment, fit, test, source, target, Preprocessing);

    /// <summary>How a unit of <paramref name="key"/> runs: names, settings, whether it keeps curves and every metric.</summary>
    public UnitContext Unit(UnitKey key, bool curves, bool allMetrics) =>
        new(key.Experiment, key.FitDataset, key.TestDataset, Preprocessing, Config.RocPoints, curves, allMetrics, null);

    /// <summary>The settings part of a unit's recipe (also the part of its cache key that names maps, seeds and ratios).</summary>
    public static object Settings(ComparisonOptions o, IReadOnlyList<double>? ratios = null) => new
    {
        maps = o.Maps.Select(m => m.Label), seeds = o.Seeds, protocols = o.Protocols.Select(p => Evaluation.IdentificationProtocolNames.Name(p)),
        train_ratio = o.TrainRatio, test_ratio = o.TestRatio, ratios, bootstrap = o.BootstrapResamples, preparation = o.Preparation.ToString(),
        unpaired_input = o.UnpairedInput.Name(),
    };

    /// <summary>The identity splits of a dataset for each seed and train ratio, as "dataset seed S train R test T: digest".</summary>
    public IReadOnlyList<string> Splits(string dataset, IEnumerable<int> seeds, IEnumerable<double> ratios, double? testRatio) =>
        seeds.Distinct().SelectMany(seed => ratios.Select(r => $"{dataset} seed {seed} train {r:R} test {testRatio:R}: {SplitDigest(dataset, seed, r, testRatio)}")).ToList();

    /// <summary>
    /// The other models' embeddings of a dataset that a unit of <paramref name="source"/> -> <paramref name="target"/>
    /// reads when a map is fitted through a shared space of every model (none otherwise).
    /// </summary>
    public IEnumerable<(string Dataset, string Model)> HubEmbeddings(IReadOnlyList<Mapping.MapSpec> maps, string dataset, string source, string target) =>
        Mapping.Hub.HubRows.Needed(maps) ? Models.Where(m => m != source && m != target).Select(m => (dataset, m)) : [];

    /// <summary>With a shared-space map, the units fitting on one dataset share a group, so one hub per seed serves every pair.</summary>
    public static object? HubShareGroup(ComparisonOptions options, string dataset) =>
        Mapping.Hub.HubRows.Needed(options.Maps) ? ("hub", dataset) : null;

    public UnitRecipe Recipe(ComparisonOptions options, IReadOnlyList<string> splits, params (string Dataset, string Model)[] embeddings) =>
        new(Settings(options), splits, embeddings);

    private string SplitDigest(string dataset, int seed, double ratio, double? testRatio)
    {
        if (!splitDigests.TryGetValue((dataset, seed, ratio, testRatio), out var digest))
            splitDigests[(dataset, seed, ratio, testRatio)] = digest =
                StudyUnitCache.SplitDigest(UnitComputations.TestSplit(Data(dataset), ratio, seed, testRatio));
        return digest;
    }
}
