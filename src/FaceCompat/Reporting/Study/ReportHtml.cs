using System.Net;
using System.Text.RegularExpressions;

namespace FaceCompat.Reporting.Study;

/// <summary>Small HTML fragments shared by the report's sections.</summary>
internal static class ReportHtml
{
    public const string NotRun = "Not run in this study.";

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string P(string text) => $"<p>{Encode(text)}</p>";

    public static string Note(string text) => $"<p class=\"note\">{Encode(text)}</p>";

    public static string H3(string text) => $"<h3>{Encode(text)}</h3>";

    public static string Callout(string text, bool warn = false) =>
        $"<div class=\"callout{(warn ? " warn" : "")}\">{Encode(text)}</div>";

    public static string Missing(string what) => $"<p class=\"missing\">{Encode(what)} {NotRun}</p>";

    /// <summary>
    /// Figures (SVG charts, or a table in a div) side by side in a grid of balanced rows: as many per row as fit at their own width,
    /// but no figure alone on the last row when there are several (one more per row then, each drawn a little smaller).
    /// </summary>
    public static string Figures(IEnumerable<string> figures)
    {
        var list = figures.ToList();
        if (list.Count == 0) return "";
        var columns = FigureColumns(list.Count, list.Max(FigureWidth));
        return $"<div class=\"figures\" style=\"grid-template-columns:repeat({columns},minmax(0,max-content))\">" +
            string.Concat(list.Select(f => $"<div class=\"figure\">{f}</div>")) + "</div>";
    }

    /// <summary>The width the report's main column gives a row of figures, and the gap between two (HtmlReport's CSS: main 1400 px less its
    /// and the section's padding and borders).</summary>
    private const int RowWidth = 1318, Gap = 10;

    /// <summary>
    /// How many figures of a width go in one row: the rows as full as the fewest rows that fit them allow (6 at 4 a row: 3 + 3);
    /// when the last would still hold one alone, one more per row (up to half as many again, the figures shrinking) or else fewer.
    /// </summary>
    public static int FigureColumns(int count, int width)
    {
        var fit = Math.Clamp((RowWidth + Gap) / (width + Gap), 1, count);
        var rows = (count + fit - 1) / fit;
        var balanced = (count + rows - 1) / rows;
        bool Lone(int c) => c < count && count % c == 1;
        if (!Lone(balanced)) return balanced;
        for (var c = balanced + 1; c <= Math.Min(count, (int)Math.Ceiling(fit * 1.5)); c++)
            if (!Lone(c)) return c;
        for (var c = balanced - 1; c >= 2; c--)
            if (!Lone(c)) return c;
        return balanced;
    }

    private static readonly Regex SvgWidth = new("^<svg[^>]*? width=\"([0-9]+)\"", RegexOptions.Compiled);

    /// <summary>A figure's width: its SVG's width attribute; a table is taken as 480 px.</summary>
    private static int FigureWidth(string figure) =>
        SvgWidth.Match(figure) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 480;

    public static string List(IEnumerable<string> items) =>
        "<ul>" + string.Concat(items.Select(i => $"<li>{Encode(i)}</li>")) + "</ul>";

    public static string Pre(string text) => $"<pre>{Encode(text)}</pre>";
}
