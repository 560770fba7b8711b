using System.Net;
using System.Text;

namespace FaceCompat.Reporting;

/// <summary>One section of the report: an anchor id, a heading and its HTML body.</summary>
internal sealed record ReportSection(string Id, string Heading, string Html);

/// <summary>
/// A self-contained HTML report: inline CSS and inline SVG only, so it opens offline and can be
/// mailed as one file.
/// </summary>
internal sealed class HtmlReport
{
    public HtmlReport(string title) => Title = title;

    public string Title { get; }
    public string? Subtitle { get; init; }
    public List<ReportSection> Sections { get; } = [];

    public HtmlReport Add(string id, string heading, string html)
    {
        if (Sections.Any(s => s.Id == id)) throw new ArgumentException($"Duplicate section id '{id}'.");
        Sections.Add(new ReportSection(id, heading, html));
        return this;
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(Title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append("<header><h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>");
        if (Subtitle is not null) sb.Append("<p class=\"subtitle\">").Append(WebUtility.HtmlEncode(Subtitle)).Append("</p>");
        sb.Append("<nav><ol>");
        foreach (var s in Sections)
            sb.Append($"<li><a href=\"#{WebUtility.HtmlEncode(s.Id)}\">{WebUtility.HtmlEncode(s.Heading)}</a></li>");
        sb.Append("</ol></nav></header><main>");
        foreach (var s in Sections)
            sb.Append($"<section id=\"{WebUtility.HtmlEncode(s.Id)}\"><h2>{WebUtility.HtmlEncode(s.Heading)}</h2>{s.Html}</section>");
        sb.Append("</main></body></html>\n");
        return sb.ToString();
    }

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#fafbfc;line-height:1.45}
        header{background:#1d2330;color:#fff;padding:20px 32px}
        header h1{margin:0 0 4px;font-size:24px}
        .subtitle{margin:0 0 10px;color:#c8cfdb}
        nav ol{margin:0;padding-left:20px;columns:3;font-size:13px}
        nav a{color:#9cc3ff}
        main{padding:8px 24px 40px;max-width:1400px}
        section{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:12px 16px;margin:16px 0}
        h3{font-size:15px;margin:16px 0 6px}
        pre{background:#f3f5f8;padding:8px 12px;border-radius:4px;font-size:12px;overflow-x:auto}
        .missing{color:#5a6372;font-style:italic}
        .hashes td{font-family:ui-monospace,monospace;font-size:11px;word-break:break-all}
        h2{font-size:19px;border-bottom:1px solid #e3e6eb;padding-bottom:6px}
        .figures{display:grid;gap:10px;align-items:start}
        .figures svg{background:#fff;border:1px solid #f0f0f0;max-width:100%;height:auto;display:block}
        td.degenerate{color:#8a6d00}
        table.results{border-collapse:collapse;font-size:13px;margin:8px 0 4px}
        table.results caption{text-align:left;font-weight:600;padding:4px 0}
        table.results th,table.results td{border-bottom:1px solid #e3e6eb;padding:4px 10px}
        table.results th{background:#f3f5f8;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .note{font-size:12px;color:#5a6372}
        .callout{border-left:4px solid #0072B2;background:#f1f7fc;padding:8px 12px;margin:8px 0}
        .callout.warn{border-color:#D55E00;background:#fdf3ec}
        code{background:#f3f5f8;padding:1px 4px;border-radius:3px}
        """;
}
