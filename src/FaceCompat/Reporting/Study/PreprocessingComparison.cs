using FaceCompat.Analysis;

namespace FaceCompat.Reporting.Study;

/// <summary>
/// Crop against align: the within-dataset scopes that differ only in preprocessing, and the per-pair
/// difference of a metric between them, paired by seed (the variants share splits and test sets).
/// </summary>
internal static class PreprocessingComparison
{
    /// <summary>A dataset measured under a reference variant (crop when present) and at least one other.</summary>
    public sealed record Group(StudyScope Reference, IReadOnlyList<StudyScope> Others);

    /// <summary>Mean ± std over seeds of (other − reference), with the Wilcoxon p of the paired seeds; NaN when unmeasured.</summary>
    public sealed record Difference(double Reference, double Other, double Mean, double Std, double WilcoxonP, int Seeds);

    /// <summary>Within-dataset groups with more than one preprocessing, the crop variant as reference.</summary>
    public static IReadOnlyList<Group> Groups(StudyView v) =>
        v.ScopesOf(TableVocabulary.Within).GroupBy(s => (s.FitDataset, s.TestDataset))
            .Where(g => g.Count() > 1)
            .Select(g =>
            {
                var ordered = g.OrderBy(s => VariantRank(s.Preprocessing)).ThenBy(s => s.Preprocessing, StringComparer.Ordinal).ToList();
                return new Group(ordered[0], ordered.Skip(1).ToList());
            }).ToList();

    /// <summary>crop first (the reference protocol's preprocessing), then the others.</summary>
    public static int VariantRank(string preprocessing) => preprocessing.StartsWith("crop", StringComparison.Ordinal) ? 0 : 1;

    public static Difference Compare(StudyView v, StudyScope reference, StudyScope other, string source, string target, string map,
        string protocol, string metric)
    {
        var a = v.Values(reference, source, target, map, protocol, metric).ToDictionary(x => x.Seed, x => x.Value);
        var b = v.Values(other, source, target, map, protocol, metric).ToDictionary(x => x.Seed, x => x.Value);
        var seeds = a.Keys.Where(b.ContainsKey).Order().ToArray();
        if (seeds.Length == 0) return new Difference(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var x = seeds.Select(s => b[s]).ToArray();
        var y = seeds.Select(s => a[s]).ToArray();
        var (mean, std) = StudyView.MeanStd(seeds.Select(s => b[s] - a[s]).ToArray());
        var p = seeds.Length > 1 ? PairedTests.Wilcoxon(x, y).PValue : double.NaN;
        return new Difference(y.Average(), x.Average(), mean, std, p, seeds.Length);
    }

    /// <summary>
    /// One table per dataset, protocol and map: Rank-1 (%) of every ordered pair under each variant and the
    /// paired difference, then each model's own Rank-1 (the self experiment) where measured.
    /// </summary>
    public static IReadOnlyList<PaperTable> Tables(StudyView v, string? metric = null)
    {
        metric ??= TableVocabulary.Rank1;
        var tables = new List<PaperTable>();
        foreach (var group in Groups(v))
            foreach (var other in group.Others)
                foreach (var protocol in v.Protocols(group.Reference, metric))
                    foreach (var map in v.Maps(group.Reference).Where(m => !StudyView.IsControl(m) && v.Maps(other).Contains(m)))
                        tables.Add(Table(v, group.Reference, other, protocol, map, metric));
        return tables;
    }

    private static PaperTable Table(StudyView v, StudyScope reference, StudyScope other, string protocol, string map, string metric)
    {
        var a = reference.Preprocessing;
        var b = other.Preprocessing;
        var table = new PaperTable($"Rank-1 (%) {a} vs {b}, {reference.TestDataset.ToUpperInvariant()}, {protocol} protocol, {map}",
            ["pair", a, b, $"{b} − {a} (points)"])
        {
            Note = $"Mean ± std over {v.Seeds.Count} seeds; the difference is paired by seed (same identity split and test images in both " +
                   $"variants). Marks: two-sided exact Wilcoxon signed-rank test of the paired seeds (** p < 0.01, * p < 0.05, † every seed " +
                   "moved the same way). Rows \"itself\": the model against its own gallery (no map).",
        };
        foreach (var pair in v.Pairs(reference))
            table.Add(Cells(v, reference, other, pair.Label, pair.Source, pair.Target, map, protocol, metric));
        var selfReference = reference with { Experiment = StudyView.Self };
        var selfOther = other with { Experiment = StudyView.Self };
        foreach (var id in v.ModelIds)
            if (v.Values(selfReference, id, id, StudyView.Self, protocol, metric).Count > 0)
                table.Add(Cells(v, selfReference, selfOther, $"{id} itself", id, id, StudyView.Self, protocol, metric));
        return table;
    }

    private static TableCell[] Cells(StudyView v, StudyScope reference, StudyScope other, string label, string source, string target,
        string map, string protocol, string metric)
    {
        var a = v.Values(reference, source, target, map, protocol, metric).Select(x => x.Value).ToArray();
        var b = v.Values(other, source, target, map, protocol, metric).Select(x => x.Value).ToArray();
        var d = Compare(v, reference, other, source, target, map, protocol, metric);
        TableCell Of(double[] values)
        {
            var (mean, std) = StudyView.MeanStd(values);
            return new TableCell(mean * 100, std * 100);
        }
        return [TableCell.Plain(label), Of(a), Of(b), new TableCell(d.Mean * 100, d.Std * 100, Mark: StudyTables.Mark(d.WilcoxonP, d.Seeds))];
    }
}
