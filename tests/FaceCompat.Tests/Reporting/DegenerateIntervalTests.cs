using FaceCompat.Reporting;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Reporting;

public class DegenerateIntervalTests
{
    [Theory]
    [InlineData(17.4, 17.4, true, true)] // zero width
    [InlineData(17.4, 17.4, false, true)] // zero width, unbounded metric
    [InlineData(0.0, 100.0, true, true)] // the whole range of a rate in %
    [InlineData(0.0, 100.0, false, false)] // an unbounded metric (relative_rank1) can go beyond 100
    [InlineData(0.0, 99.9, true, false)]
    [InlineData(0.1, 100.0, true, false)]
    [InlineData(17.4, 17.400001, true, false)]
    [InlineData(5.797101449275362, 5.797101449275364, false, true)] // zero up to floating-point noise (a ratio equal on every seed)
    [InlineData(0.0, 42.2, true, false)] // clipped at one end only: wide, but it says something
    public void AnIntervalIsDegenerateWhenItHasZeroWidthOrSpansTheMetricsWholeRange(double low, double high, bool rate, bool degenerate) =>
        Assert.Equal(degenerate, DegenerateInterval.Is(low, high, rate ? TableCell.PercentRange : null));

    [Fact]
    public void NoIntervalIsNotDegenerate() => Assert.False(DegenerateInterval.Is(double.NaN, double.NaN, TableCell.PercentRange));

    [Fact]
    public void ACellMarksItsDegenerateIntervalBeforeTheSignificanceMark()
    {
        Assert.Equal("41.5 ± 9.9 [0.0, 100.0]‡†", new TableCell(41.5, 9.9, 0, 100, "†") { Range = TableCell.PercentRange }.Render());
        Assert.Equal("17.4 ± 0.0 [17.4, 17.4]‡", new TableCell(17.4, 0, 17.4, 17.4).Render());
        Assert.Equal("41.5 ± 9.9 [0.0, 100.0]", new TableCell(41.5, 9.9, 0, 100).Render()); // no range: not judged against one
        Assert.Equal("44.5 ± 2.1 [30.9, 57.1]†", new TableCell(44.5, 2.1, 30.9, 57.1, "†") { Range = TableCell.PercentRange }.Render());
    }

    [Fact]
    public void AStatisticIsJudgedAgainstItsMetricsRange()
    {
        static StudyStatistic Stat(string metric, double low, double high) =>
            new("within", "lfw", "lfw", "crop", "a", "b", "procrustes", 0.7, "reference", "verification", metric, 2, 0.5, 0.1, low, high, 0.5, 0.5);
        Assert.True(TableCell.Percent(Stat("eer", 0, 1)).HasDegenerateInterval);
        Assert.False(TableCell.Percent(Stat("relative_rank1", 0, 1)).HasDegenerateInterval);
        Assert.False(TableCell.Percent(Stat("eer", 0, 0.9)).HasDegenerateInterval);
        Assert.False(TableCell.Percent(Stat("eer", 0, 1), interval: false).HasDegenerateInterval); // no interval shown, nothing to mark
    }

    [Fact]
    public void ATableExplainsTheMarkOnlyWhenACellShowsIt()
    {
        var table = new PaperTable("EER (%)", ["pair", "procrustes"]) { Note = "marks" };
        table.Add(TableCell.Plain("a → b"), new TableCell(20, 1, 18, 22) { Range = TableCell.PercentRange });
        Assert.DoesNotContain(DegenerateInterval.Explanation, table.ToMarkdown());
        Assert.DoesNotContain("degenerate", table.ToHtml());

        table.Add(TableCell.Plain("b → a"), new TableCell(47.1, 6.9, 0, 100) { Range = TableCell.PercentRange });
        Assert.Contains("\n" + DegenerateInterval.Explanation + "\n", table.ToMarkdown());
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(System.Net.WebUtility.HtmlDecode(table.ToHtml()), "<td class=\"num degenerate\" title=\"[^\"]+\">47.1 ± 6.9 \\[0.0, 100.0\\]‡</td>"));
        Assert.Contains("{\\scriptsize [0.0, 100.0]}$^{\\ensuremath{\\ddagger}}$", table.ToLatex());
    }

    [Fact]
    public void TablesShareTheirNotesOnce()
    {
        PaperTable Table(string caption, double low)
        {
            var t = new PaperTable(caption, ["pair", "map"]) { Note = "the marks" };
            t.Add(TableCell.Plain("a → b"), new TableCell(20, 1, low, 22) { Range = TableCell.PercentRange });
            return t;
        }
        var tables = new[] { Table("one", 18), Table("two", 22), Table("three", 22) };
        var html = PaperTable.HtmlWithNotesOnce(tables);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "the marks"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, System.Text.RegularExpressions.Regex.Escape(System.Net.WebUtility.HtmlEncode(DegenerateInterval.Explanation) + "</p>")));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<table ").Count);
        var md = PaperTable.MarkdownWithNotesOnce(tables);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(md, "the marks"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(md, System.Text.RegularExpressions.Regex.Escape(DegenerateInterval.Explanation)));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(md, "\\]‡").Count);
    }
}
