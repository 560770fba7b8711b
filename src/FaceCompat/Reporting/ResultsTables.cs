using System.Globalization;
using System.Text;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>
/// The docs/results.md tables of a finished study, from its output folder (results.csv, statistics.csv):
/// for each within-dataset, cross-dataset and degree-2 scope and each protocol, Rank-1 of every ordered pair
/// and map (mean ± std over seeds [95% CI]), relative compatibility (strict Rank-1 after mapping / the target's
/// own strict Rank-1), and family-by-family means (source family → target family, within and across
/// families); then the data-efficiency and alpha-sweep tables (<see cref="SweepTables"/>).
/// </summary>
public static class ResultsTables
{
    /// <summary>The fitted maps, the baseline and the controls, in this order when present.</summary>
    private static readonly string[] MapOrder = ["procrustes", "lstsq", "ridge", "poly2", "unaligned", "shuffled", "random-orthogonal"];

    private static readonly string[] ScopeOrder = ["within", "cross-dataset", "degree2"];

    public static string Markdown(string studyDirectory)
    {
        var rows = StudyOutputFiles.ReadRows(Path.Combine(studyDirectory, "results.csv"));
        var statistics = StudyOutputFiles.ReadStatistics(Path.Combine(studyDirectory, "statistics.csv"));
        return Markdown(rows, statistics);
    }

    public static string Markdown(IReadOnlyList<StudyRow> rows, IReadOnlyList<StudyStatistic> statistics)
    {
        var sb = new StringBuilder();
        var stats = statistics.Where(s => ScopeOrder.Contains(s.Experiment)).ToDictionary(s => (s.Experiment, s.FitDataset, s.TestDataset, s.Preprocessing, s.Source, s.Target, s.Map, s.Protocol, s.Metric));
        var scopes = rows.Where(r => ScopeOrder.Contains(r.Experiment) && r.Metric == "rank1")
            .Select(r => (r.Experiment, r.FitDataset, r.TestDataset, r.Preprocessing)).Distinct()
            .OrderBy(s => Array.IndexOf(ScopeOrder, s.Experiment)).ThenBy(s => s.TestDataset == "lfw" ? 0 : 1).ThenBy(s => s.TestDataset, StringComparer.Ordinal).ThenBy(s => s.Preprocessing, StringComparer.Ordinal).ToList();
        var manyPreprocessing = scopes.Select(s => s.Preprocessing).Distinct().Count() > 1;
        var seeds = rows.Where(r => r.Experiment == "within").Select(r => r.Seed).Distinct().Count();
        sb.AppendLine($"Values in %: mean ± sample std over {seeds} seeds [95% interval: for Rank-1 the mean of the per-seed identity-bootstrap " +
            "intervals, else Student t over seeds]. Relative compatibility = strict Rank-1 after mapping / the target model's own strict Rank-1 " +
            "on the same test identities. Family rows: the mean over the ordered pairs of each family combination, its interval a Student-t " +
            "interval over seeds of the per-seed mean over those pairs (split noise; the models themselves are not resampled).").AppendLine();
        foreach (var scope in scopes)
        {
            var label = scope.Experiment switch
                {
                    "within" => $"within {scope.TestDataset}",
                    "degree2" => $"degree-2 maps, within {scope.TestDataset}",
                    _ => $"fit {scope.FitDataset}, test {scope.TestDataset}",
                }
                + (manyPreprocessing ? $" ({scope.Preprocessing})" : "");
            var inScope = rows.Where(r => r.Experiment == scope.Experiment && r.FitDataset == scope.FitDataset && r.TestDataset == scope.TestDataset
                && r.Preprocessing == scope.Preprocessing).ToList();
            var maps = Ordered(inScope.Where(r => r.Metric == "rank1").Select(r => Label(r)).Distinct());
            var pairs = Pairs(inScope);
            StudyStatistic? Stat(string source, string target, string map, string protocol, string metric) =>
                stats.GetValueOrDefault((scope.Experiment, scope.FitDataset, scope.TestDataset, scope.Preprocessing, source, target, map, protocol, metric));

            foreach (var protocol in Protocols(inScope))
            {
                var table = new PaperTable($"Rank-1 (%), {label}, {protocol} protocol", ["pair", "families", .. maps]);
                foreach (var p in pairs)
                    table.Add([.. PairCells(p), .. maps.Select(m => StatisticCell(Stat(p.Source, p.Target, m, protocol, "rank1")))]);
                sb.AppendLine(table.ToMarkdown());
            }
            if (inScope.Any(r => r.Metric == "relative_rank1"))
            {
                var relativeMaps = maps.Where(m => inScope.Any(r => r.Metric == "relative_rank1" && Label(r) == m)).ToList();
                var table = new PaperTable($"Relative compatibility (%), {label}, strict protocol", ["pair", "families", .. relativeMaps]);
                foreach (var p in pairs)
                    table.Add([.. PairCells(p), .. relativeMaps.Select(m => StatisticCell(Stat(p.Source, p.Target, m, "strict", "relative_rank1")))]);
                sb.AppendLine(table.ToMarkdown());
            }
            var index = FamilyMeans.Index(inScope);
            foreach (var (protocol, metric, name) in FamilyMetrics(inScope))
            {
                var table = new PaperTable($"{name} by model family (%), {label}, {protocol} protocol: mean over pairs [95% CI over seeds]",
                    ["families", "pairs", .. maps]);
                foreach (var group in FamilyMeans.Groups(pairs.Select(p => (p.SourceFamily, p.TargetFamily))))
                {
                    var members = Members(pairs, group);
                    table.Add([TableCell.Plain(group.Label), TableCell.Plain(members.Count.ToString(CultureInfo.InvariantCulture)),
                        .. maps.Select(m => FamilyMeans.Cell(index, members, m, protocol, metric))]);
                }
                sb.AppendLine(table.ToMarkdown());
            }
        }
        sb.Append(SweepTables.Markdown(rows, statistics));
        return sb.ToString();
    }

    private static IEnumerable<(string Protocol, string Metric, string Name)> FamilyMetrics(List<StudyRow> rows)
    {
        foreach (var protocol in Protocols(rows)) yield return (protocol, "rank1", "Rank-1");
        if (rows.Any(r => r.Metric == "relative_rank1")) yield return ("strict", "relative_rank1", "Relative compatibility");
    }

    /// <summary>The protocols of the rows' Rank-1 values, strict first.</summary>
    internal static IEnumerable<string> Protocols(IEnumerable<StudyRow> rows) =>
        rows.Where(r => r.Metric == "rank1").Select(r => r.Protocol).Distinct().OrderByDescending(p => p == "strict");

    /// <summary>The ordered pairs of the rows with their families, by source then target.</summary>
    internal static List<(string Source, string Target, string SourceFamily, string TargetFamily)> Pairs(IEnumerable<StudyRow> rows) =>
        rows.Select(r => (r.Source, r.Target, r.SourceFamily, r.TargetFamily)).Distinct()
            .OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Target, StringComparer.Ordinal).ToList();

    internal static TableCell[] PairCells((string Source, string Target, string SourceFamily, string TargetFamily) p) =>
        [TableCell.Plain($"{p.Source} → {p.Target}"), TableCell.Plain($"{p.SourceFamily} → {p.TargetFamily}")];

    internal static HashSet<(string, string)> Members(IEnumerable<(string Source, string Target, string SourceFamily, string TargetFamily)> pairs, FamilyMeans.Group group) =>
        pairs.Where(p => group.Includes(p.SourceFamily, p.TargetFamily)).Select(p => (p.Source, p.Target)).ToHashSet();

    /// <summary>A statistic in %: mean ± std, with its 95% interval unless told otherwise.</summary>
    internal static TableCell StatisticCell(StudyStatistic? s, bool interval = true) =>
        s is null ? new TableCell() : interval ? new TableCell(100 * s.Mean, 100 * s.Std, 100 * s.CiLow, 100 * s.CiHigh) : new TableCell(100 * s.Mean, 100 * s.Std);

    /// <summary>A row's map with its parameters, as the statistics name it ("ridge:alpha=0.1").</summary>
    internal static string Label(StudyRow r) => r.MapParameters.Length > 0 ? $"{r.Map}:{r.MapParameters}" : r.Map;

    internal static List<string> Ordered(IEnumerable<string> maps) =>
        maps.OrderBy(m => Array.IndexOf(MapOrder, m.Split(':')[0]) is var i && i >= 0 ? i : MapOrder.Length).ThenBy(m => m, StringComparer.Ordinal).ToList();
}
