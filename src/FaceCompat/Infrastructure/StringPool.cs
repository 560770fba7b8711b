namespace FaceCompat.Infrastructure;

/// <summary>
/// One instance of each distinct string read: a study's millions of result rows repeat a small vocabulary
/// (experiments, datasets, model ids, maps, metrics), and read one string per row and field they were most of the
/// memory of rebuilding a study's outputs or tables (docs/study.md, "Memory"). Pool text fields only, never numbers (each
/// value is new). Not thread-safe: one per reader.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>The pooled instance equal to <paramref name="value"/> (added if new).</summary>
    public string Get(string value)
    {
        if (_strings.TryGetValue(value, out var pooled)) return pooled;
        _strings.Add(value, value);
        return value;
    }

    public int Count => _strings.Count;
}
