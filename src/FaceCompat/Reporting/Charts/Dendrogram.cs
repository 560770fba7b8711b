using System.Text;
using FaceCompat.Analysis;
using static FaceCompat.Reporting.Charts.SvgText;

namespace FaceCompat.Reporting.Charts;

/// <summary>An SVG dendrogram of an average-linkage clustering, leaves coloured by group (model family).</summary>
internal sealed class Dendrogram
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required IReadOnlyList<ClusterMerge> Merges { get; init; }
    /// <summary>Optional group of each leaf (e.g. its family); leaves of one group share a colour.</summary>
    public IReadOnlyList<string>? Groups { get; init; }
    public string DistanceLabel { get; init; } = "distance";

    public string ToSvg(int width = 560)
    {
        var n = Labels.Count;
        const double top = 30, leafGap = 26, right = 40;
        var left = 20 + 7.0 * Labels.Select(l => l.Length).DefaultIfEmpty(4).Max();
        var groupCount = (Groups ?? []).Distinct().Count();
        var height = (int)(top + Math.Max(1, n) * leafGap + 44 + (groupCount > 0 ? 18 : 0));
        var maxDistance = Merges.Count == 0 ? 1 : Math.Max(1e-12, Merges.Max(m => m.Distance));
        var axis = new Axis(0, maxDistance, AxisScale.Linear, left, width - right);
        var order = HierarchicalClustering.LeafOrder(Merges, n);
        var groupNames = (Groups ?? []).Distinct().ToList();

        var y = new double[n + Merges.Count];
        var x = new double[n + Merges.Count];
        for (var i = 0; i < order.Count; i++) { y[order[i]] = top + (i + 0.5) * leafGap; x[order[i]] = axis.ToPixel(0); }

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart dendrogram\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<title>{Escape(Title)}</title>");
        svg.Append(Text(width / 2.0, 16, Title, extra: "font-size=\"13\" font-weight=\"bold\""));
        for (var i = 0; i < Merges.Count; i++)
        {
            var m = Merges[i];
            var node = n + i;
            x[node] = axis.ToPixel(m.Distance);
            y[node] = (y[m.Left] + y[m.Right]) / 2;
            svg.Append($"<path d=\"M{Num(x[m.Left])},{Num(y[m.Left])} H{Num(x[node])} V{Num(y[m.Right])} H{Num(x[m.Right])}\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.5\"><title>{Escape($"merged at {m.Distance:0.###}")}</title></path>");
        }
        foreach (var leaf in order)
        {
            var colour = Groups is null ? "#000000" : Palette.Group(groupNames.IndexOf(Groups[leaf]));
            svg.Append(Text(left - 6, y[leaf] + 4, Labels[leaf], "end", $"fill=\"{colour}\""));
        }
        var axisY = top + n * leafGap + 6;
        svg.Append($"<line x1=\"{Num(axis.PixelStart)}\" y1=\"{Num(axisY)}\" x2=\"{Num(axis.PixelEnd)}\" y2=\"{Num(axisY)}\" stroke=\"#888\"/>");
        foreach (var t in axis.Ticks())
            svg.Append(Text(axis.ToPixel(t), axisY + 14, Tick(t)));
        svg.Append(Text((axis.PixelStart + axis.PixelEnd) / 2, axisY + 30, DistanceLabel));
        // Legend: one line under the axis, each family in its colour.
        var legendX = 20.0;
        for (var g = 0; g < groupNames.Count; g++)
        {
            svg.Append(Text(legendX, axisY + 48, "■ " + groupNames[g], "start", $"fill=\"{Palette.Group(g)}\""));
            legendX += 24 + 7 * groupNames[g].Length;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
