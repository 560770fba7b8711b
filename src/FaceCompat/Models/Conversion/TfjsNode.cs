using System.Text;
using System.Text.Json;

namespace FaceCompat.Models.Conversion;

/// <summary>One node of a TF.js graph model (a TensorFlow NodeDef in JSON form).</summary>
internal sealed class TfjsNode
{
    private readonly Dictionary<string, JsonElement> _attrs;

    public TfjsNode(string name, string op, string[] inputs, Dictionary<string, JsonElement> attrs)
    {
        Name = name; Op = op; Inputs = inputs; _attrs = attrs;
    }

    public string Name { get; }
    public string Op { get; }

    /// <summary>Data inputs as written ("node" or "node:1"); control inputs ("^node") are dropped.</summary>
    public string[] Inputs { get; }

    public static TfjsNode Parse(JsonElement e)
    {
        var name = e.GetProperty("name").GetString()!;
        var op = e.GetProperty("op").GetString()!;
        var inputs = new List<string>();
        if (e.TryGetProperty("input", out var ins))
            foreach (var i in ins.EnumerateArray())
            {
                var s = i.GetString()!;
                if (!s.StartsWith('^')) inputs.Add(s);
            }
        var attrs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (e.TryGetProperty("attr", out var a))
            foreach (var p in a.EnumerateObject()) attrs[p.Name] = p.Value.Clone();
        return new TfjsNode(name, op, inputs.ToArray(), attrs);
    }

    public bool HasAttr(string key) => _attrs.ContainsKey(key);

    public string? String(string key) =>
        _attrs.TryGetValue(key, out var v) && v.TryGetProperty("s", out var s) ? Decode(s.GetString()) : null;

    public long Int(string key, long fallback) =>
        _attrs.TryGetValue(key, out var v) && v.TryGetProperty("i", out var i) ? ReadLong(i) : fallback;

    public float Float(string key, float fallback) =>
        _attrs.TryGetValue(key, out var v) && v.TryGetProperty("f", out var f) ? (float)f.GetDouble() : fallback;

    public bool Bool(string key, bool fallback) =>
        _attrs.TryGetValue(key, out var v) && v.TryGetProperty("b", out var b) ? b.GetBoolean() : fallback;

    public string? Type(string key) =>
        _attrs.TryGetValue(key, out var v) && v.TryGetProperty("type", out var t) ? t.GetString() : null;

    public long[] Ints(string key)
    {
        if (!_attrs.TryGetValue(key, out var v) || !v.TryGetProperty("list", out var list) || !list.TryGetProperty("i", out var i))
            return [];
        return i.EnumerateArray().Select(ReadLong).ToArray();
    }

    public string[] Strings(string key)
    {
        if (!_attrs.TryGetValue(key, out var v) || !v.TryGetProperty("list", out var list) || !list.TryGetProperty("s", out var s))
            return [];
        return s.EnumerateArray().Select(x => Decode(x.GetString())).ToArray();
    }

    /// <summary>The Placeholder's declared shape; -1 for unknown dimensions; null when unknown rank.</summary>
    public long[]? Shape(string key)
    {
        if (!_attrs.TryGetValue(key, out var v) || !v.TryGetProperty("shape", out var shape)) return null;
        if (shape.TryGetProperty("unknownRank", out var ur) && ur.GetBoolean()) return null;
        if (!shape.TryGetProperty("dim", out var dims)) return [];
        return dims.EnumerateArray().Select(d => d.TryGetProperty("size", out var s) ? ReadLong(s) : -1).ToArray();
    }

    private static long ReadLong(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? long.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetInt64();

    private static string Decode(string? base64) =>
        string.IsNullOrEmpty(base64) ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    /// <summary>Splits "node:2" into ("node", 2); "node" is output 0.</summary>
    public static (string Node, int Index) SplitTensorName(string tensor)
    {
        var colon = tensor.LastIndexOf(':');
        if (colon > 0 && int.TryParse(tensor.AsSpan(colon + 1), out var index)) return (tensor[..colon], index);
        return (tensor, 0);
    }
}
