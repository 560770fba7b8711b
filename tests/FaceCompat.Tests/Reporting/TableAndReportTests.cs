using FaceCompat.Reporting;

namespace FaceCompat.Tests.Reporting;

public class TableAndReportTests
{
    private static PaperTable Sample()
    {
        var table = new PaperTable("Rank-1 (%) on LFW, strict protocol", ["pair", "procrustes", "baseline"])
        {
            Note = "** p < 0.01 against the baseline (Wilcoxon signed-rank over seeds).",
        };
        table.Add(TableCell.Plain("faceres → faceapi"), new TableCell(71.24, 0.5, 70.1, 72.3, "**"), new TableCell(0.1, 0.05));
        table.Add(TableCell.Plain("a_b & c"), new TableCell(), TableCell.Plain("n/a"));
        return table;
    }

    [Fact]
    public void MarkdownShowsMeanStdIntervalAndMark()
    {
        var md = Sample().ToMarkdown();
        Assert.Contains("| faceres → faceapi | 71.2 ± 0.5 [70.1, 72.3]** | 0.1 ± 0.1 |", md);
        Assert.Contains("|---|---:|---:|", md);
        Assert.Contains("| a_b & c | – | n/a |", md);
    }

    [Fact]
    public void LatexEscapesSpecialCharactersAndUsesBooktabs()
    {
        var tex = Sample().ToLatex();
        Assert.Contains("\\toprule", tex);
        Assert.Contains("a\\_b \\& c", tex);
        Assert.Contains("$71.2 \\pm 0.5$ {\\scriptsize [70.1, 72.3]}$^{**}$", tex);
        Assert.Contains("faceres $\\rightarrow$ faceapi", tex);
    }

    [Fact]
    public void ReportHasNavigationEntryAndSectionForEachPartAndEscapesTitles()
    {
        var report = new HtmlReport("Study <LFW>") { Subtitle = "quick" };
        report.Add("tables", "Tables", Sample().ToHtml()).Add("controls", "Controls", "<p>ok</p>");

        var html = report.Render();

        Assert.Contains("<title>Study &lt;LFW&gt;</title>", html);
        Assert.Contains("<a href=\"#tables\">Tables</a>", html);
        Assert.Contains("<section id=\"controls\"><h2>Controls</h2><p>ok</p></section>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.Throws<ArgumentException>(() => report.Add("tables", "Again", ""));
    }
}
