using System.Text;
using FaceCompat.Infrastructure;

namespace FaceCompat.Embeddings;

/// <summary>Minimal RFC 4180 CSV: parse into rows of fields, and quote a field when it needs it.</summary>
internal static class Csv
{
    /// <summary>Rows of fields; blank lines are skipped; CRLF and LF both end a row.</summary>
    public static List<List<string>> Parse(string text, string name)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        var rowStarted = false;
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (ch)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    rowStarted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    rowStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    rowStarted = true;
                    break;
            }
        }
        if (quoted) throw new FaceCompatException($"{name}: unterminated quoted field at the end of the file.");
        EndRow();
        return rows;

        void EndRow()
        {
            if (rowStarted)
            {
                row.Add(field.ToString());
                rows.Add(row);
            }
            row = [];
            field.Clear();
            atFieldStart = true;
            rowStarted = false;
        }
    }

    public static StringBuilder AppendField(StringBuilder builder, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0 && (value.Length == 0 || (value[0] != ' ' && value[^1] != ' ')))
            return builder.Append(value);
        return builder.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }
}
