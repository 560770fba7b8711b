using System.Globalization;
using System.Net;

namespace FaceCompat.Reporting.Charts;

/// <summary>Formatting helpers shared by the SVG charts: invariant numbers and escaped text.</summary>
internal static class SvgText
{
    public static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A short, human tick label: 0.001, 0.5, 10, 1e-05.</summary>
    public static string Tick(double value)
    {
        if (value == 0) return "0";
        var abs = Math.Abs(value);
        if (abs >= 1e-3 && abs < 1e5) return value.ToString("0.###", CultureInfo.InvariantCulture);
        return value.ToString("0.#e0", CultureInfo.InvariantCulture);
    }

    public static string Text(double x, double y, string text, string anchor = "middle", string? extra = null) =>
        $"<text x=\"{Num(x)}\" y=\"{Num(y)}\" text-anchor=\"{anchor}\"{(extra is null ? "" : " " + extra)}>{Escape(text)}</text>";
}
