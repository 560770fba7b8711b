using System.Text;
using static FaceCompat.Reporting.Charts.SvgText;

namespace FaceCompat.Reporting.Charts;

/// <summary>
/// An annotated SVG heatmap, e.g. Rank-1 for every ordered (source row, target column) pair, with a colour bar that shows
/// the scale's ends (and which way is better when lower is). Each cell's tooltip holds its exact value.
/// </summary>
internal sealed class Heatmap
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> RowLabels { get; init; }
    public required IReadOnlyList<string> ColumnLabels { get; init; }
    /// <summary>Values[row, column]; NaN shows as an empty grey cell.</summary>
    public required double[,] Values { get; init; }
    public string RowTitle { get; init; } = "source";
    public string ColumnTitle { get; init; } = "target";
    public string Format { get; init; } = "0.0";
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>When true, low values get the bright colour (for error rates such as EER), and the colour bar says lower is better.</summary>
    public bool LowerIsBetter { get; init; }
    /// <summary>Optional group (e.g. model family) of each row and column label, shown by label colour; square heatmaps only.</summary>
    public IReadOnlyList<string>? RowGroups { get; init; }

    private string LabelColour(int index)
    {
        if (RowGroups is null || index >= RowGroups.Count) return "#000000";
        var groups = RowGroups.Distinct().ToList();
        return Palette.Group(groups.IndexOf(RowGroups[index]));
    }

    public string ToSvg()
    {
        int rows = RowLabels.Count, cols = ColumnLabels.Count;
        if (Values.GetLength(0) != rows || Values.GetLength(1) != cols)
            throw new ArgumentException("Heatmap values do not match its labels.");
        const int cell = 46;
        var left = 24 + 7 * RowLabels.Select(l => l.Length).DefaultIfEmpty(4).Max();
        var top = 40 + 7 * ColumnLabels.Select(l => l.Length).DefaultIfEmpty(4).Max() * 0.72;
        var barX = left + cols * cell + 14;
        var width = (int)(barX + ColourBarWidth);
        var height = (int)(top + rows * cell + 30);
        var (lo, hi) = Range();

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<title>{Escape(Title)}</title>");
        svg.Append(Text(width / 2.0, 16, Title, extra: "font-size=\"13\" font-weight=\"bold\""));
        for (var c = 0; c < cols; c++)
        {
            var cx = left + c * cell + cell / 2.0;
            svg.Append(Text(cx, top - 6, ColumnLabels[c], "start", $"fill=\"{LabelColour(c)}\" transform=\"rotate(-45 {Num(cx)} {Num(top - 6)})\""));
        }
        for (var r = 0; r < rows; r++)
        {
            var ry = top + r * cell;
            svg.Append(Text(left - 6, ry + cell / 2.0 + 4, RowLabels[r], "end", $"fill=\"{LabelColour(r)}\""));
            for (var c = 0; c < cols; c++)
            {
                var v = Values[r, c];
                var t = double.IsNaN(v) ? double.NaN : (v - lo) / (hi - lo);
                if (LowerIsBetter && !double.IsNaN(t)) t = 1 - t;
                var cx = left + c * cell;
                svg.Append($"<rect x=\"{Num(cx)}\" y=\"{Num(ry)}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{Palette.Sequential(t)}\"><title>{Escape($"{RowLabels[r]} → {ColumnLabels[c]}: {Exact(v)}")}</title></rect>");
                if (!double.IsNaN(v))
                    svg.Append(Text(cx + cell / 2.0, ry + cell / 2.0 + 4, Format1(v), extra: $"fill=\"{Palette.TextOn(t)}\""));
            }
        }
        svg.Append(Text(left + cols * cell / 2.0, height - 8, $"rows: {RowTitle}, columns: {ColumnTitle}"));
        ColourBar(svg, barX, top, Math.Max(rows * cell - 1, 60), lo, hi);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private const int ColourBarWidth = 74;

    /// <summary>
    /// The scale: a vertical bar of the palette, the bright end on top, labelled with the values at its ends ("≥" / "≤" where
    /// cells lie beyond them and are drawn at the end's colour); "lower is better" along it when the palette is reversed.
    /// Drawn as stacked rects, not a gradient, so that no id can clash between the many heatmaps of one page.
    /// </summary>
    private void ColourBar(StringBuilder svg, double x, double y, double height, double lo, double hi)
    {
        const int steps = 24, barWidth = 12;
        var (dataLo, dataHi) = DataRange();
        var (top, bottom) = LowerIsBetter ? (lo, hi) : (hi, lo);
        var topClamped = LowerIsBetter ? dataLo < lo : dataHi > hi;
        var bottomClamped = LowerIsBetter ? dataHi > hi : dataLo < lo;
        svg.Append($"<g class=\"colour-bar\" data-min=\"{Exact(lo)}\" data-max=\"{Exact(hi)}\" data-lower-is-better=\"{(LowerIsBetter ? "true" : "false")}\">");
        for (var i = 0; i < steps; i++)
        {
            // i = 0 is the top (t = 1, the bright end).
            var t = 1 - (i + 0.5) / steps;
            svg.Append($"<rect x=\"{Num(x)}\" y=\"{Num(y + i * height / steps)}\" width=\"{barWidth}\" height=\"{Num(height / steps + 0.5)}\" fill=\"{Palette.Sequential(t)}\"/>");
        }
        svg.Append($"<rect x=\"{Num(x)}\" y=\"{Num(y)}\" width=\"{barWidth}\" height=\"{Num(height)}\" fill=\"none\" stroke=\"#888\" stroke-width=\"0.5\"/>");
        svg.Append(Text(x + barWidth + 3, y + 8, (topClamped ? (LowerIsBetter ? "≤" : "≥") : "") + Format1(top), "start", "class=\"colour-bar-top\""));
        svg.Append(Text(x + barWidth + 3, y + height, (bottomClamped ? (LowerIsBetter ? "≥" : "≤") : "") + Format1(bottom), "start", "class=\"colour-bar-bottom\""));
        if (LowerIsBetter)
        {
            var cx = x + barWidth + 22;
            var cy = y + height / 2;
            svg.Append(Text(cx, cy, "lower is better", extra: $"class=\"colour-bar-legend\" font-size=\"10\" transform=\"rotate(90 {Num(cx)} {Num(cy)})\""));
        }
        svg.Append("</g>");
    }

    private string Format1(double v) => double.IsNaN(v) ? "–" : v.ToString(Format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A value as the tooltip gives it: not rounded to the cell's format (six decimals, beyond any test set's resolution).</summary>
    private static string Exact(double v) => double.IsNaN(v) ? "–" : v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private (double Lo, double Hi) DataRange()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in Values)
            if (!double.IsNaN(v)) (lo, hi) = (Math.Min(lo, v), Math.Max(hi, v));
        return (lo, hi);
    }

    private (double Lo, double Hi) Range()
    {
        var (lo, hi) = DataRange();
        lo = Min ?? (double.IsInfinity(lo) ? 0 : lo);
        hi = Max ?? (double.IsInfinity(hi) ? 1 : hi);
        return hi > lo ? (lo, hi) : (lo, lo + 1);
    }
}
