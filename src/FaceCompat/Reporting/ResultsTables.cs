using System.Text;
using FaceCompat.Reporting.Study;
using FaceCompat.Studies;
using static FaceCompat.Reporting.TableVocabulary;

namespace FaceCompat.Reporting;

/// <summary>
/// The docs/results.md tables of a finished study, from its output folder (results.csv, statistics.csv):
/// for each within-dataset, cross-dataset and degree-2 scope and each protocol, Rank-1 of every ordered pair
/// and map (mean ± std over seeds [95% CI]), relative compatibility (strict Rank-1 after mapping / the target's
/// own strict Rank-1), and family-by-family means (source family → target family, within and across
/// families); then the data-efficiency and alpha-sweep tables (<see cref="SweepTables"/>).
/// </summary>
internal static class ResultsTables
{
    public static string Markdown(string studyDirectory)
    {
        var rows = StudyOutputFiles.ReadRows(Path.Combine(studyDirectory, "results.csv"));
        var statistics = StudyOutputFiles.ReadStatistics(Path.Combine(studyDirectory, "statistics.csv"));
        return Markdown(rows, statistics);
    }

    public static string Markdown(IReadOnlyList<StudyRow> rows, IReadOnlyList<StudyStatistic> statistics)
    {
        var sb = new StringBuilder();
        var stats = new StatisticIndex(statistics);
        var scopes = Scopes(rows, PairTableExperiments);
        var manyPreprocessing = scopes.Select(s => s.Preprocessing).Distinct().Count() > 1;
        var seeds = rows.Where(r => r.Experiment == Within).Select(r => r.Seed).Distinct().Count();
        sb.AppendLine($"Values in %: mean ± sample std over {seeds} seeds [95% interval: for Rank-1 the mean of the per-seed identity-bootstrap " +
            "intervals, else Student t over seeds]. Relative compatibility = strict Rank-1 after mapping / the target model's own strict Rank-1 " +
            "on the same test identities. Family rows: the mean over the ordered pairs of each family combination, its interval a Student-t " +
            "interval over seeds of the per-seed mean over those pairs (split noise; the models themselves are not resampled).").AppendLine();
        foreach (var scope in scopes)
        {
            var label = scope.Experiment switch
                {
                    Within => $"within {scope.TestDataset}",
                    Degree2 => $"degree-2 maps, within {scope.TestDataset}",
                    _ => $"fit {scope.FitDataset}, test {scope.TestDataset}",
                }
                + (manyPreprocessing ? $" ({scope.Preprocessing})" : "");
            var inScope = rows.Where(scope.Contains).ToList();
            var maps = OrderMapLabels(inScope.Where(r => r.Metric == Rank1).Select(MapLabel).Distinct());
            var pairs = ModelPair.Of(inScope);
            TableCell Cell(ModelPair p, string map, string protocol, string metric) =>
                TableCell.Percent(stats.Find(scope, p.Source, p.Target, map, protocol, metric));

            foreach (var protocol in Protocols(inScope))
                sb.AppendLine(PairTable.Of($"Rank-1 (%), {label}, {protocol} protocol", pairs, maps, (p, m) => Cell(p, m, protocol, Rank1), families: true)
                    .ToMarkdown());
            if (inScope.Any(r => r.Metric == RelativeRank1))
            {
                var relativeMaps = maps.Where(m => inScope.Any(r => r.Metric == RelativeRank1 && MapLabel(r) == m)).ToList();
                sb.AppendLine(PairTable.Of($"Relative compatibility (%), {label}, strict protocol", pairs, relativeMaps,
                    (p, m) => Cell(p, m, Strict, RelativeRank1), families: true).ToMarkdown());
            }
            var index = FamilyMeans.Index(inScope);
            foreach (var (protocol, metric, name) in FamilyMetrics(inScope))
                sb.AppendLine(FamilyMeans.Table($"{name} by model family (%), {label}, {protocol} protocol: mean over pairs [95% CI over seeds]",
                    pairs, maps, m => m, (members, m) => FamilyMeans.Cell(index, members, m, protocol, metric)).ToMarkdown());
        }
        sb.Append(SweepTables.Markdown(rows, stats));
        return sb.ToString();
    }

    private static IEnumerable<(string Protocol, string Metric, string Name)> FamilyMetrics(List<StudyRow> rows)
    {
        foreach (var protocol in Protocols(rows)) yield return (protocol, Rank1, "Rank-1");
        if (rows.Any(r => r.Metric == RelativeRank1)) yield return (Strict, RelativeRank1, "Relative compatibility");
    }

    /// <summary>The scopes of the rows' Rank-1 values in these experiments, in the <c>study-tables</c> order.</summary>
    internal static List<StudyScope> Scopes(IEnumerable<StudyRow> rows, IReadOnlyList<string> experiments) =>
        OrderStudyTablesScopes(rows.Where(r => experiments.Contains(r.Experiment) && r.Metric == Rank1).Select(StudyScope.Of).Distinct());

    /// <summary>The protocols of the rows' Rank-1 values, in table order.</summary>
    internal static List<string> Protocols(IEnumerable<StudyRow> rows) =>
        OrderProtocols(rows.Where(r => r.Metric == Rank1).Select(r => r.Protocol).Distinct());
}
