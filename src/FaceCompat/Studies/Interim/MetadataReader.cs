using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies.Interim;

/// <summary>Reads metadata.csv (<c>index,path,identity</c>; quoted fields allowed). Stand-in for the Embeddings reader.</summary>
internal static class MetadataReader
{
    public static List<EmbeddingRecord> Read(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"{path} does not exist.");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].Trim().Equals("index,path,identity", StringComparison.OrdinalIgnoreCase))
            throw new FaceCompatException($"{path} must start with the header index,path,identity.");
        var records = new List<EmbeddingRecord>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = Csv.Split(lines[i]);
            if (fields.Count != 3 || !int.TryParse(fields[0], out var index) || index != records.Count)
                throw new FaceCompatException($"{path} line {i + 1}: expected index {records.Count},path,identity.");
            if (fields[2].Length == 0) throw new FaceCompatException($"{path} line {i + 1}: empty identity.");
            records.Add(new EmbeddingRecord(index, fields[1], fields[2]));
        }
        return records;
    }
}

internal static class Csv
{
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    public static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
