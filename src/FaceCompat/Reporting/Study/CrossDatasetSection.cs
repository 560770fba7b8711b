using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>Maps fitted on one dataset (CFP) and tested on another (LFW), beside the within-dataset numbers.</summary>
internal static class CrossDatasetSection
{
    public static string Html(StudyView v)
    {
        var scopes = v.ScopesOf("cross-dataset");
        if (scopes.Count == 0) return Missing("The cross-dataset experiment (fit on CFP, test on LFW):");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Maps fitted on one dataset and applied to another dataset's test identities. The within column is the same map " +
            "fitted and tested on the test dataset, for comparison."));
        foreach (var scope in scopes)
            foreach (var protocol in v.Protocols(scope, "rank1"))
            {
                var within = v.ScopesOf("within").FirstOrDefault(s => s.TestDataset == scope.TestDataset && s.Preprocessing == scope.Preprocessing);
                var maps = v.Maps(scope);
                var columns = new List<string> { "pair" };
                columns.AddRange(maps);
                if (within is not null) columns.AddRange(maps.Where(StudyView.IsFitted).Select(m => $"{m} (within {scope.TestDataset.ToUpperInvariant()})"));
                var table = new PaperTable($"Cross-dataset Rank-1 (%), {v.ScopeLabel(scope)}, {protocol} protocol", columns)
                {
                    Note = StudyTables.MarksNote(v.Seeds.Count),
                };
                foreach (var pair in v.Pairs(scope))
                {
                    var cells = new List<TableCell> { TableCell.Plain(pair.Label) };
                    foreach (var map in maps)
                    {
                        var s = v.Statistic(scope, pair.Source, pair.Target, map, protocol, "rank1");
                        cells.Add(s is null ? new TableCell() : StudyTables.Cell(s, map));
                    }
                    if (within is not null)
                        foreach (var map in maps.Where(StudyView.IsFitted))
                        {
                            var s = v.Statistic(within, pair.Source, pair.Target, map, protocol, "rank1");
                            cells.Add(s is null ? new TableCell() : new TableCell(s.Mean * 100, s.Std * 100));
                        }
                    table.Add([.. cells]);
                }
                sb.Append(table.ToHtml());
            }
        return sb.ToString();
    }
}
