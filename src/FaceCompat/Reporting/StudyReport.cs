using FaceCompat.Infrastructure;
using FaceCompat.Reporting.Study;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>
/// The study's report: a self-contained HTML page plus the paper tables as Markdown and LaTeX, all a
/// pure function of <see cref="StudyResults"/>. Parts a study did not run say so instead of failing.
/// </summary>
internal static class StudyReport
{
    public const string HtmlFile = "report.html";
    public const string MarkdownFile = "tables.md";
    public const string LatexFile = "tables.tex";

    /// <summary>
    /// The anchor id of every section, in report order; stable so that links and tests can rely on them. Every report has each
    /// of them except "preprocessing" (crop vs align), which only a study of several preprocessings has.
    /// </summary>
    public static readonly IReadOnlyList<string> SectionIds =
    [
        "summary", "controls", "heatmaps", "relative", "preprocessing", "curves", "clustering", "similarity",
        "data-efficiency", "alpha-sweep", "degree2", "cross-dataset", "operating-points", "tables", "provenance",
    ];

    public static HtmlReport Build(StudyResults results)
    {
        var v = new StudyView(results);
        var tables = StudyTables.All(v);
        var info = results.Info;
        var report = new HtmlReport(info.Title)
        {
            Subtitle = $"{v.Models.Count} models, {v.Seeds.Count} seeds, code {info.CodeVersion}{(info.Quick ? ", quick variant" : "")}",
        };
        report.Add("summary", "Summary", SummarySection.Html(v));
        report.Add("controls", "Controls", ControlsSection.Html(v));
        report.Add("heatmaps", "Rank-1 and EER heatmaps", HeatmapSection.Html(v));
        report.Add("relative", "Relative compatibility", HeatmapSection.RelativeHtml(v));
        // Only a study of several preprocessings has anything to compare: no placeholder otherwise.
        if (PreprocessingSection.HasContent(v)) report.Add("preprocessing", "Crop vs align", PreprocessingSection.Html(v));
        report.Add("curves", "CMC, ROC and DET curves", CurvesSection.Html(v));
        report.Add("clustering", "Clustering and source/sink asymmetry", ClusteringSection.Html(v));
        report.Add("similarity", "Space similarity (CKA, RSA, mutual k-NN)", SimilaritySection.Html(v));
        report.Add("data-efficiency", "Data efficiency", SweepSections.DataEfficiencyHtml(v));
        report.Add("alpha-sweep", "Ridge-alpha sweep", SweepSections.AlphaSweepHtml(v));
        report.Add("degree2", "Degree-2 maps", SweepSections.Degree2Html(v));
        report.Add("cross-dataset", "Cross-dataset", CrossDatasetSection.Html(v));
        report.Add("operating-points", "Operating points: migration, BCT, open-set search, exposure", OperatingPointsSection.Html(v));
        report.Add("tables", "Paper tables", tables.Count == 0
            ? $"<p class=\"missing\">Identification and verification tables: not run in this study.</p>"
            : "<p class=\"note\">The same tables are written to tables.md and tables.tex.</p>" + PaperTable.HtmlWithNotesOnce(tables));
        report.Add("provenance", "Provenance", ProvenanceSection.Html(v));
        return report;
    }

    /// <summary>The paper tables as Markdown (tables.md).</summary>
    public static string TablesMarkdown(StudyResults results)
    {
        var v = new StudyView(results);
        return StudyTables.Markdown(v, StudyTables.All(v));
    }

    /// <summary>The paper tables as LaTeX (tables.tex).</summary>
    public static string TablesLatex(StudyResults results)
    {
        var v = new StudyView(results);
        return StudyTables.Latex(v, StudyTables.All(v));
    }

    /// <summary>Writes report.html, tables.md and tables.tex into outDir (each atomically).</summary>
    public static void Write(StudyResults results, string outDir)
    {
        var html = Build(results).Render();
        var v = new StudyView(results);
        var tables = StudyTables.All(v);
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, MarkdownFile), StudyTables.Markdown(v, tables));
        AtomicFile.WriteAllText(Path.Combine(outDir, LatexFile), StudyTables.Latex(v, tables));
        AtomicFile.WriteAllText(Path.Combine(outDir, HtmlFile), html);
    }
}
