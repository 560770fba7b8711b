using System.Globalization;
using FaceCompat.Analysis;
using FaceCompat.Reporting.Study;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>Means over the ordered pairs of each model-family combination, with an interval over seeds.</summary>
internal static class FamilyMeans
{
    public sealed record Group(string Label, Func<string, string, bool> Includes);

    /// <summary>Each source → target family combination present, then within-family and across-family pooled.</summary>
    public static IEnumerable<Group> Groups(IEnumerable<(string Source, string Target)> families)
    {
        var present = families.Distinct().OrderBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.Target, StringComparer.Ordinal).ToList();
        foreach (var (s, t) in present) yield return new Group($"{s} → {t}", (a, b) => a == s && b == t);
        if (present.Any(f => f.Source == f.Target)) yield return new Group("within a family (all)", (a, b) => a == b);
        if (present.Any(f => f.Source != f.Target)) yield return new Group("across families (all)", (a, b) => a != b);
    }

    /// <summary>
    /// A table with one row per family group of the pairs (its label and its number of pairs), then one column per item of
    /// <paramref name="columns"/> (a map, a train share, ...), headed by <paramref name="header"/>, each cell from the pairs
    /// (source, target) of the group.
    /// </summary>
    public static PaperTable Table<TColumn>(string caption, IReadOnlyList<ModelPair> pairs, IEnumerable<TColumn> columns, Func<TColumn, string> header,
        Func<HashSet<(string, string)>, TColumn, TableCell> cell)
    {
        var groups = Groups(pairs.Select(p => (p.SourceFamily, p.TargetFamily)))
            .Select(g => (g.Label, Members: pairs.Where(p => g.Includes(p.SourceFamily, p.TargetFamily)).Select(p => (p.Source, p.Target)).ToHashSet()))
            .ToList();
        return PaperTable.Of(caption, groups,
        [
            new("families", g => TableCell.Plain(g.Label)),
            new("pairs", g => TableCell.Plain(g.Members.Count.ToString(CultureInfo.InvariantCulture))),
            .. columns.Select(c => new TableColumn<(string Label, HashSet<(string, string)> Members)>(header(c), g => cell(g.Members, c))),
        ]);
    }

    /// <summary>Rows by (map label, protocol, metric), built once for all the cells of a table.</summary>
    public static ILookup<(string Map, string Protocol, string Metric), StudyRow> Index(IEnumerable<StudyRow> rows) =>
        rows.ToLookup(r => (TableVocabulary.MapLabel(r), r.Protocol, r.Metric));

    /// <summary>
    /// Mean over the member pairs (pairs first averaged over seeds), with a t interval over seeds of the per-seed
    /// mean over pairs.
    /// </summary>
    public static TableCell Cell(ILookup<(string Map, string Protocol, string Metric), StudyRow> rows, HashSet<(string, string)> members,
        string map, string protocol, string metric)
    {
        var values = rows[(map, protocol, metric)].Where(r => members.Contains((r.Source, r.Target))).ToList();
        if (values.Count == 0) return new TableCell();
        var perSeed = PerSeed(values.Select(r => (r.Seed, r.Value)));
        var perPair = values.GroupBy(r => (r.Source, r.Target)).Select(g => g.Average(r => r.Value)).ToArray();
        var summary = Summary.Of(perSeed);
        var (low, high) = StudyStatistics.TInterval(summary, rate: metric != TableVocabulary.RelativeRank1);
        return new TableCell(100 * perPair.Average(), double.NaN, 100 * low, 100 * high) { Range = TableCell.RangeOf(metric) };
    }

    /// <summary>The mean of each seed's values (the values of several pairs: the per-seed mean over pairs), by seed.</summary>
    public static double[] PerSeed(IEnumerable<(int Seed, double Value)> values) =>
        values.GroupBy(v => v.Seed).OrderBy(g => g.Key).Select(g => g.Average(v => v.Value)).ToArray();
}
