using System.Net;
using System.Text;

namespace FaceCompat.Reporting;

/// <summary>A column of a table built by <see cref="PaperTable.Of"/>: its header and the cell of each row.</summary>
internal sealed record TableColumn<T>(string Header, Func<T, TableCell> Cell);

/// <summary>A results table that renders as Markdown, LaTeX (booktabs) and HTML.</summary>
internal sealed class PaperTable
{
    public PaperTable(string caption, IReadOnlyList<string> columns)
    {
        Caption = caption;
        Columns = columns;
    }

    public string Caption { get; }
    public IReadOnlyList<string> Columns { get; }
    public List<IReadOnlyList<TableCell>> Rows { get; } = [];
    /// <summary>What the marks mean, printed under the table.</summary>
    public string? Note { get; init; }

    /// <summary>Whether a cell shows a <see cref="DegenerateInterval">degenerate interval</see>.</summary>
    public bool HasDegenerateInterval => Rows.Any(r => r.Any(c => c.HasDegenerateInterval));

    /// <summary>The table's footnotes: its <see cref="Note"/>, then what the degenerate-interval mark means when a cell shows one.</summary>
    public IReadOnlyList<string> Notes =>
        [.. Note is null ? [] : new[] { Note }, .. HasDegenerateInterval ? [DegenerateInterval.Explanation] : Array.Empty<string>()];

    /// <summary>
    /// Several tables in HTML with their footnotes once, before the tables: a note shared by many tables (the marks) is not
    /// repeated under each of them.
    /// </summary>
    public static string HtmlWithNotesOnce(IEnumerable<PaperTable> tables)
    {
        var list = tables.ToList();
        var notes = list.SelectMany(t => t.Notes).Distinct().ToList();
        return string.Concat(notes.Select(n => $"<p class=\"note table-note\">{WebUtility.HtmlEncode(n)}</p>")) + string.Concat(list.Select(t => t.ToHtml(notes: false)));
    }

    /// <summary>Several tables in Markdown with their footnotes once, before the tables.</summary>
    public static string MarkdownWithNotesOnce(IEnumerable<PaperTable> tables)
    {
        var list = tables.ToList();
        var notes = list.SelectMany(t => t.Notes).Distinct().ToList();
        return string.Concat(notes.Select(n => n + "\n\n")) + string.Join("\n", list.Select(t => t.ToMarkdown(notes: false)));
    }

    /// <summary>A table with one row per item and one cell per column, each column saying how it fills its cell.</summary>
    public static PaperTable Of<T>(string caption, IEnumerable<T> rows, IReadOnlyList<TableColumn<T>> columns, string? note = null)
    {
        var table = new PaperTable(caption, [.. columns.Select(c => c.Header)]) { Note = note };
        foreach (var row in rows) table.Add([.. columns.Select(c => c.Cell(row))]);
        return table;
    }

    public void Add(params TableCell[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Expected {Columns.Count} cells, got {cells.Length}.");
        Rows.Add(cells);
    }

    public string ToMarkdown(bool notes = true)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"**{Caption}**").AppendLine();
        sb.AppendLine("| " + string.Join(" | ", Columns.Select(EscapeMarkdown)) + " |");
        sb.AppendLine("|" + string.Join("|", Columns.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in Rows)
            sb.AppendLine("| " + string.Join(" | ", row.Select(c => EscapeMarkdown(c.Render()))) + " |");
        if (notes)
            foreach (var note in Notes) sb.AppendLine().AppendLine(note);
        return sb.ToString();
    }

    public string ToLatex()
    {
        var sb = new StringBuilder();
        sb.AppendLine("\\begin{table}[t]").AppendLine("\\centering").AppendLine("\\small");
        sb.AppendLine($"\\begin{{tabular}}{{l{new string('r', Columns.Count - 1)}}}").AppendLine("\\toprule");
        sb.AppendLine(string.Join(" & ", Columns.Select(EscapeLatex)) + " \\\\").AppendLine("\\midrule");
        foreach (var row in Rows)
            sb.AppendLine(string.Join(" & ", row.Select(LatexCell)) + " \\\\");
        sb.AppendLine("\\bottomrule").AppendLine("\\end{tabular}");
        sb.AppendLine($"\\caption{{{EscapeLatex(Caption)}{string.Concat(Notes.Select(n => " " + EscapeLatex(n)))}}}");
        sb.AppendLine("\\end{table}");
        return sb.ToString();
    }

    public string ToHtml(bool notes = true)
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"results\"><caption>").Append(WebUtility.HtmlEncode(Caption)).Append("</caption><thead><tr>");
        foreach (var c in Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row)
                sb.Append(!cell.IsNumeric ? "<td>"
                    : cell.HasDegenerateInterval ? $"<td class=\"num degenerate\" title=\"{WebUtility.HtmlEncode(DegenerateInterval.Explanation)}\">"
                    : "<td class=\"num\">").Append(WebUtility.HtmlEncode(cell.Render())).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (notes)
            foreach (var note in Notes) sb.Append("<p class=\"note\">").Append(WebUtility.HtmlEncode(note)).Append("</p>");
        return sb.ToString();
    }

    private static string LatexCell(TableCell c)
    {
        if (!c.IsNumeric) return EscapeLatex(c.Text!);
        if (double.IsNaN(c.Mean)) return "--";
        var s = "$" + c.F(c.Mean);
        if (!double.IsNaN(c.Std)) s += " \\pm " + c.F(c.Std);
        s += "$";
        if (c.HasInterval) s += $" {{\\scriptsize [{c.F(c.CiLow)}, {c.F(c.CiHigh)}]}}" + (c.HasDegenerateInterval ? Superscript(DegenerateInterval.Mark) : "");
        return s + (c.Mark.Length > 0 ? Superscript(c.Mark) : "");
    }

    private static string Superscript(string mark) => $"$^{{{EscapeLatex(mark)}}}$";

    private static string EscapeMarkdown(string s) => s.Replace("|", "\\|");

    internal static string EscapeLatex(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
            sb.Append(ch switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + ch,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '±' => "$\\pm$",
                '→' => "$\\rightarrow$",
                '†' => "\\ensuremath{\\dagger}",
                '‡' => "\\ensuremath{\\ddagger}",
                _ => ch.ToString(),
            });
        return sb.ToString();
    }
}
