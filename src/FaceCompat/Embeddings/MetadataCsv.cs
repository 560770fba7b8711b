using System.Text;
using FaceCompat.Infrastructure;

namespace FaceCompat.Embeddings;

/// <summary>
/// <c>metadata.csv</c>: header <c>index,path,identity</c>, one row per embedding, RFC 4180 quoting
/// (fields holding commas, quotes or line breaks are quoted, quotes doubled). Extra columns after
/// the three are ignored. Records come back sorted by index, which must run 0..N-1 without gaps.
/// </summary>
public static class MetadataCsv
{
    public const string FileName = "metadata.csv";
    private static readonly string[] Columns = ["index", "path", "identity"];

    public static IReadOnlyList<EmbeddingRecord> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceCompatException($"{path}: cannot read ({ex.Message}).", ex);
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<EmbeddingRecord> Parse(string text, string name)
    {
        var rows = Csv.Parse(text, name);
        if (rows.Count == 0) throw new FaceCompatException($"{name}: empty; expected the header 'index,path,identity'.");
        var header = rows[0];
        if (header.Count < 3 || !header.Take(3).Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Columns))
            throw new FaceCompatException($"{name}: header must start with 'index,path,identity', found '{string.Join(",", header)}'.");
        var records = new EmbeddingRecord?[rows.Count - 1];
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            var line = r + 1;
            if (row.Count < 3) throw new FaceCompatException($"{name}: line {line} has {row.Count} fields; expected index,path,identity.");
            if (!int.TryParse(row[0].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                throw new FaceCompatException($"{name}: line {line}: index '{row[0]}' is not a non-negative integer.");
            if (index >= records.Length)
                throw new FaceCompatException($"{name}: line {line}: index {index} is out of range for {records.Length} rows (indices run 0..N-1).");
            if (records[index] is not null) throw new FaceCompatException($"{name}: line {line}: index {index} appears twice.");
            if (string.IsNullOrWhiteSpace(row[2])) throw new FaceCompatException($"{name}: line {line}: empty identity.");
            records[index] = new EmbeddingRecord(index, row[1], row[2]);
        }
        return records.Select(r => r!).ToArray();
    }

    public static void Write(string path, IReadOnlyList<EmbeddingRecord> records) =>
        AtomicFile.WriteAllText(path, Format(records));

    public static string Format(IReadOnlyList<EmbeddingRecord> records)
    {
        var builder = new StringBuilder("index,path,identity\n");
        foreach (var record in records)
        {
            builder.Append(record.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            Csv.AppendField(builder, record.Path).Append(',');
            Csv.AppendField(builder, record.Identity).Append('\n');
        }
        return builder.ToString();
    }
}
