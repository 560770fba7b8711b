using System.Globalization;
using FaceCompat.Studies;
using static FaceCompat.Reporting.TableVocabulary;

namespace FaceCompat.Reporting.Study;

/// <summary>
/// The paper-style tables of a study (mean ± std over seeds, 95% interval, marks against the unaligned
/// baseline): the same tables go to the HTML report, tables.md and tables.tex.
/// </summary>
internal static class StudyTables
{
    private static readonly string ImpostorPairs = Evaluation.Metrics.ImpostorPairs.Name;

    public static string MarksNote(int seeds) =>
        $"Marks against the unaligned baseline, two-sided exact Wilcoxon signed-rank test over {seeds} seeds: ** p < 0.01, * p < 0.05; " +
        $"† every seed moved the same way, which with {seeds} seeds is the smallest p the test can give ({Format(WilcoxonFloor(seeds))}), " +
        "so no * is attainable. Values in %, mean ± std (ddof 1) [95% interval: " + IntervalKinds + "]. " +
        "The p-value tables give the Wilcoxon p and the permutation p of each cell.";

    /// <summary>Which interval a cell shows: the identity bootstrap for the metrics that have one (StudyStatistics.Aggregate), else Student-t.</summary>
    private static readonly string IntervalKinds =
        $"for {string.Join(" and ", Evaluation.Metrics.BootstrappedMetrics.Where(m => m.TableTitle is not null).Select(m => m.TableTitle))} " +
        "the bootstrap over test identities (the mean of the per-seed intervals), for the other metrics Student-t over seeds clipped to the metric's range";

    /// <summary>The smallest two-sided p of an exact Wilcoxon signed-rank test over n paired values (2 / 2^n).</summary>
    public static double WilcoxonFloor(int n) => n <= 0 ? 1 : Math.Min(1, 2 / Math.Pow(2, n));

    /// <summary>Every table of the study in report order: per within-dataset scope, cross-dataset, relative compatibility, crop vs align.</summary>
    public static IReadOnlyList<PaperTable> All(StudyView view)
    {
        var tables = new List<PaperTable>();
        foreach (var scope in view.ScopesOf(Within).Concat(view.ScopesOf(CrossDataset)))
            foreach (var (metric, name) in ReportMetrics)
                foreach (var protocol in view.Protocols(scope, metric))
                {
                    tables.Add(MetricTable(view, scope, protocol, metric, name));
                    if (metric == Rank1) tables.Add(PValueTable(view, scope, protocol, metric, name));
                }
        foreach (var scope in view.ScopesOf(Within).Concat(view.ScopesOf(CrossDataset)))
            foreach (var protocol in view.Protocols(scope, RelativeRank1))
                tables.Add(MetricTable(view, scope, protocol, RelativeRank1, "Relative compatibility (mapped Rank-1 / target's own Rank-1)"));
        tables.AddRange(PreprocessingComparison.Tables(view));
        return tables;
    }

    /// <summary>Rows: ordered pairs; columns: maps (fitted, baseline, controls); cells: the metric in %.</summary>
    public static PaperTable MetricTable(StudyView view, StudyScope scope, string protocol, string metric, string name)
    {
        var maps = view.Maps(scope).Where(m => view.Pairs(scope).Any(p => view.Statistic(scope, p.Source, p.Target, m, protocol, metric) is not null)).ToList();
        return PairTable.Of($"{name} (%), {view.ScopeLabel(scope)}, {protocol} protocol", view.Pairs(scope), maps,
            (p, map) => NotMeasurable(view, scope, p, map, metric) ?? Cell(view.Statistic(scope, p.Source, p.Target, map, protocol, metric), map),
            note: MarksNote(view.Seeds.Count));
    }

    /// <summary>
    /// "not measurable (N impostor pairs)" for a TMR at an FMR below 1 / N, N the fewest impostor pairs of a seed of the cell; null
    /// for any other metric, a measurable rate, or a cell without impostor counts.
    /// </summary>
    public static TableCell? NotMeasurable(StudyView view, StudyScope scope, ModelPair p, string map, string metric)
    {
        if (MeasurableRange.FmrOf(metric) is not { } fmr) return null;
        var counts = view.Protocols(scope, ImpostorPairs).SelectMany(protocol => view.Values(scope, p.Source, p.Target, map, protocol, ImpostorPairs))
            .Select(v => (long)v.Value).ToList();
        if (counts.Count == 0) return null;
        var fewest = counts.Min();
        return MeasurableRange.IsMeasurable(fmr, fewest) ? null : TableCell.Plain(MeasurableRange.NotMeasurable(fewest));
    }

    /// <summary>The paired tests behind the marks: Wilcoxon p and permutation p of each map against the baseline.</summary>
    public static PaperTable PValueTable(StudyView view, StudyScope scope, string protocol, string metric, string name)
    {
        var maps = view.Maps(scope).Where(m => m != StudyView.Baseline).ToList();
        return PairTable.Of($"Paired tests against the unaligned baseline, {name}, {view.ScopeLabel(scope)}, {protocol} protocol: Wilcoxon p / permutation p",
            view.Pairs(scope), maps, (p, map) => view.Statistic(scope, p.Source, p.Target, map, protocol, metric) is { } s
                ? TableCell.Plain($"{Format(s.WilcoxonP)} / {Format(s.PermutationP)}") : TableCell.Plain("–"),
            note: $"Both tests are paired over seeds. With {view.Seeds.Count} seeds the exact two-sided Wilcoxon p cannot go below {Format(WilcoxonFloor(view.Seeds.Count))}.");
    }

    /// <summary>A cell in %, with its significance mark against the baseline; empty without a statistic.</summary>
    public static TableCell Cell(StudyStatistic? s, string map) =>
        TableCell.Percent(s, mark: s is null || map == Baseline ? "" : Mark(s.WilcoxonP, s.Seeds));

    public static string Mark(double wilcoxonP, int seeds)
    {
        if (double.IsNaN(wilcoxonP)) return "";
        if (wilcoxonP < 0.01) return "**";
        if (wilcoxonP < 0.05) return "*";
        var floor = WilcoxonFloor(seeds);
        return floor >= 0.05 && wilcoxonP <= floor * (1 + 1e-9) ? "†" : "";
    }

    public static string Format(double p) => double.IsNaN(p) ? "–" : p.ToString(p < 0.001 ? "0.0e0" : "0.####", CultureInfo.InvariantCulture);

    /// <summary>tables.md: every table in Markdown.</summary>
    public static string Markdown(StudyView view, IReadOnlyList<PaperTable> tables) =>
        $"# {view.Results.Info.Title}: tables\n\n" + PaperTable.MarkdownWithNotesOnce(tables);

    /// <summary>tables.tex: every table in LaTeX (booktabs).</summary>
    public static string Latex(StudyView view, IReadOnlyList<PaperTable> tables) =>
        $"% {view.Results.Info.Title}: tables (needs \\usepackage{{booktabs}})\n" + string.Join("\n", tables.Select(t => t.ToLatex()));
}
