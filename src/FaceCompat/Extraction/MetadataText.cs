using System.Text;
using FaceCompat.Datasets;

namespace FaceCompat.Extraction;

/// <summary>The text of metadata.csv (<c>index,path,identity</c>, RFC 4180 quoting, '\n' line ends).</summary>
internal static class MetadataText
{
    public static string Build(IReadOnlyList<DatasetImage> rows)
    {
        var sb = new StringBuilder("index,path,identity\n");
        for (var i = 0; i < rows.Count; i++)
            sb.Append(i).Append(',').Append(Field(rows[i].RelativePath)).Append(',').Append(Field(rows[i].Identity)).Append('\n');
        return sb.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
