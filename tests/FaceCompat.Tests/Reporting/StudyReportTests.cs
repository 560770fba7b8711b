using System.Text.RegularExpressions;
using FaceCompat.Reporting;
using FaceCompat.Reporting.Study;

namespace FaceCompat.Tests.Reporting;

public class StudyReportTests
{
    private static readonly Lazy<string> Full = new(() => StudyReport.Build(SyntheticStudyResults.Create()).Render());

    private static string SectionHtml(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"section {id} missing");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EverySectionIsPresentOnceInOrderWithANavigationLink(bool withAlign)
    {
        var html = withAlign ? StudyReport.Build(SyntheticStudyResults.Create(withAlign: true)).Render() : Full.Value;
        // Crop vs align only when the study ran both: no empty placeholder section otherwise.
        var ids = StudyReport.SectionIds.Where(id => withAlign || id != "preprocessing").ToList();
        var positions = ids.Select(id =>
        {
            Assert.Single(Regex.Matches(html, $"<section id=\"{Regex.Escape(id)}\">"));
            Assert.Contains($"<a href=\"#{id}\">", html);
            return html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        }).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(ids.Count, Regex.Matches(html, "<section id=").Count);
        Assert.Equal(withAlign, html.Contains("<a href=\"#preprocessing\">", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryHeatmapHasOneCellPerOrderedPairOfModels()
    {
        var html = SectionHtml(Full.Value, "heatmaps");
        var heatmaps = Regex.Matches(html, "<svg[^>]*class=\"chart heatmap\".*?</svg>", RegexOptions.Singleline);
        var n = SyntheticStudyResults.ModelIds.Count;
        // Rank-1: 2 datasets x 2 protocols x 6 maps + cross-dataset 2 x 4; EER: 2 x 6 + 4.
        Assert.Equal(2 * 2 * 6 + 2 * 4 + 2 * 6 + 4, heatmaps.Count);
        foreach (Match m in heatmaps)
        {
            Assert.Equal(n * n, Regex.Matches(m.Value, "<rect [^>]*><title>").Count);
            Assert.Equal(n * (n - 1), Regex.Matches(m.Value, "<title>[^<]* → [^<]*: [0-9]").Count);
            // every heatmap has its scale; an EER heatmap's says that lower is better
            var eer = m.Value.Contains("<title>EER", StringComparison.Ordinal);
            Assert.Single(Regex.Matches(m.Value, $"<g class=\"colour-bar\" data-min=\"0\" data-max=\"{(eer ? 50 : 100)}\" data-lower-is-better=\"{(eer ? "true" : "false")}\">"));
            Assert.Equal(eer, m.Value.Contains(">lower is better</text>", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void HeatmapRowsAreOrderedByFamily()
    {
        var html = SectionHtml(Full.Value, "heatmaps");
        var first = Regex.Match(html, "<svg[^>]*class=\"chart heatmap\".*?</svg>", RegexOptions.Singleline).Value;
        var rowLabels = Regex.Matches(first, "text-anchor=\"end\" fill=\"#[0-9a-fA-F]+\">([^<]+)</text>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([.. SyntheticStudyResults.FaceModels, "resnet18"], rowLabels); // face-identity first, though resnet18 is listed first
    }

    [Fact]
    public void ControlsWarningAppearsOnlyWhenAControlIsAboveBaseline()
    {
        var good = SectionHtml(Full.Value, "controls");
        Assert.DoesNotContain("callout warn", good);
        Assert.Contains("Every control fell to the unaligned baseline", good);
        Assert.Contains("strict protocol: the controls landed at mean Rank-1", good);
        Assert.Contains("reference protocol: the controls landed at mean Rank-1", good);
        Assert.Contains("80 of 80 control × pair results are at baseline", System.Net.WebUtility.HtmlDecode(good));

        var bad = SectionHtml(StudyReport.Build(SyntheticStudyResults.Create(controlAboveBaseline: true)).Render(), "controls");
        Assert.Contains("callout warn", bad);
        Assert.Contains("did NOT fall to the unaligned baseline", bad);
        Assert.Contains("faceres → faceapi", bad);
        Assert.Contains("78 of 80 control × pair results are at baseline", System.Net.WebUtility.HtmlDecode(bad));
    }

    [Fact]
    public void TablesGoToMarkdownAndLatexWithEveryPairRow()
    {
        var results = SyntheticStudyResults.Create();
        var md = StudyReport.TablesMarkdown(results);
        var tex = StudyReport.TablesLatex(results);
        Assert.Contains("**Rank-1 identification (%), LFW, strict protocol**", md);
        Assert.Contains("**EER verification (%), CFP, reference protocol**", md);
        Assert.Contains("Rank-1 identification (\\%), fit LFW", tex.Replace("CFP, test LFW", "LFW"));
        foreach (var s in SyntheticStudyResults.ModelIds)
            foreach (var t in SyntheticStudyResults.ModelIds.Where(t => t != s))
            {
                Assert.Contains($"| {s} → {t} |", md);
                Assert.Contains($"{s} $\\rightarrow$ {t} &", tex.Replace("\\_", "_"));
            }
        Assert.Contains("| pair | procrustes | lstsq | ridge | unaligned | random-orthogonal | shuffled |", md);
        Assert.Contains("†", md);
        Assert.Contains("0.0625", md);
        Assert.Equal(Regex.Matches(tex, "\\\\begin\\{table\\}").Count, Regex.Matches(md, "^\\*\\*", RegexOptions.Multiline).Count);
    }

    [Fact]
    public void RidgeCellsCarryTheirIntervalAndMarkLikeEveryFittedMap()
    {
        // statistics.csv names ridge "ridge:alpha=0.1" while the rows name the map "ridge" with its parameters apart:
        // the cell must find its statistic (interval, p-values), not fall back to mean ± std.
        var md = StudyReport.TablesMarkdown(SyntheticStudyResults.Create());
        var table = md[md.IndexOf("**Rank-1 identification (%), LFW, strict protocol**", StringComparison.Ordinal)..];
        var header = table.Split('\n').First(l => l.StartsWith("| pair |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        var ridge = header.IndexOf("ridge");
        var row = table.Split('\n').First(l => l.StartsWith("| faceres → faceapi |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        Assert.Matches(@"^\d+\.\d ± \d+\.\d \[\d+\.\d, \d+\.\d\]†$", row[ridge]);
        var pvalues = md[md.IndexOf("**Paired tests against the unaligned baseline, Rank-1 identification, LFW, strict protocol", StringComparison.Ordinal)..];
        var pRow = pvalues.Split('\n').First(l => l.StartsWith("| faceres → faceapi |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        Assert.DoesNotContain("– / –", pRow);
    }

    [Fact]
    public void EachTableNoteIsGivenOncePerSectionAndDegenerateIntervalsAreMarked()
    {
        var results = SyntheticStudyResults.Create();
        var marksNote = StudyTables.MarksNote(SyntheticStudyResults.Seeds.Length);
        var tables = SectionHtml(Full.Value, "tables");
        Assert.True(Regex.Matches(tables, "<table ").Count > 20);
        Assert.Single(Regex.Matches(tables, Regex.Escape(System.Net.WebUtility.HtmlEncode(marksNote))));
        Assert.Single(Regex.Matches(tables, Regex.Escape(System.Net.WebUtility.HtmlEncode(DegenerateInterval.Explanation) + "</p>")));
        Assert.Equal(SyntheticStudyResults.DegenerateTableCells, Regex.Matches(tables, "<td class=\"num degenerate\"").Count);
        Assert.Single(Regex.Matches(SectionHtml(Full.Value, "cross-dataset"), Regex.Escape(System.Net.WebUtility.HtmlEncode(marksNote))));

        var md = StudyReport.TablesMarkdown(results);
        Assert.Single(Regex.Matches(md, Regex.Escape(marksNote)));
        Assert.Single(Regex.Matches(md, Regex.Escape(DegenerateInterval.Explanation)));
        Assert.Equal(SyntheticStudyResults.DegenerateTableCells, Regex.Matches(md, "\\]‡").Count);
        // a whole-range EER interval and a zero-width TMR interval, each marked; an ordinary interval is not
        Assert.Matches(@"\| \d+\.\d ± \d\.\d \[0\.0, 100\.0\]‡ \|", md);
        Assert.Matches(@"\| 0\.2 ± 0\.0 \[0\.2, 0\.2\]‡ \|", md);
        Assert.DoesNotMatch(@"\[\d+\.\d, \d+\.\d\]†‡", md);
        // the note says which interval a cell shows: the identity bootstrap for Rank-1 and mAP, Student-t over seeds otherwise
        Assert.Contains("for Rank-1 identification and mAP@50 identification the bootstrap over test identities", marksNote);
        Assert.Contains("for the other metrics Student-t over seeds", marksNote);
        // LaTeX floats stand alone: each table keeps its notes in its caption
        var tex = StudyReport.TablesLatex(results);
        Assert.Equal(Regex.Matches(tex, "\\\\begin\\{table\\}").Count - Regex.Matches(tex, "Paired tests").Count, Regex.Matches(tex, "Marks against the unaligned baseline").Count);
        Assert.Equal(SyntheticStudyResults.DegenerateTableCells, Regex.Matches(tex, "\\]\\}\\$\\^\\{\\\\ensuremath\\{\\\\ddagger\\}\\}\\$").Count);
    }

    [Fact]
    public void CurvePanelsNameTheirProtocolAndTellMapsAndControlsApart()
    {
        var curves = System.Net.WebUtility.HtmlDecode(SectionHtml(Full.Value, "curves"));
        var panels = Regex.Matches(curves, "<svg[^>]*class=\"chart\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.NotEmpty(panels);
        foreach (var panel in panels)
            Assert.Matches("font-weight=\"bold\">(CMC|ROC|DET), (strict|reference) protocol</text>", panel);
        Assert.Contains(panels, p => p.Contains("data-x-scale=\"probit\" data-y-scale=\"probit\"", StringComparison.Ordinal) && p.Contains(">DET, reference protocol<", StringComparison.Ordinal));
        // the legend of a panel: one (colour, dash) per map, all different; fitted maps solid, the baseline and controls dashed
        var legend = Regex.Matches(panels[0], "<line [^>]*stroke=\"(#[0-9A-Fa-f]{6})\" stroke-width=\"2\"(?: stroke-dasharray=\"([^\"]+)\")?/><text [^>]*>([^<]+)</text>")
            .ToDictionary(m => m.Groups[3].Value, m => (Colour: m.Groups[1].Value, Dash: m.Groups[2].Value));
        Assert.Equal(SyntheticStudyResults.WithinMaps.Order(), legend.Keys.Order());
        Assert.Equal(legend.Count, legend.Values.Select(s => s.Colour).Distinct().Count());
        foreach (var (map, style) in legend)
            Assert.Equal(!TableVocabulary.IsFitted(map), style.Dash.Length > 0);
        Assert.Equal(3, legend.Where(kv => !TableVocabulary.IsFitted(kv.Key)).Select(kv => kv.Value.Dash).Distinct().Count());
    }

    [Fact]
    public void MarksAreHonestAboutTheWilcoxonFloorWithFiveSeeds()
    {
        Assert.Equal(0.0625, StudyTables.WilcoxonFloor(5));
        Assert.Equal("†", StudyTables.Mark(0.0625, 5));
        Assert.Equal("", StudyTables.Mark(0.125, 5));
        Assert.Equal("**", StudyTables.Mark(0.002, 10));
        Assert.Equal("*", StudyTables.Mark(0.03, 10));
        Assert.Equal("", StudyTables.Mark(double.NaN, 5));
    }

    [Fact]
    public void ReportReferencesNoExternalResource()
    {
        var html = Full.Value;
        var external = Regex.Matches(html, "(?:src|href|xlink:href|url)\\s*[=(]\\s*[\"']?\\s*(?:https?:)?//", RegexOptions.IgnoreCase);
        Assert.Empty(external);
        var urls = Regex.Matches(html, "https?://[^\"'\\s<>]+").Select(m => m.Value).Distinct().ToList();
        Assert.Equal(["http://www.w3.org/2000/svg"], urls);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
    }

    [Fact]
    public void SameInputGivesByteIdenticalOutput()
    {
        Assert.Equal(Full.Value, StudyReport.Build(SyntheticStudyResults.Create()).Render());
        Assert.Equal(StudyReport.TablesMarkdown(SyntheticStudyResults.Create()), StudyReport.TablesMarkdown(SyntheticStudyResults.Create()));
    }

    [Fact]
    public void AQuickStudySaysWhatWasNotRunInsteadOfFailing()
    {
        var html = StudyReport.Build(SyntheticStudyResults.Create(quick: true)).Render();
        foreach (var id in StudyReport.SectionIds.Where(id => id != "preprocessing")) Assert.Contains($"<section id=\"{id}\">", html);
        foreach (var id in new[] { "curves", "similarity", "data-efficiency", "alpha-sweep", "degree2", "cross-dataset" })
            Assert.Contains("Not run in this study.", SectionHtml(html, id));
        Assert.DoesNotContain("Not run in this study.", SectionHtml(html, "heatmaps"));
        Assert.DoesNotContain("Not run in this study.", SectionHtml(html, "controls"));
    }

    [Fact]
    public void SummaryNamesTheBestPairAndTheFamilyGap()
    {
        var summary = System.Net.WebUtility.HtmlDecode(SectionHtml(Full.Value, "summary"));
        Assert.Contains("Best pair: mobileface → faceres", summary);
        Assert.Contains("the best map on average is procrustes", summary);
        Assert.Contains("Gap between face-identity and face-identity × generic-vision pairs", summary);
        Assert.Contains("resnet18 (generic-vision, sha256 ", summary);
        Assert.Contains("Seeds (5): 7, 42, 123, 217, 531", summary);
    }

    [Fact]
    public void RelativeCompatibilityListsEachModelsOwnStrictRank1FromTheSelfExperiment()
    {
        var relative = System.Net.WebUtility.HtmlDecode(SectionHtml(Full.Value, "relative"));
        Assert.Contains("LFW: each model's own strict Rank-1: faceres 90.0%", relative);
        Assert.Equal(2 * 4, Regex.Matches(relative, "class=\"chart heatmap\"").Count);
    }

    [Fact]
    public void SweepsAndCurvesAreDrawnWithBandsAndDashedControls()
    {
        var html = Full.Value;
        Assert.Contains("fill-opacity=\"0.15\"", SectionHtml(html, "data-efficiency"));
        // all pairs, then Procrustes per source family (generic-vision, face-identity), each under both protocols
        var efficiency = System.Net.WebUtility.HtmlDecode(SectionHtml(html, "data-efficiency"));
        Assert.Equal(2 + 2 * 2, Regex.Matches(efficiency, "<svg").Count);
        Assert.Contains("procrustes from face-identity, strict protocol", efficiency);
        Assert.Contains("procrustes from generic-vision, reference protocol", efficiency);
        Assert.Contains("→ generic-vision", efficiency);
        Assert.Equal(4, Regex.Matches(SectionHtml(html, "alpha-sweep"), "fill-opacity=\"0.15\"").Count / 2);
        var curves = SectionHtml(html, "curves");
        Assert.Contains("stroke-dasharray", curves);
        Assert.Contains("DET", curves);
        Assert.Contains("<svg", SectionHtml(html, "clustering"));
        Assert.Equal(6, Regex.Matches(SectionHtml(html, "similarity"), "class=\"chart heatmap\"").Count);
    }

    [Fact]
    public void CropVsAlignShowsBothVariantsAndThePairedDifferencePerPair()
    {
        var results = SyntheticStudyResults.Create(withAlign: true);
        var html = StudyReport.Build(results).Render();
        var section = System.Net.WebUtility.HtmlDecode(SectionHtml(html, "preprocessing"));
        // per protocol: crop, align and the difference, each with one cell per ordered pair
        var heatmaps = Regex.Matches(section, "<svg[^>]*class=\"chart heatmap\".*?</svg>", RegexOptions.Singleline);
        Assert.Equal(2 * 3, heatmaps.Count);
        var n = SyntheticStudyResults.ModelIds.Count;
        Assert.All(heatmaps, m => Assert.Equal(n * (n - 1), Regex.Matches(m.Value, "<title>[^<]* → [^<]*: -?[0-9]").Count));
        Assert.Contains("LFW: each model's own strict Rank-1, crop → align: faceres 90.0% → 95.0%", section);
        // the 12 face pairs gain (synthetic: +0.1 quality); pairs with resnet18 move by noise only
        var gain = Regex.Matches(section, "([0-9]+) of 20 pairs gain");
        Assert.Equal(2, gain.Count);
        Assert.All(gain, m => Assert.InRange(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 12, 20));
        // tables: every non-control map, both protocols; the difference of a face pair is positive with a mark
        var tables = PreprocessingComparison.Tables(new StudyView(results));
        Assert.Equal(2 * 4, tables.Count);
        var procrustes = tables.First(t => t.Caption.Contains("strict") && t.Caption.EndsWith("procrustes", StringComparison.Ordinal));
        var row = procrustes.Rows.Single(r => r[0].Text == "faceres → faceapi");
        Assert.InRange(row[3].Mean, 5, 12);
        Assert.Equal(row[2].Mean - row[1].Mean, row[3].Mean, 9);
        Assert.Equal("†", row[3].Mark);
        Assert.Contains(procrustes.Rows, r => r[0].Text == "faceres itself");
        Assert.Contains(tables[0].ToMarkdown(notes: false), StudyReport.TablesMarkdown(results));
        // a study with one preprocessing has no crop-vs-align section at all
        Assert.DoesNotContain("<section id=\"preprocessing\">", Full.Value);
        // space similarity: one set of heatmaps per dataset and preprocessing, labelled with the preprocessing
        var similarity = SectionHtml(html, "similarity");
        Assert.Equal(2 * 6, Regex.Matches(similarity, "class=\"chart heatmap\"").Count);
        Assert.Contains("cka, LFW (align)", similarity);
        Assert.Contains("cka, CFP (crop)", similarity);
    }

    [Fact]
    public void WriteProducesTheThreeFilesAndNoTemporaryFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "facecompat-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            StudyReport.Write(SyntheticStudyResults.Create(quick: true), dir);
            Assert.Equal(["report.html", "tables.md", "tables.tex"], Directory.GetFiles(dir).Select(f => Path.GetFileName(f)!).Order().ToArray());
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(dir, "report.html")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
