using System.Text;
using static FaceCompat.Reporting.Charts.SvgText;

namespace FaceCompat.Reporting.Charts;

/// <summary>A grouped SVG bar chart: one group per category, one bar per series (e.g. as source / as target).</summary>
internal sealed class BarChart
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required string YLabel { get; init; }
    /// <summary>Series name and one value per category (NaN: no bar).</summary>
    public List<(string Name, IReadOnlyList<double> Values)> Series { get; } = [];
    public double? YMax { get; init; }

    public string ToSvg(int width = 560, int height = 320)
    {
        const double left = 56, right = 130, top = 30, bottom = 70;
        var plotRight = width - right;
        var plotBottom = height - bottom;
        var max = YMax ?? Series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var y = new Axis(0, max > 0 ? max : 1, AxisScale.Linear, plotBottom, top);
        var groupWidth = (plotRight - left) / Math.Max(1, Categories.Count);
        var barWidth = groupWidth * 0.8 / Math.Max(1, Series.Count);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<title>{Escape(Title)}</title>");
        svg.Append(Text(width / 2.0, 16, Title, extra: "font-size=\"13\" font-weight=\"bold\""));
        foreach (var t in y.Ticks())
        {
            var py = y.ToPixel(t);
            svg.Append($"<line x1=\"{Num(left)}\" y1=\"{Num(py)}\" x2=\"{Num(plotRight)}\" y2=\"{Num(py)}\" stroke=\"#eee\"/>");
            svg.Append(Text(left - 4, py + 4, Tick(t), "end"));
        }
        for (var c = 0; c < Categories.Count; c++)
        {
            var gx = left + c * groupWidth + groupWidth * 0.1;
            for (var s = 0; s < Series.Count; s++)
            {
                var v = Series[s].Values[c];
                if (!double.IsFinite(v)) continue;
                var py = y.ToPixel(Math.Min(v, y.Max));
                svg.Append($"<rect x=\"{Num(gx + s * barWidth)}\" y=\"{Num(py)}\" width=\"{Num(barWidth - 1)}\" height=\"{Num(plotBottom - py)}\" fill=\"{Palette.Series(s)}\"><title>{Escape($"{Categories[c]}, {Series[s].Name}: {v:0.0}")}</title></rect>");
            }
            var cx = left + (c + 0.5) * groupWidth;
            svg.Append(Text(cx, plotBottom + 12, Categories[c], "end", $"transform=\"rotate(-35 {Num(cx)} {Num(plotBottom + 12)})\""));
        }
        svg.Append($"<line x1=\"{Num(left)}\" y1=\"{Num(plotBottom)}\" x2=\"{Num(plotRight)}\" y2=\"{Num(plotBottom)}\" stroke=\"#888\"/>");
        svg.Append(Text(14, (top + plotBottom) / 2, YLabel, extra: $"transform=\"rotate(-90 14 {Num((top + plotBottom) / 2)})\""));
        for (var s = 0; s < Series.Count; s++)
        {
            var ly = top + 12 + s * 16;
            svg.Append($"<rect x=\"{Num(plotRight + 10)}\" y=\"{Num(ly - 9)}\" width=\"12\" height=\"10\" fill=\"{Palette.Series(s)}\"/>");
            svg.Append(Text(plotRight + 26, ly, Series[s].Name, "start"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
