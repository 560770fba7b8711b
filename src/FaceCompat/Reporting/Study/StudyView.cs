using System.Globalization;
using FaceCompat.Studies;

namespace FaceCompat.Reporting.Study;

/// <summary>Which experiment, datasets and preprocessing a set of rows belongs to.</summary>
internal sealed record StudyScope(string Experiment, string FitDataset, string TestDataset, string Preprocessing)
{
    public string Label(bool withPreprocessing) =>
        (FitDataset == TestDataset ? Upper(TestDataset) : $"fit {Upper(FitDataset)}, test {Upper(TestDataset)}") +
        (withPreprocessing ? $" ({Preprocessing})" : "");

    private static string Upper(string dataset) => dataset.ToUpperInvariant();

    public static StudyScope Of(StudyRow r) => new(r.Experiment, r.FitDataset, r.TestDataset, r.Preprocessing);

    public bool Contains(StudyRow r) =>
        r.Experiment == Experiment && r.FitDataset == FitDataset && r.TestDataset == TestDataset && r.Preprocessing == Preprocessing;
}

/// <summary>An ordered (source, target) pair of models, with their families.</summary>
internal sealed record ModelPair(string Source, string Target, string SourceFamily, string TargetFamily)
{
    public string Label => $"{Source} → {Target}";
    public string FamiliesLabel => $"{SourceFamily} → {TargetFamily}";

    /// <summary>The ordered pairs of the rows, by source then target.</summary>
    public static List<ModelPair> Of(IEnumerable<StudyRow> rows) =>
        rows.Select(r => new ModelPair(r.Source, r.Target, r.SourceFamily, r.TargetFamily)).Distinct()
            .OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Target, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Read-only queries over <see cref="StudyResults"/> for the report: model order by family, map kinds,
/// means over seeds from the long-format rows, and the aggregated statistics.
/// </summary>
internal sealed class StudyView
{
    public static readonly string Baseline = TableVocabulary.Baseline;
    public const string Self = TableVocabulary.Self;
    public const string Strict = TableVocabulary.Strict;
    public const string Reference = TableVocabulary.Reference;

    private readonly record struct Key(StudyScope Scope, string Source, string Target, string Map, string Protocol, string Metric);

    private readonly Dictionary<Key, List<StudyRow>> _rows = [];
    private readonly StatisticIndex _stats;

    public StudyView(StudyResults results)
    {
        Results = results;
        foreach (var r in results.Rows)
        {
            var key = new Key(new StudyScope(r.Experiment, r.FitDataset, r.TestDataset, r.Preprocessing), r.Source, r.Target,
                r.Map, r.Protocol, r.Metric);
            if (!_rows.TryGetValue(key, out var list)) _rows[key] = list = [];
            list.Add(r);
            if (!_protocols.TryGetValue((key.Scope, r.Metric), out var protocols)) _protocols[(key.Scope, r.Metric)] = protocols = [];
            protocols.Add(r.Protocol);
            if (!_ratios.TryGetValue(key.Scope, out var ratios)) _ratios[key.Scope] = ratios = [];
            ratios.Add(r.TrainRatio);
        }
        _stats = new StatisticIndex(results.Statistics);

        var familyOrder = results.Models.Select(m => m.Family).Distinct()
            .OrderBy(f => Array.IndexOf(KnownFamilies, f) is var i && i >= 0 ? i : KnownFamilies.Length).ToList(); // stable: others as they appear
        Models = results.Models.Select((m, i) => (m, i)).OrderBy(x => familyOrder.IndexOf(x.m.Family)).ThenBy(x => x.i).Select(x => x.m).ToList();
        Families = familyOrder;
        Scopes = TableVocabulary.OrderReportScopes(results.Rows.Select(StudyScope.Of).Distinct());
        MultiplePreprocessing = Scopes.Select(s => s.Preprocessing).Distinct().Count() > 1;
        Seeds = results.Rows.Select(r => r.Seed).Distinct().Order().ToList();
    }

    public StudyResults Results { get; }
    /// <summary>The families in report order: the study's subject, face identity, first.</summary>
    private static readonly string[] KnownFamilies = ["face-identity", "face-attribute", "generic-vision"];

    /// <summary>The models ordered by family (the known families first, then others in order of first appearance), then as listed.</summary>
    public IReadOnlyList<StudyModel> Models { get; }
    public IReadOnlyList<string> Families { get; }
    public IReadOnlyList<StudyScope> Scopes { get; }
    public IReadOnlyList<int> Seeds { get; }
    public bool MultiplePreprocessing { get; }

    public IReadOnlyList<string> ModelIds => Models.Select(m => m.Id).ToList();

    public string FamilyOf(string model) => Models.FirstOrDefault(m => m.Id == model)?.Family ?? "unknown";

    public string ScopeLabel(StudyScope scope) => scope.Label(MultiplePreprocessing);

    public IReadOnlyList<StudyScope> ScopesOf(string experiment) => Scopes.Where(s => s.Experiment == experiment).ToList();

    /// <summary>The scope the headline numbers come from: within-dataset, LFW when present, crop when several preprocessings.</summary>
    public StudyScope? PrimaryScope() =>
        ScopesOf(TableVocabulary.Within).OrderBy(s => TableVocabulary.DatasetRank(s.TestDataset)).ThenBy(s => PreprocessingComparison.VariantRank(s.Preprocessing)).FirstOrDefault();

    public static bool IsControl(string map) => TableVocabulary.IsControl(map);

    public static bool IsFitted(string map) => TableVocabulary.IsFitted(map);

    /// <summary>Maps measured in a scope: fitted maps (reference maps first), the baseline, then the controls.</summary>
    public IReadOnlyList<string> Maps(StudyScope scope) => Cached(_maps, scope, () =>
        TableVocabulary.OrderReportMaps(Results.Rows.Where(r => scope.Contains(r) && r.Map != Self).Select(r => r.Map).Distinct()));

    /// <summary>Every map of the study (self aside) in report order, so that a map looks the same in every chart (<see cref="MapStyles"/>).</summary>
    public IReadOnlyList<string> AllMaps => _allMaps ??= TableVocabulary.OrderReportMaps(Scopes.SelectMany(Maps).Distinct());

    private IReadOnlyList<string>? _allMaps;

    public IReadOnlyList<string> Protocols(StudyScope scope, string metric) =>
        _protocols.TryGetValue((scope, metric), out var set) ? TableVocabulary.OrderProtocols(set) : [];

    public IReadOnlyList<double> TrainRatios(StudyScope scope) => _ratios.TryGetValue(scope, out var set) ? set.Order().ToList() : [];

    private readonly Dictionary<(StudyScope, string), HashSet<string>> _protocols = [];
    private readonly Dictionary<StudyScope, HashSet<double>> _ratios = [];

    /// <summary>Ordered pairs of distinct models measured in a scope, by family order.</summary>
    public IReadOnlyList<ModelPair> Pairs(StudyScope scope) => Cached(_pairs, scope, () => ComputePairs(scope));

    private readonly Dictionary<StudyScope, IReadOnlyList<string>> _maps = [];
    private readonly Dictionary<StudyScope, IReadOnlyList<ModelPair>> _pairs = [];

    private static T Cached<T>(Dictionary<StudyScope, T> cache, StudyScope scope, Func<T> compute)
    {
        if (!cache.TryGetValue(scope, out var value)) cache[scope] = value = compute();
        return value;
    }

    private List<ModelPair> ComputePairs(StudyScope scope)
    {
        var present = Results.Rows.Where(r => scope.Contains(r) && r.Map != Self && r.Source != r.Target)
            .Select(r => (r.Source, r.Target)).ToHashSet();
        var ids = ModelIds;
        var pairs = new List<ModelPair>();
        foreach (var s in ids)
            foreach (var t in ids)
                if (present.Contains((s, t))) pairs.Add(new ModelPair(s, t, FamilyOf(s), FamilyOf(t)));
        return pairs;
    }

    /// <summary>The per-seed values of one cell (any map parameters unless given).</summary>
    public IReadOnlyList<(int Seed, double Value)> Values(StudyScope scope, string source, string target, string map,
        string protocol, string metric, double? trainRatio = null, string? mapParameters = null)
    {
        if (!_rows.TryGetValue(new Key(scope, source, target, map, protocol, metric), out var list)) return [];
        var found = new List<(int, double)>(list.Count);
        foreach (var r in list)
            if ((trainRatio is null || r.TrainRatio == trainRatio) && (mapParameters is null || r.MapParameters == mapParameters))
                found.Add((r.Seed, r.Value));
        return found;
    }

    /// <summary>Mean over seeds of one cell; NaN when not measured.</summary>
    public double Mean(StudyScope scope, string source, string target, string map, string protocol, string metric, double? trainRatio = null)
    {
        var v = Values(scope, source, target, map, protocol, metric, trainRatio);
        return v.Count == 0 ? double.NaN : v.Average(x => x.Value);
    }

    /// <summary>The aggregated statistic of one cell, or one computed from the rows (mean ± std, no interval or test).</summary>
    public StudyStatistic? Statistic(StudyScope scope, string source, string target, string map, string protocol, string metric)
    {
        if (_stats.Find(scope, source, target, StatisticsLabel(scope, source, target, map, protocol, metric), protocol, metric) is { } stat) return stat;
        var values = Values(scope, source, target, map, protocol, metric).Select(v => v.Value).ToArray();
        if (values.Length == 0) return null;
        var (mean, std) = MeanStd(values);
        return new StudyStatistic(scope.Experiment, scope.FitDataset, scope.TestDataset, scope.Preprocessing, source, target, map,
            double.NaN, protocol, "", metric, values.Length, mean, std, double.NaN, double.NaN, double.NaN, double.NaN);
    }

    // The view names a map by its name ("ridge"), statistics.csv by its label with parameters ("ridge:alpha=0.1"):
    // a cell whose rows carry one set of parameters is found under that label.
    private string StatisticsLabel(StudyScope scope, string source, string target, string map, string protocol, string metric)
    {
        if (!_rows.TryGetValue(new Key(scope, source, target, map, protocol, metric), out var rows)) return map;
        var labels = rows.Select(TableVocabulary.MapLabel).Distinct().Take(2).ToList();
        return labels.Count == 1 ? labels[0] : map;
    }

    /// <summary>Mean and sample standard deviation (ddof 1; NaN for a single value).</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN);
        var mean = values.Average();
        if (values.Count < 2) return (mean, double.NaN);
        var ss = 0.0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(ss / (values.Count - 1)));
    }

    /// <summary>A models x models matrix of the mean of one metric (NaN where not measured).</summary>
    public double[,] Matrix(StudyScope scope, string map, string protocol, string metric, double scale = 100)
    {
        var ids = ModelIds;
        var m = new double[ids.Count, ids.Count];
        for (var i = 0; i < ids.Count; i++)
            for (var j = 0; j < ids.Count; j++)
                m[i, j] = Mean(scope, ids[i], ids[j], map, protocol, metric) * scale;
        return m;
    }

    /// <summary>The best fitted map of a scope by mean over pairs of a metric (procrustes on ties).</summary>
    public string? BestFittedMap(StudyScope scope, string protocol, string? metric = null)
    {
        metric ??= TableVocabulary.Rank1;
        string? best = null;
        var bestValue = double.NegativeInfinity;
        foreach (var map in Maps(scope).Where(IsFitted))
        {
            var values = Pairs(scope).Select(p => Mean(scope, p.Source, p.Target, map, protocol, metric)).Where(double.IsFinite).ToList();
            if (values.Count == 0) continue;
            var v = values.Average();
            if (v > bestValue + 1e-12) { bestValue = v; best = map; }
        }
        return best;
    }

    /// <summary>The map the clustering and asymmetry use: procrustes (the reference's headline map) when present.</summary>
    public string? PrimaryMap(StudyScope scope)
    {
        var maps = Maps(scope);
        return maps.Contains(TableVocabulary.HeadlineMap) ? TableVocabulary.HeadlineMap : maps.FirstOrDefault(IsFitted);
    }

    public static string Percent(double fraction, string format = "0.0") =>
        double.IsNaN(fraction) ? "–" : (fraction * 100).ToString(format, CultureInfo.InvariantCulture) + "%";

}
