using FaceCompat.Reporting.Charts;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>Rank-1 and EER for every ordered pair, before and after mapping; relative compatibility.</summary>
internal static class HeatmapSection
{
    public static string Html(StudyView v)
    {
        var scopes = v.ScopesOf(TableVocabulary.Within).Concat(v.ScopesOf(TableVocabulary.CrossDataset)).ToList();
        if (scopes.Count == 0) return Missing("Within-dataset and cross-dataset experiments:");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Rows are the source model (mapped), columns the target model (gallery); models are ordered by family " +
            $"({string.Join(", ", v.Families)}). Values in %, mean over seeds. The diagonal is empty: a model against itself is in the relative-compatibility section."));
        foreach (var scope in scopes)
        {
            var maps = v.Maps(scope);
            foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1))
            {
                sb.Append(H3($"Rank-1, {v.ScopeLabel(scope)}, {protocol} protocol"));
                sb.Append(Figures(maps.Select(map => Map(v, scope, map, protocol, TableVocabulary.Rank1, $"Rank-1 % · {map}", lowerIsBetter: false))));
            }
            foreach (var protocol in v.Protocols(scope, TableVocabulary.Eer))
            {
                sb.Append(H3($"EER, {v.ScopeLabel(scope)}, {protocol} protocol (lower is better)"));
                sb.Append(Figures(maps.Select(map => Map(v, scope, map, protocol, TableVocabulary.Eer, $"EER % · {map}", lowerIsBetter: true))));
            }
        }
        return sb.ToString();
    }

    public static string RelativeHtml(StudyView v)
    {
        var scopes = v.ScopesOf(TableVocabulary.Within).Where(s => v.Protocols(s, TableVocabulary.RelativeRank1).Count > 0).ToList();
        if (scopes.Count == 0) return Missing("Relative compatibility (relative_rank1):");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Relative compatibility: the strict Rank-1 of the mapped source against the target's gallery divided by the target model's own " +
            "strict Rank-1 on the same test identities (100% = the map preserves all of the target's native ability; it can exceed 100%)."));
        foreach (var scope in scopes)
        {
            // A model against itself is its own experiment ("self") on the same datasets.
            var selfScope = scope with { Experiment = StudyView.Self };
            var native = v.ModelIds.Select(id => v.Mean(selfScope, id, id, StudyView.Self, StudyView.Strict, TableVocabulary.Rank1)).ToList();
            if (native.Any(double.IsFinite))
                sb.Append(P($"{v.ScopeLabel(scope)}: each model's own strict Rank-1: " +
                    string.Join(", ", v.ModelIds.Select((id, i) => $"{id} {StudyView.Percent(native[i])}")) + "."));
            foreach (var protocol in v.Protocols(scope, TableVocabulary.RelativeRank1))
            {
                sb.Append(H3($"Relative compatibility, {v.ScopeLabel(scope)}, {protocol} protocol"));
                sb.Append(Figures(v.Maps(scope).Where(m => !StudyView.IsControl(m))
                    .Select(map => Map(v, scope, map, protocol, TableVocabulary.RelativeRank1, $"relative % · {map}", lowerIsBetter: false, max: 100))));
            }
        }
        return sb.ToString();
    }

    private static string Map(StudyView v, StudyScope scope, string map, string protocol, string metric, string title, bool lowerIsBetter, double? max = null)
    {
        var ids = v.ModelIds;
        var values = v.Matrix(scope, map, protocol, metric);
        return new Heatmap
        {
            Title = title,
            RowLabels = ids,
            ColumnLabels = ids,
            Values = values,
            LowerIsBetter = lowerIsBetter,
            Min = 0,
            Max = max ?? (lowerIsBetter ? 50 : 100),
            Format = "0",
            RowGroups = ids.Select(v.FamilyOf).ToList(),
        }.ToSvg();
    }
}
