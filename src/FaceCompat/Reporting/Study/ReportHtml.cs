using System.Net;

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

    public static string Figures(IEnumerable<string> svgs)
    {
        var list = svgs.ToList();
        return list.Count == 0 ? "" : "<div class=\"figures\">" + string.Concat(list) + "</div>";
    }

    public static string List(IEnumerable<string> items) =>
        "<ul>" + string.Concat(items.Select(i => $"<li>{Encode(i)}</li>")) + "</ul>";

    public static string Pre(string text) => $"<pre>{Encode(text)}</pre>";
}
