using System.Globalization;
using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>
/// The data-efficiency and alpha-sweep tables of a finished study: Rank-1 against the train share (and against
/// ridge α) as family means with 95% intervals over seeds, every pair's values under the strict protocol, and
/// the best α of every pair at every train share.
/// </summary>
internal static class SweepTables
{
    public static string Markdown(IReadOnlyList<StudyRow> rows, IReadOnlyList<StudyStatistic> statistics)
    {
        var sb = new StringBuilder();
        var stats = statistics.Where(s => s.Experiment is "data-efficiency" or "alpha-sweep" && s.Metric == "rank1")
            .ToDictionary(s => (s.Experiment, s.TestDataset, s.Preprocessing, s.Source, s.Target, s.Map, s.TrainRatio, s.Protocol));
        var scopes = rows.Where(r => r.Experiment is "data-efficiency" or "alpha-sweep" && r.Metric == "rank1")
            .Select(r => (r.Experiment, r.TestDataset, r.Preprocessing)).Distinct()
            .OrderBy(s => s.Experiment == "data-efficiency" ? 0 : 1).ThenBy(s => s.TestDataset, StringComparer.Ordinal).ThenBy(s => s.Preprocessing, StringComparer.Ordinal).ToList();
        var manyPreprocessing = scopes.Select(s => s.Preprocessing).Distinct().Count() > 1;
        foreach (var scope in scopes)
        {
            var inScope = rows.Where(r => r.Experiment == scope.Experiment && r.TestDataset == scope.TestDataset && r.Preprocessing == scope.Preprocessing
                && r.Metric == "rank1").ToList();
            var label = (scope.Experiment == "data-efficiency" ? "data efficiency" : "ridge-α sweep") + $", {scope.TestDataset}"
                + (manyPreprocessing ? $" ({scope.Preprocessing})" : "");
            var shares = inScope.Select(r => r.TrainRatio).Distinct().Order().ToList();
            var pairs = ResultsTables.Pairs(inScope);
            StudyStatistic? Stat(string source, string target, string map, double share, string protocol) =>
                stats.GetValueOrDefault((scope.Experiment, scope.TestDataset, scope.Preprocessing, source, target, map, share, protocol));
            if (scope.Experiment == "data-efficiency")
                DataEfficiency(sb, label, inScope, shares, pairs, Stat);
            else
                AlphaSweep(sb, label, inScope, shares, pairs, Stat);
        }
        return sb.ToString();
    }

    private delegate StudyStatistic? StatLookup(string source, string target, string map, double share, string protocol);

    private static void DataEfficiency(StringBuilder sb, string label, List<StudyRow> rows, List<double> shares,
        List<(string Source, string Target, string SourceFamily, string TargetFamily)> pairs, StatLookup stat)
    {
        var maps = ResultsTables.Ordered(rows.Select(ResultsTables.Label).Distinct());
        string[] shareColumns = [.. shares.Select(Percent)];
        var byShare = shares.ToDictionary(share => share, share => FamilyMeans.Index(rows.Where(r => r.TrainRatio == share)));
        foreach (var protocol in ResultsTables.Protocols(rows))
            foreach (var map in maps)
            {
                var table = new PaperTable($"Rank-1 by model family (%) against the train share, {label}, {map}, {protocol} protocol: " +
                    "mean over pairs [95% CI over seeds]", ["families", "pairs", .. shareColumns]);
                foreach (var group in FamilyMeans.Groups(pairs.Select(p => (p.SourceFamily, p.TargetFamily))))
                {
                    var members = ResultsTables.Members(pairs, group);
                    table.Add([TableCell.Plain(group.Label), TableCell.Plain(members.Count.ToString(CultureInfo.InvariantCulture)),
                        .. shares.Select(share => FamilyMeans.Cell(byShare[share], members, map, protocol, "rank1"))]);
                }
                sb.AppendLine(table.ToMarkdown());
            }
        foreach (var map in maps)
        {
            var table = new PaperTable($"Rank-1 (%) against the train share, {label}, {map}, strict protocol", ["pair", "families", .. shareColumns]);
            foreach (var p in pairs)
                table.Add([.. ResultsTables.PairCells(p), .. shares.Select(share => ResultsTables.StatisticCell(stat(p.Source, p.Target, map, share, "strict"), interval: false))]);
            sb.AppendLine(table.ToMarkdown());
        }
    }

    private static void AlphaSweep(StringBuilder sb, string label, List<StudyRow> rows, List<double> shares,
        List<(string Source, string Target, string SourceFamily, string TargetFamily)> pairs, StatLookup stat)
    {
        var alphas = rows.Select(r => (Map: ResultsTables.Label(r), Alpha: Alpha(r))).Distinct().OrderBy(a => a.Alpha).ToList();
        string[] alphaColumns = [.. alphas.Select(a => "α " + a.Alpha.ToString("G", CultureInfo.InvariantCulture))];
        foreach (var protocol in ResultsTables.Protocols(rows))
            foreach (var share in shares)
            {
                var table = new PaperTable($"Rank-1 by model family (%) against ridge α, {label}, train share {Percent(share)}, {protocol} protocol: " +
                    "mean over pairs [95% CI over seeds]", ["families", "pairs", .. alphaColumns]);
                var atShare = FamilyMeans.Index(rows.Where(r => r.TrainRatio == share));
                foreach (var group in FamilyMeans.Groups(pairs.Select(p => (p.SourceFamily, p.TargetFamily))))
                {
                    var members = ResultsTables.Members(pairs, group);
                    table.Add([TableCell.Plain(group.Label), TableCell.Plain(members.Count.ToString(CultureInfo.InvariantCulture)),
                        .. alphas.Select(a => FamilyMeans.Cell(atShare, members, a.Map, protocol, "rank1"))]);
                }
                sb.AppendLine(table.ToMarkdown());
            }
        var best = new PaperTable($"Best ridge α of each pair by train share, {label}, strict protocol: α (its Rank-1 %, mean over seeds); of equal Rank-1 the smallest α",
            ["pair", "families", .. shares.Select(Percent)]);
        foreach (var p in pairs)
            best.Add([.. ResultsTables.PairCells(p), .. shares.Select(share =>
            {
                var scored = alphas.Select(a => (a.Alpha, Stat: stat(p.Source, p.Target, a.Map, share, "strict"))).Where(a => a.Stat is not null).ToList();
                if (scored.Count == 0) return new TableCell();
                var top = scored.MaxBy(a => a.Stat!.Mean); // the first of equals: the smallest α
                return TableCell.Plain($"{top.Alpha.ToString("G", CultureInfo.InvariantCulture)} ({(100 * top.Stat!.Mean).ToString("0.0", CultureInfo.InvariantCulture)})");
            })]);
        sb.AppendLine(best.ToMarkdown());
    }

    private static string Percent(double share) => (100 * share).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static double Alpha(StudyRow r) => Study.SweepSections.Alpha(r.Map, r.MapParameters) is var alpha && double.IsFinite(alpha)
        ? alpha : throw new FaceCompatException($"an alpha-sweep row without an alpha: '{r.MapParameters}'; is results.csv from a study?");
}
