using System.Text;
using static FaceCompat.Reporting.Charts.SvgText;

namespace FaceCompat.Reporting.Charts;

/// <summary>An SVG line chart (CMC, ROC, DET, data-efficiency and alpha-sweep curves).</summary>
internal sealed class LineChart
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public AxisScale XScale { get; init; } = AxisScale.Linear;
    public AxisScale YScale { get; init; } = AxisScale.Linear;
    public double? XMin { get; init; }
    public double? XMax { get; init; }
    public double? YMin { get; init; }
    public double? YMax { get; init; }
    public List<LineSeries> Series { get; } = [];

    public string ToSvg(int width = 560, int height = 360)
    {
        const double left = 62, right = 140, top = 30, bottom = 48;
        var plotRight = width - right;
        var plotBottom = height - bottom;
        var x = new Axis(XMin ?? Bound(s => s.X, XScale, min: true), XMax ?? Bound(s => s.X, XScale, min: false), XScale, left, plotRight);
        // A linear y range taken from the data (bands included) ends on a round value at least 4% beyond it: no band touches the frame.
        var (yMin, yMax) = (YMin ?? Bound(s => s.Lower ?? s.Y, YScale, min: true), YMax ?? Bound(s => s.Upper ?? s.Y, YScale, min: false));
        if (YScale == AxisScale.Linear) (yMin, yMax) = Axis.NiceRange(yMin, YMax ?? yMax + 0.04 * (yMax - yMin), YMin is not null, YMax is not null);
        var y = new Axis(yMin, yMax, YScale, plotBottom, top);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-x-scale=\"{Name(XScale)}\" data-y-scale=\"{Name(YScale)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<title>{Escape(Title)}</title>");
        svg.Append(Text(width / 2.0, 16, Title, extra: "font-size=\"13\" font-weight=\"bold\""));
        // Every x tick gets its grid line; a label only when it clears the previous one (probit ticks crowd at small rates).
        var labelledUpTo = double.NegativeInfinity;
        foreach (var t in x.Ticks())
        {
            var px = x.ToPixel(t);
            svg.Append($"<line x1=\"{Num(px)}\" y1=\"{Num(top)}\" x2=\"{Num(px)}\" y2=\"{Num(plotBottom)}\" stroke=\"#eee\"/>");
            var label = Tick(t);
            var halfWidth = LabelWidth(label) / 2;
            if (px - halfWidth < labelledUpTo + 4) continue;
            svg.Append(Text(px, plotBottom + 14, label));
            labelledUpTo = px + halfWidth;
        }
        foreach (var t in y.Ticks())
        {
            var py = y.ToPixel(t);
            svg.Append($"<line x1=\"{Num(left)}\" y1=\"{Num(py)}\" x2=\"{Num(plotRight)}\" y2=\"{Num(py)}\" stroke=\"#eee\"/>");
            svg.Append(Text(left - 4, py + 4, Tick(t), "end"));
        }
        svg.Append($"<rect x=\"{Num(left)}\" y=\"{Num(top)}\" width=\"{Num(plotRight - left)}\" height=\"{Num(plotBottom - top)}\" fill=\"none\" stroke=\"#888\"/>");
        svg.Append(Text((left + plotRight) / 2, height - 10, XLabel));
        svg.Append(Text(14, (top + plotBottom) / 2, YLabel, extra: $"transform=\"rotate(-90 14 {Num((top + plotBottom) / 2)})\""));

        for (var i = 0; i < Series.Count; i++)
        {
            var s = Series[i];
            var colour = s.Style?.Colour ?? Palette.Series(i);
            var dash = (s.Style is null ? s.Dashed ? "5 3" : null : s.Style.Dash) is { } d ? $" stroke-dasharray=\"{d}\"" : "";
            if (s.Lower is not null && s.Upper is not null)
                svg.Append($"<path d=\"{BandPath(s, x, y)}\" fill=\"{colour}\" fill-opacity=\"0.15\" stroke=\"none\"/>");
            svg.Append($"<path d=\"{LinePath(s.X, s.Y, x, y)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\"{dash}/>");
            var ly = top + 12 + i * 16;
            svg.Append($"<line x1=\"{Num(plotRight + 10)}\" y1=\"{Num(ly - 4)}\" x2=\"{Num(plotRight + 30)}\" y2=\"{Num(ly - 4)}\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>");
            svg.Append(Text(plotRight + 34, ly, Shorten(s.Name, 20), "start"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private double Bound(Func<LineSeries, IReadOnlyList<double>> values, AxisScale scale, bool min)
    {
        var best = min ? double.PositiveInfinity : double.NegativeInfinity;
        foreach (var s in Series)
            foreach (var v in values(s))
            {
                if (double.IsNaN(v) || double.IsInfinity(v) || (scale != AxisScale.Linear && v <= 0) || (scale == AxisScale.Probit && v >= 1)) continue;
                best = min ? Math.Min(best, v) : Math.Max(best, v);
            }
        if (double.IsInfinity(best)) return scale switch { AxisScale.Log10 => min ? 1e-4 : 1, AxisScale.Probit => min ? 1e-4 : 0.5, _ => min ? 0 : 1 };
        return best;
    }

    private static string LinePath(IReadOnlyList<double> xs, IReadOnlyList<double> ys, Axis x, Axis y)
    {
        var path = new StringBuilder();
        var pen = 'M';
        for (var i = 0; i < xs.Count; i++)
        {
            if (!x.Contains(xs[i]) || !y.Contains(ys[i])) { pen = 'M'; continue; }
            path.Append(pen).Append(Num(x.ToPixel(xs[i]))).Append(',').Append(Num(y.ToPixel(ys[i]))).Append(' ');
            pen = 'L';
        }
        return path.ToString().TrimEnd();
    }

    private static string BandPath(LineSeries s, Axis x, Axis y)
    {
        var upper = LinePath(s.X, s.Upper!, x, y);
        var lowerPoints = new List<string>();
        for (var i = s.X.Count - 1; i >= 0; i--)
            if (x.Contains(s.X[i]) && y.Contains(s.Lower![i]))
                lowerPoints.Add($"{Num(x.ToPixel(s.X[i]))},{Num(y.ToPixel(s.Lower![i]))}");
        return upper.Length == 0 || lowerPoints.Count == 0 ? "" : $"{upper} L{string.Join(" L", lowerPoints)} Z";
    }

    /// <summary>About how wide a tick label is drawn at font size 11 (digits and punctuation: 6 px a character).</summary>
    private static double LabelWidth(string label) => 6.2 * label.Length;

    private static string Name(AxisScale scale) => scale.ToString().ToLowerInvariant();

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
