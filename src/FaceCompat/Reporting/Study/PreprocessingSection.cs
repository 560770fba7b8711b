using FaceCompat.Reporting.Charts;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>Crop vs align: how landmark alignment changes cross-model compatibility, per ordered pair.</summary>
internal static class PreprocessingSection
{
    /// <summary>Whether the study ran several preprocessings, the only case with something to compare.</summary>
    public static bool HasContent(StudyView v) => PreprocessingComparison.Groups(v).Count > 0;

    public static string Html(StudyView v)
    {
        var groups = PreprocessingComparison.Groups(v);
        if (groups.Count == 0)
            return Missing("Crop vs align (a study with preprocessing.variants: [crop, align]):");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("The same experiment on embeddings of the reference crop and of landmark-aligned faces. Both variants use the same " +
            "identity splits and test images, so each difference is paired by seed. Rows are the source model (mapped), columns the target (gallery)."));
        foreach (var group in groups)
            foreach (var other in group.Others)
            {
                var reference = group.Reference;
                var selfA = reference with { Experiment = StudyView.Self };
                var selfB = other with { Experiment = StudyView.Self };
                var own = v.ModelIds.Select(id => (id,
                    A: v.Mean(selfA, id, id, StudyView.Self, StudyView.Strict, TableVocabulary.Rank1),
                    B: v.Mean(selfB, id, id, StudyView.Self, StudyView.Strict, TableVocabulary.Rank1))).Where(x => double.IsFinite(x.A)).ToList();
                if (own.Count > 0)
                    sb.Append(P($"{reference.TestDataset.ToUpperInvariant()}: each model's own strict Rank-1, {reference.Preprocessing} → {other.Preprocessing}: " +
                        string.Join(", ", own.Select(x => $"{x.id} {StudyView.Percent(x.A)} → {StudyView.Percent(x.B)}")) + "."));
                foreach (var protocol in v.Protocols(reference, TableVocabulary.Rank1))
                {
                    var map = v.PrimaryMap(reference);
                    if (map is null) continue;
                    var changes = v.Pairs(reference)
                        .Select(p => PreprocessingComparison.Compare(v, reference, other, p.Source, p.Target, map, protocol, TableVocabulary.Rank1).Mean)
                        .Where(double.IsFinite).ToList();
                    sb.Append(H3($"Rank-1, {reference.TestDataset.ToUpperInvariant()}, {protocol} protocol, {map}: {reference.Preprocessing} vs {other.Preprocessing}"));
                    if (changes.Count > 0)
                        sb.Append(Callout($"{other.Preprocessing} − {reference.Preprocessing}: mean {Points(changes.Average())} over {changes.Count} pairs " +
                            $"(from {Points(changes.Min())} to {Points(changes.Max())}); {changes.Count(c => c > 0)} of {changes.Count} pairs gain."));
                    sb.Append(Figures([
                        Map(v, v.Matrix(reference, map, protocol, TableVocabulary.Rank1), $"Rank-1 % · {reference.Preprocessing}", 0, 100),
                        Map(v, v.Matrix(other, map, protocol, TableVocabulary.Rank1), $"Rank-1 % · {other.Preprocessing}", 0, 100),
                        Map(v, Difference(v, reference, other, map, protocol), $"{other.Preprocessing} − {reference.Preprocessing} (points)", -20, 20, "0.0"),
                    ]));
                }
            }
        sb.Append(Note("Every fitted map and the unaligned baseline, per pair, with the paired difference:"));
        sb.Append(PaperTable.HtmlWithNotesOnce(PreprocessingComparison.Tables(v)));
        return sb.ToString();
    }

    private static string Points(double d) => (d * 100).ToString("+0.0;−0.0;0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static double[,] Difference(StudyView v, StudyScope reference, StudyScope other, string map, string protocol)
    {
        var ids = v.ModelIds;
        var m = new double[ids.Count, ids.Count];
        for (var i = 0; i < ids.Count; i++)
            for (var j = 0; j < ids.Count; j++)
                m[i, j] = PreprocessingComparison.Compare(v, reference, other, ids[i], ids[j], map, protocol, TableVocabulary.Rank1).Mean * 100;
        return m;
    }

    private static string Map(StudyView v, double[,] values, string title, double min, double max, string format = "0") => new Heatmap
    {
        Title = title,
        RowLabels = v.ModelIds,
        ColumnLabels = v.ModelIds,
        Values = values,
        Min = min,
        Max = max,
        Format = format,
        RowGroups = v.ModelIds.Select(v.FamilyOf).ToList(),
    }.ToSvg();
}
