using System.Text.RegularExpressions;
using FaceCompat.Reporting;
using FaceCompat.Tests.Reporting;

namespace FaceCompat.IntegrationTests.Reporting;

/// <summary>
/// Loads a synthetic study's report (every section: crop and align) in headless Chromium. The quick study's real report is checked
/// the same way in <see cref="Studies.QuickStudyTests"/>.
/// </summary>
public class ReportInChromiumTests
{
    private static string WriteSample()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "report-sample");
        StudyReport.Write(SyntheticStudyResults.Create(withAlign: true), dir);
        return Path.Combine(dir, StudyReport.HtmlFile);
    }

    [Fact]
    public void ChromiumLoadsTheReportAndFindsEverySectionWithItsContent()
    {
        var dom = new ReportDom(HeadlessChromium.DumpDom(WriteSample()));
        foreach (var id in StudyReport.SectionIds)
            Assert.True(dom.Section(id).Length > 50, $"section '{id}' is empty");
        Assert.Contains("<svg", dom.Section("preprocessing"));
        // The browser parsed the inline SVG figures as SVG elements.
        Assert.True(Regex.Matches(dom.Dom, "<svg xmlns=\"http://www.w3.org/2000/svg\"").Count > 50);

        Assert.Equal(2 * 2 * 6 + 2 * 4 + 2 * 6 + 4 + (2 * 6 + 6), dom.AssertEveryHeatmapHasAColourBar()); // the synthetic study's heatmaps, + LFW (align)
        dom.AssertRidgeHasIntervalsAndPValues("LFW (crop)");
        Assert.True(dom.AssertDetPanelsAreProbit() >= 3);
        Assert.Equal(SyntheticStudyResults.DegenerateTableCells + 2 * 20, dom.AssertDegenerateIntervalsAreMarkedAndExplainedOnce()); // + LFW (align)
        dom.AssertMarksNoteOnce();
        dom.AssertNoLoneFigureOnALastRow();
    }

    [Fact]
    public void RenderScriptTakesAScreenshot()
    {
        HeadlessChromium.Executable();
        var report = WriteSample();
        var png = Path.Combine(Path.GetDirectoryName(report)!, "report.png");
        File.Delete(png);
        var (code, _, err) = HeadlessChromium.Run("bash", TimeSpan.FromMinutes(2), Path.Combine(HeadlessChromium.RepoRoot(), "scripts", "render-report.sh"),
            report, png, "1400", "1200");
        Assert.True(code == 0, $"render-report.sh exited with {code}: {err}");
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }
}
