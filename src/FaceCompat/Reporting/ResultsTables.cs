using System.Globalization;
using System.Text;
using FaceCompat.Analysis;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>
/// The docs/results.md tables of a finished study, from its output folder (results.csv, statistics.csv):
/// for each within-dataset and cross-dataset scope and each protocol, Rank-1 of every ordered pair and map
/// (mean ± std over seeds [95% CI]), relative compatibility (strict Rank-1 after mapping / the target's own
/// strict Rank-1), and family-by-family means (source family → target family, within and across families).
/// </summary>
public static class ResultsTables
{
    /// <summary>The fitted maps, the baseline and the controls, in this order when present.</summary>
    private static readonly string[] MapOrder = ["procrustes", "lstsq", "ridge", "unaligned", "shuffled", "random-orthogonal"];

    public static string Markdown(string studyDirectory)
    {
        var rows = ReadRows(Path.Combine(studyDirectory, "results.csv"));
        var statistics = ReadStatistics(Path.Combine(studyDirectory, "statistics.csv"));
        return Markdown(rows, statistics);
    }

    public static string Markdown(IReadOnlyList<StudyRow> rows, IReadOnlyList<StudyStatistic> statistics)
    {
        var sb = new StringBuilder();
        var stats = statistics.Where(s => s.Experiment is "within" or "cross-dataset").ToDictionary(s => (s.Experiment, s.FitDataset, s.TestDataset, s.Preprocessing, s.Source, s.Target, s.Map, s.Protocol, s.Metric));
        var scopes = rows.Where(r => r.Experiment is "within" or "cross-dataset" && r.Metric == "rank1")
            .Select(r => (r.Experiment, r.FitDataset, r.TestDataset, r.Preprocessing)).Distinct()
            .OrderBy(s => s.Experiment == "within" ? 0 : 1).ThenBy(s => s.TestDataset == "lfw" ? 0 : 1).ThenBy(s => s.TestDataset, StringComparer.Ordinal).ThenBy(s => s.Preprocessing, StringComparer.Ordinal).ToList();
        var manyPreprocessing = scopes.Select(s => s.Preprocessing).Distinct().Count() > 1;
        var seeds = rows.Where(r => r.Experiment == "within").Select(r => r.Seed).Distinct().Count();
        sb.AppendLine($"Values in %: mean ± sample std over {seeds} seeds [95% interval: for Rank-1 the mean of the per-seed identity-bootstrap " +
            "intervals, else Student t over seeds]. Relative compatibility = strict Rank-1 after mapping / the target model's own strict Rank-1 " +
            "on the same test identities. Family rows: the mean over the ordered pairs of each family combination, its interval a Student-t " +
            "interval over seeds of the per-seed mean over those pairs (split noise; the models themselves are not resampled).").AppendLine();
        foreach (var scope in scopes)
        {
            var label = (scope.Experiment == "within" ? $"within {scope.TestDataset}" : $"fit {scope.FitDataset}, test {scope.TestDataset}")
                + (manyPreprocessing ? $" ({scope.Preprocessing})" : "");
            var inScope = rows.Where(r => r.Experiment == scope.Experiment && r.FitDataset == scope.FitDataset && r.TestDataset == scope.TestDataset
                && r.Preprocessing == scope.Preprocessing).ToList();
            var maps = Ordered(inScope.Where(r => r.Metric == "rank1").Select(r => Label(r)).Distinct());
            var pairs = inScope.Select(r => (r.Source, r.Target, r.SourceFamily, r.TargetFamily)).Distinct()
                .OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Target, StringComparer.Ordinal).ToList();
            StudyStatistic? Stat(string source, string target, string map, string protocol, string metric) =>
                stats.GetValueOrDefault((scope.Experiment, scope.FitDataset, scope.TestDataset, scope.Preprocessing, source, target, map, protocol, metric));
            TableCell Cell(StudyStatistic? s) => s is null ? new TableCell() : new TableCell(100 * s.Mean, 100 * s.Std, 100 * s.CiLow, 100 * s.CiHigh);

            foreach (var protocol in inScope.Where(r => r.Metric == "rank1").Select(r => r.Protocol).Distinct().OrderByDescending(p => p == "strict"))
            {
                var table = new PaperTable($"Rank-1 (%), {label}, {protocol} protocol", ["pair", "families", .. maps]);
                foreach (var p in pairs)
                    table.Add([TableCell.Plain($"{p.Source} → {p.Target}"), TableCell.Plain($"{p.SourceFamily} → {p.TargetFamily}"),
                        .. maps.Select(m => Cell(Stat(p.Source, p.Target, m, protocol, "rank1")))]);
                sb.AppendLine(table.ToMarkdown());
            }
            if (inScope.Any(r => r.Metric == "relative_rank1"))
            {
                var relativeMaps = maps.Where(m => inScope.Any(r => r.Metric == "relative_rank1" && Label(r) == m)).ToList();
                var table = new PaperTable($"Relative compatibility (%), {label}, strict protocol", ["pair", "families", .. relativeMaps]);
                foreach (var p in pairs)
                    table.Add([TableCell.Plain($"{p.Source} → {p.Target}"), TableCell.Plain($"{p.SourceFamily} → {p.TargetFamily}"),
                        .. relativeMaps.Select(m => Cell(Stat(p.Source, p.Target, m, "strict", "relative_rank1")))]);
                sb.AppendLine(table.ToMarkdown());
            }
            foreach (var (protocol, metric, name) in FamilyMetrics(inScope))
            {
                var table = new PaperTable($"{name} by model family (%), {label}, {protocol} protocol: mean over pairs [95% CI over seeds]",
                    ["families", "pairs", .. maps]);
                foreach (var group in FamilyGroups(pairs.Select(p => (p.SourceFamily, p.TargetFamily))))
                {
                    var members = pairs.Where(p => group.Includes(p.SourceFamily, p.TargetFamily)).Select(p => (p.Source, p.Target)).ToHashSet();
                    table.Add([TableCell.Plain(group.Label), TableCell.Plain(members.Count.ToString(CultureInfo.InvariantCulture)),
                        .. maps.Select(m => FamilyCell(inScope, members, m, protocol, metric))]);
                }
                sb.AppendLine(table.ToMarkdown());
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<(string Protocol, string Metric, string Name)> FamilyMetrics(List<StudyRow> rows)
    {
        foreach (var protocol in rows.Where(r => r.Metric == "rank1").Select(r => r.Protocol).Distinct().OrderByDescending(p => p == "strict"))
            yield return (protocol, "rank1", "Rank-1");
        if (rows.Any(r => r.Metric == "relative_rank1")) yield return ("strict", "relative_rank1", "Relative compatibility");
    }

    private sealed record FamilyGroup(string Label, Func<string, string, bool> Includes);

    /// <summary>Each source → target family combination present, then within-family and across-family pooled.</summary>
    private static IEnumerable<FamilyGroup> FamilyGroups(IEnumerable<(string Source, string Target)> families)
    {
        var present = families.Distinct().OrderBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.Target, StringComparer.Ordinal).ToList();
        foreach (var (s, t) in present) yield return new FamilyGroup($"{s} → {t}", (a, b) => a == s && b == t);
        if (present.Any(f => f.Source == f.Target)) yield return new FamilyGroup("within a family (all)", (a, b) => a == b);
        if (present.Any(f => f.Source != f.Target)) yield return new FamilyGroup("across families (all)", (a, b) => a != b);
    }

    /// <summary>Mean over the member pairs (pairs first averaged over seeds), with a t interval over seeds of the per-seed mean over pairs.</summary>
    private static TableCell FamilyCell(List<StudyRow> rows, HashSet<(string, string)> members, string map, string protocol, string metric)
    {
        var values = rows.Where(r => r.Metric == metric && r.Protocol == protocol && Label(r) == map && members.Contains((r.Source, r.Target))).ToList();
        if (values.Count == 0) return new TableCell();
        var perSeed = values.GroupBy(r => r.Seed).OrderBy(g => g.Key).Select(g => g.Average(r => r.Value)).ToArray();
        var perPair = values.GroupBy(r => (r.Source, r.Target)).Select(g => g.Average(r => r.Value)).ToArray();
        var summary = Summary.Of(perSeed);
        var (low, high) = StudyStatistics.TInterval(summary, rate: metric != "relative_rank1");
        return new TableCell(100 * perPair.Average(), double.NaN, 100 * low, 100 * high);
    }

    private static string Label(StudyRow r) => r.MapParameters.Length > 0 ? $"{r.Map}:{r.MapParameters}" : r.Map;

    private static List<string> Ordered(IEnumerable<string> maps) =>
        maps.OrderBy(m => Array.IndexOf(MapOrder, m.Split(':')[0]) is var i && i >= 0 ? i : MapOrder.Length).ThenBy(m => m, StringComparer.Ordinal).ToList();

    private static List<StudyRow> ReadRows(string path)
    {
        var (header, lines) = ReadCsv(path);
        int C(string name) => Column(header, name, path);
        int experiment = C("experiment"), fit = C("fit_dataset"), test = C("test_dataset"), pre = C("preprocessing"), source = C("source"),
            target = C("target"), sf = C("source_family"), tf = C("target_family"), map = C("map"), parameters = C("map_parameters"),
            ratio = C("train_ratio"), seed = C("seed"), protocol = C("protocol"), task = C("task"), metric = C("metric"), value = C("value");
        return lines.Select(f => new StudyRow(f[experiment], f[fit], f[test], f[pre], f[source], f[target], f[sf], f[tf], f[map], f[parameters],
            Number(f[ratio]), int.Parse(f[seed], CultureInfo.InvariantCulture), f[protocol], f[task], f[metric], Number(f[value]))).ToList();
    }

    private static List<StudyStatistic> ReadStatistics(string path)
    {
        var (header, lines) = ReadCsv(path);
        int C(string name) => Column(header, name, path);
        int experiment = C("experiment"), fit = C("fit_dataset"), test = C("test_dataset"), pre = C("preprocessing"), source = C("source"),
            target = C("target"), map = C("map"), ratio = C("train_ratio"), protocol = C("protocol"), task = C("task"), metric = C("metric"),
            seeds = C("seeds"), mean = C("mean"), std = C("std"), low = C("ci_low"), high = C("ci_high"), w = C("wilcoxon_p"), perm = C("permutation_p");
        return lines.Select(f => new StudyStatistic(f[experiment], f[fit], f[test], f[pre], f[source], f[target], f[map], Number(f[ratio]),
            f[protocol], f[task], f[metric], int.Parse(f[seeds], CultureInfo.InvariantCulture), Number(f[mean]), Number(f[std]), Number(f[low]),
            Number(f[high]), Number(f[w]), Number(f[perm]))).ToList();
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Column(string[] header, string name, string path)
    {
        var i = Array.IndexOf(header, name);
        return i >= 0 ? i : throw new FaceCompatException($"{path}: no column '{name}'; is this a study output folder?");
    }

    private static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"{path} does not exist; give the output folder of a finished `facecompat study`.");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new FaceCompatException($"{path} is empty.");
        var header = Split(lines[0]);
        var rows = new List<string[]>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = Split(lines[i]);
            if (fields.Length != header.Length) throw new FaceCompatException($"{path}:{i + 1}: {fields.Length} fields, the header has {header.Length}.");
            rows.Add(fields);
        }
        return (header, rows);
    }

    /// <summary>One CSV line as written by the study (RFC 4180 quoting, no line breaks inside fields).</summary>
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
