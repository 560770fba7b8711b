using FaceCompat.Reporting.Charts;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>CKA, RSA and mutual k-NN between the models' spaces, one heatmap per dataset, preprocessing and measure.</summary>
internal static class SimilaritySection
{
    public static string Html(StudyView v)
    {
        var rows = v.Results.SpaceSimilarity;
        if (rows.Count == 0) return Missing("Space similarity (CKA, RSA, mutual k-NN):");
        var ids = v.ModelIds;
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Linear CKA and RSA (correlation of the two models' pairwise-similarity matrices) compare the geometry of two spaces " +
            "without fitting any map; mutual k-NN is the mean overlap of each image's k nearest neighbours in the two spaces. 1 = identical. " +
            "Symmetric; models ordered by family."));
        var scopes = rows.Select(r => (r.Dataset, r.Preprocessing)).Distinct()
            .OrderBy(s => s.Dataset, StringComparer.Ordinal).ThenBy(s => PreprocessingComparison.VariantRank(s.Preprocessing)).ToList();
        foreach (var (dataset, preprocessing) in scopes)
        {
            var label = v.ScopeLabel(new StudyScope("space-similarity", dataset, dataset, preprocessing));
            var scoped = rows.Where(r => r.Dataset == dataset && r.Preprocessing == preprocessing).ToList();
            sb.Append(H3(label));
            var figures = new List<string>();
            foreach (var measure in scoped.Select(r => r.Measure).Distinct().OrderBy(m => m, StringComparer.Ordinal))
            {
                var m = new double[ids.Count, ids.Count];
                for (var i = 0; i < ids.Count; i++)
                    for (var j = 0; j < ids.Count; j++)
                        m[i, j] = i == j ? 1 : double.NaN;
                foreach (var r in scoped.Where(r => r.Measure == measure))
                {
                    int a = IndexOf(ids, r.ModelA), b = IndexOf(ids, r.ModelB);
                    if (a < 0 || b < 0) continue;
                    m[a, b] = m[b, a] = r.Value;
                }
                figures.Add(new Heatmap
                {
                    Title = $"{measure}, {label}",
                    RowLabels = ids, ColumnLabels = ids, Values = m, Min = 0, Max = 1, Format = "0.00",
                    RowTitle = "model", ColumnTitle = "model", RowGroups = ids.Select(v.FamilyOf).ToList(),
                }.ToSvg());
            }
            sb.Append(Figures(figures));
        }
        return sb.ToString();
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++) if (ids[i] == id) return i;
        return -1;
    }
}
