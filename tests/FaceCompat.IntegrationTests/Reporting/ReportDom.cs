using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FaceCompat.Reporting;

namespace FaceCompat.IntegrationTests.Reporting;

/// <summary>
/// Checks of a study report on the DOM headless Chromium built from it (<see cref="HeadlessChromium.DumpDom"/>): what issue 20
/// asked the report to show, found where a reader sees it.
/// </summary>
internal sealed class ReportDom
{
    public ReportDom(string dom) => Dom = dom;

    public string Dom { get; }

    /// <summary>The inner HTML of a section, found by its anchor id; fails when the browser did not build it.</summary>
    public string Section(string id)
    {
        var section = Regex.Match(Dom, $"<section id=\"{Regex.Escape(id)}\"><h2>[^<]+</h2>(.*?)</section>", RegexOptions.Singleline);
        Assert.True(section.Success, $"section '{id}' not found in the DOM Chromium built");
        return section.Groups[1].Value;
    }

    public bool HasSection(string id) => Dom.Contains($"<section id=\"{id}\">", StringComparison.Ordinal);

    private static IEnumerable<string> Svgs(string html, string cssClass) =>
        Regex.Matches(html, $"<svg [^>]*class=\"{cssClass}\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value);

    /// <summary>Every heatmap has one colour bar with both ends labelled; an EER heatmap's says lower is better. Returns how many.</summary>
    public int AssertEveryHeatmapHasAColourBar()
    {
        var heatmaps = Svgs(Section("heatmaps"), "chart heatmap").ToList();
        Assert.NotEmpty(heatmaps);
        foreach (var heatmap in heatmaps)
        {
            var bar = Regex.Matches(heatmap, "<g class=\"colour-bar\" data-min=\"([^\"]+)\" data-max=\"([^\"]+)\" data-lower-is-better=\"(true|false)\">(.*?)</g>", RegexOptions.Singleline);
            Assert.Single(bar);
            var inside = bar[0].Groups[4].Value;
            Assert.Matches("class=\"colour-bar-top\">[≤≥]?[0-9]", inside);
            Assert.Matches("class=\"colour-bar-bottom\">[≤≥]?[0-9]", inside);
            Assert.True(Regex.Matches(inside, "<rect ").Count > 10, "a colour bar without its colours");
            var eer = heatmap.Contains("<title>EER", StringComparison.Ordinal);
            Assert.Equal(eer ? "true" : "false", bar[0].Groups[3].Value);
            Assert.Equal(eer, inside.Contains(">lower is better</text>", StringComparison.Ordinal));
        }
        Assert.Contains(heatmaps, h => h.Contains("<title>EER", StringComparison.Ordinal));
        return heatmaps.Count;
    }

    /// <summary>
    /// The rows of the paper table whose caption starts with <paramref name="captionStart"/>: cell texts by column header.
    /// </summary>
    public List<Dictionary<string, string>> Table(string captionStart)
    {
        var table = Regex.Match(Section("tables"), $"<table class=\"results\"><caption>{Regex.Escape(WebUtility.HtmlEncode(captionStart))}.*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table '{captionStart}' in the report's tables");
        var headers = Regex.Matches(table.Value, "<th>(.*?)</th>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        return Regex.Matches(table.Value, "<tr>(<td.*?)</tr>", RegexOptions.Singleline)
            .Select(row => Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToList())
            .Select(cells => headers.Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>Ridge shows its 95% interval (and a mark) in the Rank-1 table and its p-values in the paired tests, like every fitted map.</summary>
    public void AssertRidgeHasIntervalsAndPValues(string scope)
    {
        var rank1 = Table($"Rank-1 identification (%), {scope}, strict protocol");
        Assert.NotEmpty(rank1);
        Assert.All(rank1, row => Assert.Matches(@"^\d+\.\d ± \d+\.\d \[\d+\.\d, \d+\.\d\]‡?[*†]*$", row["ridge"]));
        var tests = Table($"Paired tests against the unaligned baseline, Rank-1 identification, {scope}, strict protocol");
        Assert.All(tests, row => Assert.Matches(@"^[0-9.e-]+ / [0-9.e-]+$", row["ridge"]));
    }

    /// <summary>TMR at FMR 0.1% reads "not measurable (N impostor pairs)" where N &lt; 1,000; returns the number of such cells.</summary>
    public int AssertTmrNotMeasurableWhereTooFewImpostors(string scope)
    {
        var rows = Table($"TMR at FMR 0.1% verification (%), {scope}, reference protocol");
        var cells = rows.SelectMany(r => r.Where(c => c.Key != "pair").Select(c => c.Value)).ToList();
        var notMeasurable = cells.Select(c => Regex.Match(c, @"^not measurable \(([0-9,]+) impostor pairs\)$")).Where(m => m.Success).ToList();
        foreach (var m in notMeasurable)
            Assert.True(long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) < 1000, m.Value);
        Assert.DoesNotContain(cells, c => c.StartsWith("0.0 ± 0.0 [0.0, 0.0]", StringComparison.Ordinal));
        return notMeasurable.Count;
    }

    /// <summary>DET panels plot FNMR against FMR on normal-deviate axes, with the probit ticks and the panel's protocol. Returns how many.</summary>
    public int AssertDetPanelsAreProbit()
    {
        var det = Svgs(Section("curves"), "chart").Where(s => Regex.IsMatch(s, ">DET, (strict|reference) protocol</text>")).ToList();
        Assert.NotEmpty(det);
        foreach (var panel in det)
        {
            Assert.Contains("data-x-scale=\"probit\" data-y-scale=\"probit\"", panel);
            Assert.Contains(">FMR (normal deviate)</text>", panel);
            Assert.Contains(">FNMR (normal deviate)</text>", panel);
            Assert.Contains(">0.5</text>", panel);
        }
        return det.Count;
    }

    /// <summary>Degenerate intervals carry their mark and the tables section explains it once. Returns how many cells.</summary>
    public int AssertDegenerateIntervalsAreMarkedAndExplainedOnce()
    {
        var tables = WebUtility.HtmlDecode(Section("tables"));
        var cells = Regex.Matches(tables, "<td class=\"num degenerate\"[^>]*>([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
        foreach (var cell in cells)
        {
            // zero width, or the whole range of a rate
            var m = Regex.Match(cell, @"\[(\d+\.\d+), (\d+\.\d+)\]‡");
            Assert.True(m.Success && (m.Groups[1].Value == m.Groups[2].Value || (m.Groups[1].Value == "0.0" && m.Groups[2].Value == "100.0")), cell);
        }
        Assert.Equal(cells.Count > 0 ? 1 : 0, Regex.Matches(tables, Regex.Escape(DegenerateInterval.Explanation) + "</p>").Count);
        Assert.DoesNotMatch(@"\[0\.0, 100\.0\](?!‡)", tables);
        return cells.Count;
    }

    /// <summary>The marks' footnote once in the tables section, not under every table.</summary>
    public void AssertMarksNoteOnce() =>
        Assert.Single(Regex.Matches(WebUtility.HtmlDecode(Section("tables")), "Marks against the unaligned baseline"));

    /// <summary>No row of figures ends with one figure alone when several share the grid (as the layout chose).</summary>
    public void AssertNoLoneFigureOnALastRow()
    {
        foreach (Match grid in Regex.Matches(Dom, "<div class=\"figures\" style=\"grid-template-columns: ?repeat\\((\\d+), ?minmax\\(0(px)?, ?max-content\\)\\);?\">"))
        {
            var columns = int.Parse(grid.Groups[1].Value, CultureInfo.InvariantCulture);
            var rest = Dom[(grid.Index + grid.Length)..];
            var count = 0;
            // count the figures of this grid: its direct children, each a div.figure
            var depth = 0;
            foreach (Match tag in Regex.Matches(rest, "<div[^>]*>|</div>"))
            {
                if (tag.Value.StartsWith("</", StringComparison.Ordinal)) { if (depth-- == 0) break; continue; }
                if (depth == 0 && tag.Value.StartsWith("<div class=\"figure\"", StringComparison.Ordinal)) count++;
                depth++;
            }
            Assert.True(count > 0, "an empty grid of figures");
            Assert.True(count <= columns || count % columns != 1, $"{count} figures in rows of {columns}: one alone on the last row");
        }
    }
}
