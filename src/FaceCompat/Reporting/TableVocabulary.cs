using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Reporting.Study;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>
/// The names the study tables are built from, as the result rows spell them, and the orders they are shown in:
/// metric and map names come from the registries (<see cref="Metrics"/>, <see cref="MapRegistry"/>); the table orders
/// of protocols and scopes live here and nowhere else.
/// </summary>
internal static class TableVocabulary
{
    // Experiments, as StudyRow.Experiment names them.
    public const string Within = "within";
    public const string CrossDataset = "cross-dataset";
    public const string Degree2 = "degree2";
    public const string DataEfficiency = "data-efficiency";
    public const string AlphaSweep = "alpha-sweep";
    public const string Self = "self";

    /// <summary>The experiments tabulated per ordered pair and map by <c>study-tables</c>, in this order.</summary>
    public static readonly IReadOnlyList<string> PairTableExperiments = [Within, CrossDataset, Degree2];

    // Protocols.
    public const string Strict = "strict";
    public const string Reference = "reference";

    // Metrics.
    public static readonly string Rank1 = Metrics.Rank1.Name;
    /// <summary>Strict Rank-1 after mapping / the target's own strict Rank-1 (not a rate: its interval is not clipped to [0, 1]).</summary>
    public static readonly string RelativeRank1 = Metrics.RelativeRank1.Name;
    /// <summary>The Rank-1 of guessing: one over the gallery identities.</summary>
    public static readonly string ChanceRank1 = Metrics.ChanceRank1.Name;
    public static readonly string Eer = Metrics.Eer.Name;

    /// <summary>Identification and verification metrics tabulated by the report for each dataset and protocol.</summary>
    public static readonly IReadOnlyList<(string Metric, string Name)> ReportMetrics = Metrics.Tabulated.Select(m => (m.Name, m.TableTitle!)).ToArray();

    // Maps.
    /// <summary>The baseline: the source embedding compared with the target's unchanged.</summary>
    public static readonly string Baseline = MapRegistry.Baseline.Name;

    /// <summary>The reference maps, first in every map order.</summary>
    public static readonly IReadOnlyList<string> ReferenceMaps = MapRegistry.Reference.Select(m => m.Name).ToArray();

    /// <summary>The reference's headline map: the one the clustering and asymmetry use when present.</summary>
    public static readonly string HeadlineMap = ReferenceMaps[0];

    /// <summary>The map order of <c>study-tables</c>: the registry's (fitted maps, the baseline, the controls); unknown maps after them, by name.</summary>
    public static readonly IReadOnlyList<string> MapOrder = MapRegistry.All.Select(m => m.Name).ToArray();

    public static bool IsControl(string map) => MapRegistry.Find(map.Split(':')[0])?.Role == MapRole.Control;

    public static bool IsFitted(string map) => map != Baseline && map != Self && !IsControl(map);

    /// <summary>Map labels ("ridge:alpha=0.1") in the <c>study-tables</c> order: by <see cref="MapOrder"/> of the map, then by label.</summary>
    public static List<string> OrderMapLabels(IEnumerable<string> labels) =>
        labels.OrderBy(m => MapOrder.IndexOf(m.Split(':')[0]) is var i && i >= 0 ? i : MapOrder.Count).ThenBy(m => m, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Maps in the report order: the reference maps, other fitted maps by name, the baseline, then the controls by name.
    /// (It differs from <see cref="OrderMapLabels"/> in where other maps and the controls go.)
    /// </summary>
    public static List<string> OrderReportMaps(IEnumerable<string> maps) =>
        maps.OrderBy(ReportMapRank).ThenBy(m => m, StringComparer.Ordinal).ToList();

    private static int ReportMapRank(string map) =>
        ReferenceMaps.IndexOf(map) is var i && i >= 0 ? i : map == Baseline ? 10 : IsControl(map) ? 11 : 5;

    /// <summary>A row's map with its parameters, as the statistics name it ("ridge:alpha=0.1").</summary>
    public static string MapLabel(StudyRow r) => r.MapParameters.Length > 0 ? $"{r.Map}:{r.MapParameters}" : r.Map;

    /// <summary>The alpha a row's map was given (ridge, degree-2), read from its map and parameters as output files name them; NaN without one.</summary>
    public static double Alpha(string map, string parameters)
    {
        var label = parameters.Length > 0 && !map.Contains(':') ? $"{map}:{parameters}" : map;
        if (MapRegistry.Find(label.Split(':')[0]) is null) return double.NaN;
        MapSpec spec;
        try { spec = MapSpec.Parse(label); }
        catch (Infrastructure.FaceCompatException) { return double.NaN; }
        return spec.Parameters switch
        {
            Mapping.Maps.RidgeParameters { Alpha: { } a } => a,
            Mapping.Maps.Poly2Parameters { Alpha: { } a } => a,
            _ => double.NaN,
        };
    }

    /// <summary>Protocols in table order: strict, reference, then any other by name.</summary>
    public static List<string> OrderProtocols(IEnumerable<string> protocols) =>
        protocols.OrderBy(p => p == Strict ? 0 : p == Reference ? 1 : 2).ThenBy(p => p, StringComparer.Ordinal).ToList();

    /// <summary>Every experiment tabulated by <c>study-tables</c>, in this order: the pair tables, then the sweeps.</summary>
    public static readonly IReadOnlyList<string> StudyTablesExperiments = [.. PairTableExperiments, DataEfficiency, AlphaSweep];

    /// <summary>
    /// Scopes in the <c>study-tables</c> order: by <see cref="StudyTablesExperiments"/>, LFW first, then by test dataset and
    /// preprocessing name (fit datasets as first seen).
    /// </summary>
    public static List<StudyScope> OrderStudyTablesScopes(IEnumerable<StudyScope> scopes) =>
        scopes.OrderBy(s => StudyTablesExperiments.IndexOf(s.Experiment)).ThenBy(s => s.TestDataset == "lfw" ? 0 : 1)
            .ThenBy(s => s.TestDataset, StringComparer.Ordinal).ThenBy(s => s.Preprocessing, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Scopes in the report order: by experiment name, LFW then CFP then other test datasets, by fit dataset, the crop
    /// variant first, then by preprocessing name. (It differs from <see cref="OrderStudyTablesScopes"/> in where "cfp" and
    /// the preprocessing variants go.)
    /// </summary>
    public static List<StudyScope> OrderReportScopes(IEnumerable<StudyScope> scopes) =>
        scopes.OrderBy(s => s.Experiment, StringComparer.Ordinal).ThenBy(s => DatasetRank(s.TestDataset)).ThenBy(s => s.FitDataset, StringComparer.Ordinal)
            .ThenBy(s => PreprocessingComparison.VariantRank(s.Preprocessing)).ThenBy(s => s.Preprocessing, StringComparer.Ordinal).ToList();

    /// <summary>Datasets in report order: LFW, CFP, then the others.</summary>
    public static int DatasetRank(string dataset) => dataset == "lfw" ? 0 : dataset == "cfp" ? 1 : 2;
}

internal static class ListExtensions
{
    public static int IndexOf<T>(this IReadOnlyList<T> list, T item)
    {
        for (var i = 0; i < list.Count; i++)
            if (EqualityComparer<T>.Default.Equals(list[i], item)) return i;
        return -1;
    }
}
