using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>Maps fitted on one dataset (CFP) and tested on another (LFW), beside the within-dataset numbers.</summary>
internal static class CrossDatasetSection
{
    public static string Html(StudyView v)
    {
        var scopes = v.ScopesOf(TableVocabulary.CrossDataset);
        if (scopes.Count == 0) return Missing("The cross-dataset experiment (fit on CFP, test on LFW):");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Maps fitted on one dataset and applied to another dataset's test identities. The within column is the same map " +
            "fitted and tested on the test dataset, for comparison."));
        var tables = new List<PaperTable>();
        foreach (var scope in scopes)
            foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1))
            {
                var within = v.ScopesOf(TableVocabulary.Within).FirstOrDefault(s => s.TestDataset == scope.TestDataset && s.Preprocessing == scope.Preprocessing);
                var maps = v.Maps(scope);
                // The maps in this scope (with marks), then each fitted map within the test dataset (mean ± std only).
                var columns = maps.Select(m => (Scope: scope, Map: m, Header: m))
                    .Concat(within is null ? [] : maps.Where(StudyView.IsFitted).Select(m => (Scope: within, Map: m, Header: $"{m} (within {scope.TestDataset.ToUpperInvariant()})")));
                tables.Add(PairTable.Of($"Cross-dataset Rank-1 (%), {v.ScopeLabel(scope)}, {protocol} protocol", v.Pairs(scope), columns, c => c.Header,
                    (p, c) => c.Scope == scope
                        ? StudyTables.Cell(v.Statistic(scope, p.Source, p.Target, c.Map, protocol, TableVocabulary.Rank1), c.Map)
                        : TableCell.Percent(v.Statistic(c.Scope, p.Source, p.Target, c.Map, protocol, TableVocabulary.Rank1), interval: false),
                    note: StudyTables.MarksNote(v.Seeds.Count)));
            }
        sb.Append(PaperTable.HtmlWithNotesOnce(tables));
        return sb.ToString();
    }
}
