using System.Globalization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Mapping;

/// <summary>
/// The text form of a map, read once at the edges (CLI, YAML, output files) into a <see cref="MapSpec"/>:
/// <c>name[:key=value[:key=value...]]</c>, e.g. <c>ridge:alpha=0.1</c>, <c>rrr:rank=64</c>,
/// <c>shuffled:base=ridge:seed=3</c>. (':' separates parameters so that a list of maps can be comma-separated.)
/// </summary>
internal sealed class MapSpecText
{
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    private MapSpecText(string text, string name, Dictionary<string, string> values)
    {
        Text = text;
        Name = name;
        this.values = values;
    }

    public string Text { get; }
    public string Name { get; }
    public IReadOnlyDictionary<string, string> Values => values;

    public static MapSpecText Parse(string text)
    {
        var parts = (text ?? "").Trim().Split(':');
        var name = parts[0].Trim().ToLowerInvariant();
        if (name.Length == 0) throw new FaceCompatException($"empty map name in '{text}'.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new FaceCompatException($"map '{text}': parameter '{part}' is not key=value.");
            var key = part[..eq].Trim().ToLowerInvariant();
            if (!values.TryAdd(key, part[(eq + 1)..].Trim()))
                throw new FaceCompatException($"map '{text}': parameter '{key}' is given twice.");
        }
        return new MapSpecText(text!, name, values);
    }

    // Stryker disable once Conditional : with no parameters the long form is the name as well
    public static string Format(string name, IReadOnlyDictionary<string, string> parameters) =>
        parameters.Count == 0 ? name
            : name + string.Concat(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $":{p.Key}={p.Value}"));

    public int? OptionalInt(string key, Func<int, bool> valid, string requirement)
    {
        used.Add(key);
        if (!values.TryGetValue(key, out var text)) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || !valid(value)) throw Invalid(key, text, requirement);
        return value;
    }

    public double? OptionalDouble(string key, Func<double, bool> valid, string requirement)
    {
        used.Add(key);
        if (!values.TryGetValue(key, out var text)) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !valid(value)) throw Invalid(key, text, requirement);
        return value;
    }

    public string? OptionalString(string key)
    {
        used.Add(key);
        return values.GetValueOrDefault(key);
    }

    private FaceCompatException Invalid(string key, string text, string requirement) =>
        new($"map '{Text}': {key}={text} is invalid; {key} must be {requirement}.");

    /// <summary>The parameters not read so far, now marked read (a control forwards them to the map it wraps).</summary>
    public IReadOnlyDictionary<string, string> ReadRest()
    {
        var rest = values.Where(p => !used.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        used.UnionWith(rest.Keys);
        return rest;
    }

    /// <summary>Refuses parameters no one read, naming the accepted ones.</summary>
    public void RequireAllRead(IEnumerable<string> accepted)
    {
        var unknown = values.Keys.Where(k => !used.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            var list = string.Join(", ", accepted);
            throw new FaceCompatException($"map '{Text}': unknown parameter '{unknown[0]}'; {Name} accepts {(list.Length > 0 ? list : "no parameters")}.");
        }
    }
}
