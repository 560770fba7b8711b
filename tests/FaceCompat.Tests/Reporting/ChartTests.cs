using System.Xml.Linq;
using FaceCompat.Analysis;
using FaceCompat.Reporting.Charts;

namespace FaceCompat.Tests.Reporting;

public class ChartTests
{
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
