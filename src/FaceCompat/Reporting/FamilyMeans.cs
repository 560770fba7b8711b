using FaceCompat.Analysis;
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

    /// <summary>Rows of one train share by (map label, protocol, metric), built once for all the cells of a table.</summary>
    public static ILookup<(string Map, string Protocol, string Metric), StudyRow> Index(IEnumerable<StudyRow> rows) =>
        rows.ToLookup(r => (ResultsTables.Label(r), r.Protocol, r.Metric));

    /// <summary>
    /// Mean over the member pairs (pairs first averaged over seeds), with a t interval over seeds of the per-seed
    /// mean over pairs.
    /// </summary>
    public static TableCell Cell(ILookup<(string Map, string Protocol, string Metric), StudyRow> rows, HashSet<(string, string)> members,
        string map, string protocol, string metric)
    {
        var values = rows[(map, protocol, metric)].Where(r => members.Contains((r.Source, r.Target))).ToList();
        if (values.Count == 0) return new TableCell();
        var perSeed = values.GroupBy(r => r.Seed).OrderBy(g => g.Key).Select(g => g.Average(r => r.Value)).ToArray();
        var perPair = values.GroupBy(r => (r.Source, r.Target)).Select(g => g.Average(r => r.Value)).ToArray();
        var summary = Summary.Of(perSeed);
        var (low, high) = StudyStatistics.TInterval(summary, rate: metric != "relative_rank1");
        return new TableCell(100 * perPair.Average(), double.NaN, 100 * low, 100 * high);
    }
}
