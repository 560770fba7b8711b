using System.Globalization;
using System.Xml.Linq;
using FaceCompat.Analysis;
using FaceCompat.Reporting.Charts;

namespace FaceCompat.Tests.Reporting;

public class ChartTests
{
    [Theory]
    [InlineData(0, 30.58, false, 0, 40)] // 30.58 -> 35 at step 5, but 0..35 ticks every 10: 40
    [InlineData(0, 26, false, 0, 30)]
    [InlineData(3.2, 26, false, 0, 30)]
    [InlineData(3.2, 26, true, 3.2, 30)] // a given minimum stays
    [InlineData(0.12, 0.87, false, 0, 1)]
    public void NiceRangeEndsOnTicksOfItsOwnStep(double min, double max, bool fixedMin, double lo, double hi)
    {
        var (niceLo, niceHi) = Axis.NiceRange(min, max, fixedMin);
        Assert.Equal(lo, niceLo, 9);
        Assert.Equal(hi, niceHi, 9);
        var ticks = new Axis(niceLo, niceHi, AxisScale.Linear, 0, 100).Ticks();
        Assert.Equal(hi, ticks[^1], 9);
    }

    [Fact]
    public void LinearAxisMapsEndsToPixelsAndPicksRoundTicks()
    {
        var axis = new Axis(0, 1, AxisScale.Linear, 100, 300);
        Assert.Equal(100, axis.ToPixel(0), 9);
        Assert.Equal(300, axis.ToPixel(1), 9);
        Assert.Equal(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }, axis.Ticks().Select(t => Math.Round(t, 9)));
    }

    [Fact]
    public void LogAxisTicksAreDecades()
    {
        var axis = new Axis(1e-4, 1, AxisScale.Log10, 0, 400);
        Assert.Equal(new[] { 1e-4, 1e-3, 1e-2, 1e-1, 1 }, axis.Ticks());
        Assert.Equal(100, axis.ToPixel(1e-3), 9);
    }

    [Fact]
    public void LineChartIsWellFormedSvgWithOnePathPerSeriesAndLegend()
    {
        var chart = new LineChart { Title = "CMC <faceres → faceapi>", XLabel = "rank", YLabel = "identification rate" };
        chart.Series.Add(new LineSeries("procrustes", [1, 2, 3], [0.5, 0.7, 0.8]));
        chart.Series.Add(new LineSeries("baseline", [1, 2, 3], [0.01, 0.02, 0.03], Dashed: true));

        var svg = XElement.Parse(chart.ToSvg());

        var ns = svg.Name.Namespace;
        var curves = svg.Elements(ns + "path").Where(p => (string?)p.Attribute("fill") == "none").ToList();
        Assert.Equal(2, curves.Count);
        Assert.StartsWith("M", (string)curves[0].Attribute("d")!);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "procrustes");
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "CMC <faceres → faceapi>");
    }

    [Fact]
    public void LogChartSkipsNonPositivePointsInsteadOfFailing()
    {
        var chart = new LineChart { Title = "ROC", XLabel = "FMR", YLabel = "TMR", XScale = AxisScale.Log10 };
        chart.Series.Add(new LineSeries("map", [0, 1e-3, 1e-2, 1], [0, 0.5, 0.8, 1]));
        var svg = XElement.Parse(chart.ToSvg());
        var d = (string)svg.Elements(svg.Name.Namespace + "path").First().Attribute("d")!;
        Assert.Equal(3, d.Split(' ').Length);
    }

    [Fact]
    public void HeatmapHasOneCellPerPairAndShowsMissingAsDash()
    {
        var heatmap = new Heatmap
        {
            Title = "Rank-1",
            RowLabels = ["a", "b"],
            ColumnLabels = ["a", "b", "c"],
            Values = new double[,] { { 99, 50, double.NaN }, { 40, 98, 10 } },
        };
        var svg = XElement.Parse(heatmap.ToSvg());
        var ns = svg.Name.Namespace;
        Assert.Equal(6, svg.Elements(ns + "rect").Count());
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value == "a → c: –");
        Assert.Throws<ArgumentException>(() => new Heatmap { Title = "x", RowLabels = ["a"], ColumnLabels = ["a"], Values = new double[2, 2] }.ToSvg());
    }

    [Fact]
    public void HeatmapHasAColourBarWithItsEndsAndExactTooltips()
    {
        var heatmap = new Heatmap
        {
            Title = "Rank-1 %",
            RowLabels = ["a", "b"],
            ColumnLabels = ["a", "b"],
            Values = new double[,] { { double.NaN, 83.3333333333 }, { 41.25, double.NaN } },
            Min = 0, Max = 100, Format = "0",
        };
        var svg = XElement.Parse(heatmap.ToSvg());
        var ns = svg.Name.Namespace;
        var bar = svg.Elements(ns + "g").Single(g => (string?)g.Attribute("class") == "colour-bar");
        Assert.Equal(24 + 1, bar.Elements(ns + "rect").Count());
        Assert.Equal("100", bar.Elements(ns + "text").Single(t => (string?)t.Attribute("class") == "colour-bar-top").Value);
        Assert.Equal("0", bar.Elements(ns + "text").Single(t => (string?)t.Attribute("class") == "colour-bar-bottom").Value);
        Assert.DoesNotContain(bar.Elements(ns + "text"), t => t.Value == "lower is better");
        // the bright end of the palette on top, the dark one at the bottom, like the cells' colours for 100 and 0
        var fills = bar.Elements(ns + "rect").Select(r => (string)r.Attribute("fill")!).ToList();
        Assert.Equal(Palette.Sequential(1 - 0.5 / 24), fills[0]);
        Assert.Equal(Palette.Sequential(0.5 / 24), fills[23]);
        // the cell shows the rounded value, its tooltip the exact one
        Assert.Contains(svg.Elements(ns + "text"), t => t.Value == "83");
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value == "a → b: 83.333333");
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value == "b → a: 41.25");
        // the bar lies inside the figure
        var width = double.Parse((string)svg.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(bar.Elements(ns + "rect"), r => Assert.True(double.Parse((string)r.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture) + 12 < width));
    }

    [Fact]
    public void AnErrorRateHeatmapSaysLowerIsBetterAndMarksValuesBeyondItsScale()
    {
        var svg = XElement.Parse(new Heatmap
        {
            Title = "EER %",
            RowLabels = ["a", "b"],
            ColumnLabels = ["a", "b"],
            Values = new double[,] { { double.NaN, 12 }, { 63, double.NaN } },
            Min = 0, Max = 50, LowerIsBetter = true,
        }.ToSvg());
        var ns = svg.Name.Namespace;
        var bar = svg.Elements(ns + "g").Single(g => (string?)g.Attribute("class") == "colour-bar");
        Assert.Equal("true", (string?)bar.Attribute("data-lower-is-better"));
        // the bright (good) end on top is the low end; 63 lies beyond the scale's 50 and is drawn at its colour
        Assert.Equal("0.0", bar.Elements(ns + "text").Single(t => (string?)t.Attribute("class") == "colour-bar-top").Value);
        Assert.Equal("≥50.0", bar.Elements(ns + "text").Single(t => (string?)t.Attribute("class") == "colour-bar-bottom").Value);
        Assert.Contains(bar.Elements(ns + "text"), t => t.Value == "lower is better");
        var cells = svg.Elements(ns + "rect").ToDictionary(r => r.Element(ns + "title")!.Value, r => (string)r.Attribute("fill")!);
        Assert.Equal(Palette.Sequential(1 - 12 / 50.0), cells["a → b: 12"]);
    }

    [Fact]
    public void LineChartDrawsEachSeriesInItsStyleAndKeepsBandsInsideTheFrame()
    {
        var chart = new LineChart { Title = "data efficiency", XLabel = "train share", YLabel = "Rank-1 (%)", YMin = 0 };
        chart.Series.Add(new LineSeries("procrustes", [0.1, 0.7], [9.5, 25.9], [8, 23], [11, 29.4], Style: new SeriesStyle("#0072B2")));
        chart.Series.Add(new LineSeries("shuffled", [0.1, 0.7], [4, 4], Style: new SeriesStyle("#000000", "2 3")));
        var svg = XElement.Parse(chart.ToSvg());
        var ns = svg.Name.Namespace;
        Assert.Equal("linear", (string?)svg.Attribute("data-y-scale"));
        var lines = svg.Elements(ns + "path").Where(p => (string?)p.Attribute("fill") == "none").ToList();
        Assert.Equal(["#0072B2", "#000000"], lines.Select(p => (string)p.Attribute("stroke")!));
        Assert.Equal([null, "2 3"], lines.Select(p => (string?)p.Attribute("stroke-dasharray")));
        // the y axis ends on a tick clear above the band's top (29.4: 40, not 30), so the band does not touch the frame
        var frame = svg.Elements(ns + "rect").Single(r => (string?)r.Attribute("fill") == "none");
        var frameTop = double.Parse((string)frame.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);
        var topLabel = svg.Elements(ns + "text").Single(t => (string?)t.Attribute("text-anchor") == "end" &&
            Math.Abs(double.Parse((string)t.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture) - (frameTop + 4)) < 0.01);
        Assert.Equal("40", topLabel.Value);
        var band = (string)svg.Elements(ns + "path").Single(p => (string?)p.Attribute("fill-opacity") == "0.15").Attribute("d")!;
        var ys = System.Text.RegularExpressions.Regex.Matches(band, "[ML]([0-9.]+),([0-9.]+)")
            .Select(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys.Min() > frameTop + 10, $"band top {ys.Min()} at the frame {frameTop}");
    }

    [Fact]
    public void ProbitTickLabelsDoNotOverlapThoughEveryTickHasItsGridLine()
    {
        var chart = new LineChart { Title = "DET", XLabel = "FMR", YLabel = "FNMR", XScale = AxisScale.Probit, YScale = AxisScale.Probit, XMin = 1e-4, XMax = 0.99, YMax = 0.99 };
        chart.Series.Add(new LineSeries("procrustes", [1e-4, 1e-2, 0.5], [0.2, 0.05, 0.01]));
        var svg = XElement.Parse(chart.ToSvg(430, 300));
        var ns = svg.Name.Namespace;
        var frame = svg.Elements(ns + "rect").Single(r => (string?)r.Attribute("fill") == "none");
        var bottom = double.Parse((string)frame.Attribute("y")!, CultureInfo.InvariantCulture) + double.Parse((string)frame.Attribute("height")!, CultureInfo.InvariantCulture);
        static double At(XElement e, string a) => double.Parse((string)e.Attribute(a)!, CultureInfo.InvariantCulture);
        var verticals = svg.Elements(ns + "line").Count(l => (string?)l.Attribute("stroke") == "#eee" && At(l, "x1") == At(l, "x2"));
        Assert.Equal(9, verticals); // 1e-4, 0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99
        var labels = svg.Elements(ns + "text").Where(t => Math.Abs(At(t, "y") - (bottom + 14)) < 0.01).OrderBy(t => At(t, "x")).ToList();
        Assert.InRange(labels.Count, 5, 8);
        Assert.Equal("1e-4", labels[0].Value);
        Assert.Contains(labels, l => l.Value == "0.5");
        for (var i = 1; i < labels.Count; i++)
            Assert.True(At(labels[i], "x") - 3.1 * labels[i].Value.Length > At(labels[i - 1], "x") + 3.1 * labels[i - 1].Value.Length,
                $"'{labels[i - 1].Value}' and '{labels[i].Value}' overlap");
    }

    [Theory]
    [InlineData(6, 232, 3)] // five fit a row: three and three rather than five and one alone
    [InlineData(6, 320, 3)] // four fit: three and three rather than four and two
    [InlineData(9, 320, 3)]
    [InlineData(10, 232, 5)]
    [InlineData(3, 560, 3)] // two fit: three in one row (a little smaller) rather than two and one
    [InlineData(5, 560, 3)] // three and two
    [InlineData(3, 430, 3)]
    [InlineData(6, 560, 2)]
    [InlineData(7, 560, 2)] // 4 + 3 would halve them: left as 2 + 2 + 2 + 1
    [InlineData(1, 900, 1)]
    [InlineData(4, 900, 1)]
    public void FiguresFillRowsWithoutALoneFigureOnTheLastRow(int count, int width, int columns) =>
        Assert.Equal(columns, FaceCompat.Reporting.Study.ReportHtml.FigureColumns(count, width));

    [Fact]
    public void DendrogramDrawsOneLinkPerMergeAndEveryLabel()
    {
        var d = new double[,] { { 0, 1, 5 }, { 1, 0, 4 }, { 5, 4, 0 } };
        var dendrogram = new Dendrogram
        {
            Title = "models",
            Labels = ["faceres", "faceapi", "resnet18"],
            Groups = ["face-identity", "face-identity", "generic-vision"],
            Merges = HierarchicalClustering.AverageLinkage(d),
        };
        var svg = XElement.Parse(dendrogram.ToSvg());
        var ns = svg.Name.Namespace;
        Assert.Equal(2, svg.Elements(ns + "path").Count());
        foreach (var label in new[] { "faceres", "faceapi", "resnet18" })
            Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == label);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "■ generic-vision");
    }
}
