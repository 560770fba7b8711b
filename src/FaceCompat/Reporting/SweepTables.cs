using System.Globalization;
using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Reporting.Study;
using FaceCompat.Studies;
using static FaceCompat.Reporting.TableVocabulary;

namespace FaceCompat.Reporting;

/// <summary>
/// The data-efficiency and alpha-sweep tables of a finished study: Rank-1 against the train share (and against
/// ridge α) as family means with 95% intervals over seeds, every pair's values under the strict protocol, and
/// the best α of every pair at every train share.
/// </summary>
internal static class SweepTables
{
    public static string Markdown(IReadOnlyList<StudyRow> rows, StatisticIndex stats)
    {
        var sb = new StringBuilder();
        var scopes = ResultsTables.Scopes(rows, [DataEfficiency, AlphaSweep]);
        var manyPreprocessing = scopes.Select(s => s.Preprocessing).Distinct().Count() > 1;
        foreach (var scope in scopes)
        {
            var inScope = rows.Where(r => scope.Contains(r) && r.Metric == Rank1).ToList();
            var label = (scope.Experiment == DataEfficiency ? "data efficiency" : "ridge-α sweep") + $", {scope.TestDataset}"
                + (manyPreprocessing ? $" ({scope.Preprocessing})" : "");
            var shares = inScope.Select(r => r.TrainRatio).Distinct().Order().ToList();
            var pairs = ModelPair.Of(inScope);
            StudyStatistic? Stat(ModelPair p, string map, double share) => stats.Find(scope, p.Source, p.Target, map, Strict, Rank1, share);
            if (scope.Experiment == DataEfficiency)
                DataEfficiencyTables(sb, label, inScope, shares, pairs, Stat);
            else
                AlphaSweepTables(sb, label, inScope, shares, pairs, Stat);
        }
        return sb.ToString();
    }

    /// <summary>The strict statistic of a pair, map and train share.</summary>
    private delegate StudyStatistic? StrictLookup(ModelPair pair, string map, double share);

    private static void DataEfficiencyTables(StringBuilder sb, string label, List<StudyRow> rows, List<double> shares, List<ModelPair> pairs, StrictLookup stat)
    {
        var maps = OrderMapLabels(rows.Select(MapLabel).Distinct());
        var byShare = shares.ToDictionary(share => share, share => FamilyMeans.Index(rows.Where(r => r.TrainRatio == share)));
        foreach (var protocol in ResultsTables.Protocols(rows))
            foreach (var map in maps)
                sb.AppendLine(FamilyMeans.Table($"Rank-1 by model family (%) against the train share, {label}, {map}, {protocol} protocol: " +
                    "mean over pairs [95% CI over seeds]", pairs, shares, Percent, (members, share) => FamilyMeans.Cell(byShare[share], members, map, protocol, Rank1))
                    .ToMarkdown());
        foreach (var map in maps)
            sb.AppendLine(PairTable.Of($"Rank-1 (%) against the train share, {label}, {map}, strict protocol", pairs, shares, Percent,
                (p, share) => TableCell.Percent(stat(p, map, share), interval: false), families: true).ToMarkdown());
    }

    private static void AlphaSweepTables(StringBuilder sb, string label, List<StudyRow> rows, List<double> shares, List<ModelPair> pairs, StrictLookup stat)
    {
        var alphas = SweepSettings(rows).Select(s =>
            double.IsFinite(s.Alpha) ? s : throw new FaceCompatException($"an alpha-sweep row without an alpha: '{s.Parameters}'; is results.csv from a study?")).ToList();
        foreach (var protocol in ResultsTables.Protocols(rows))
            foreach (var share in shares)
            {
                var atShare = FamilyMeans.Index(rows.Where(r => r.TrainRatio == share));
                sb.AppendLine(FamilyMeans.Table($"Rank-1 by model family (%) against ridge α, {label}, train share {Percent(share)}, {protocol} protocol: " +
                    "mean over pairs [95% CI over seeds]", pairs, alphas, a => "α " + a.Alpha.ToString("G", CultureInfo.InvariantCulture),
                    (members, a) => FamilyMeans.Cell(atShare, members, a.Label, protocol, Rank1))
                    .ToMarkdown());
            }
        sb.AppendLine(PairTable.Of($"Best ridge α of each pair by train share, {label}, strict protocol: α (its Rank-1 %, mean over seeds); of equal Rank-1 the smallest α",
            pairs, shares, Percent, (p, share) =>
            {
                var scored = alphas.Select(a => (a.Alpha, Stat: stat(p, a.Label, share))).Where(a => a.Stat is not null).ToList();
                if (scored.Count == 0) return new TableCell();
                var top = scored.MaxBy(a => a.Stat!.Mean); // the first of equals: the smallest α
                return TableCell.Plain($"{top.Alpha.ToString("G", CultureInfo.InvariantCulture)} ({(100 * top.Stat!.Mean).ToString("0.0", CultureInfo.InvariantCulture)})");
            }, families: true).ToMarkdown());
    }

    /// <summary>The settings of a sweep's rows (map, parameters, label, ridge alpha: NaN without one), by alpha.</summary>
    public static List<(string Map, string Parameters, string Label, double Alpha)> SweepSettings(IEnumerable<StudyRow> rows) =>
        rows.Select(r => (r.Map, r.MapParameters)).Distinct()
            .Select(s => (s.Map, s.MapParameters, Label: s.MapParameters.Length > 0 ? $"{s.Map}:{s.MapParameters}" : s.Map, Alpha: Alpha(s.Map, s.MapParameters)))
            .OrderBy(s => s.Alpha).ToList();

    private static string Percent(double share) => (100 * share).ToString("0", CultureInfo.InvariantCulture) + "%";
}
