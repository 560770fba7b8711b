using FaceCompat.Analysis;
using FaceCompat.Reporting.Charts;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>Average-linkage dendrogram of the models (100 − symmetrised Rank-1) and the source/sink asymmetry.</summary>
internal static class ClusteringSection
{
    public static string Html(StudyView v)
    {
        var scope = v.PrimaryScope();
        var map = scope is null ? null : v.PrimaryMap(scope);
        if (scope is null || map is null) return Missing("Within-dataset results with a fitted map (needed for the clustering):");
        var ids = v.ModelIds;
        var sb = new System.Text.StringBuilder();
        sb.Append(Note($"{v.ScopeLabel(scope)}, map {map}. Distance between two models = 100 − symmetrised Rank-1 % " +
            "((Rank-1 a→b + Rank-1 b→a) / 2), average linkage (UPGMA). Leaf labels are coloured by family."));
        var figures = new List<string>();
        foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1))
        {
            var r = v.Matrix(scope, map, protocol, TableVocabulary.Rank1);
            var d = new double[ids.Count, ids.Count];
            var complete = true;
            for (var i = 0; i < ids.Count; i++)
                for (var j = 0; j < ids.Count; j++)
                {
                    if (i == j) continue;
                    var s = (r[i, j] + r[j, i]) / 2;
                    if (!double.IsFinite(s)) complete = false;
                    d[i, j] = 100 - s;
                }
            if (!complete || ids.Count < 2) { sb.Append(Note($"{protocol} protocol: not every pair was measured, so the models cannot be clustered.")); continue; }
            figures.Add(new Dendrogram
            {
                Title = $"Models clustered, {protocol} protocol",
                Labels = ids,
                Merges = HierarchicalClustering.AverageLinkage(d),
                Groups = ids.Select(v.FamilyOf).ToList(),
                DistanceLabel = "100 − symmetrised Rank-1 (%)",
            }.ToSvg());
        }
        sb.Append(Figures(figures));

        sb.Append(H3("Source/sink asymmetry"));
        sb.Append(Note("Mean Rank-1 of a model as the source (its embeddings mapped into every other model) and as the target " +
            "(every other model mapped into it). A good source is easy to map from; a good sink is easy to map into."));
        foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1))
        {
            var r = v.Matrix(scope, map, protocol, TableVocabulary.Rank1);
            var asSource = ids.Select((_, i) => SummarySection.MeanOver(ids.Select((_, j) => i == j ? double.NaN : r[i, j]))).ToList();
            var asTarget = ids.Select((_, j) => SummarySection.MeanOver(ids.Select((_, i) => i == j ? double.NaN : r[i, j]))).ToList();
            var table = new PaperTable($"Source/sink asymmetry, mean Rank-1 (%), {v.ScopeLabel(scope)}, {map}, {protocol} protocol",
                ["model", "family", "as source", "as target", "source − target"]);
            for (var i = 0; i < ids.Count; i++)
                table.Add(TableCell.Plain(ids[i]), TableCell.Plain(v.FamilyOf(ids[i])), new TableCell(asSource[i]), new TableCell(asTarget[i]),
                    new TableCell(asSource[i] - asTarget[i]));
            var chart = new BarChart { Title = $"Source vs target, {protocol} protocol", Categories = ids, YLabel = "mean Rank-1 (%)", YMax = 100 };
            chart.Series.Add(("as source", asSource));
            chart.Series.Add(("as target", asTarget));
            sb.Append(Figures([chart.ToSvg(), "<div>" + table.ToHtml() + "</div>"]));
        }
        return sb.ToString();
    }
}
