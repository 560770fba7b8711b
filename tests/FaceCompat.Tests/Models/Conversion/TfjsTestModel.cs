using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaceCompat.Tests.Models.Conversion;

/// <summary>
/// Writes a tiny TF.js graph model (model.json + one weights shard) for converter tests. Weights are
/// stored as float32, float16, uint8-quantised (scale/min) or int32, as the TF.js manifest allows.
/// </summary>
internal sealed class TfjsTestModel
{
    private readonly JsonArray _nodes = [];
    private readonly JsonArray _weights = [];
    private readonly MemoryStream _data = new();
    private JsonObject? _signature;
    private bool _signatureInMetadata;

    public TfjsTestModel Placeholder(string name, params long[] shape)
    {
        var dims = new JsonArray(shape.Select(d => (JsonNode)new JsonObject { ["size"] = d.ToString() }).ToArray());
        _nodes.Add(new JsonObject
        {
            ["name"] = name, ["op"] = "Placeholder",
            ["attr"] = new JsonObject { ["dtype"] = new JsonObject { ["type"] = "DT_FLOAT" }, ["shape"] = new JsonObject { ["shape"] = new JsonObject { ["dim"] = dims } } },
        });
        return this;
    }

    public TfjsTestModel Const(string name, float[] values, params long[] shape) => AddConst(name, shape, "float32", null, values, w =>
    {
        foreach (var v in values) w.Write(v);
    });

    public TfjsTestModel ConstFloat16(string name, float[] values, params long[] shape) =>
        AddConst(name, shape, "float32", new JsonObject { ["dtype"] = "float16", ["original_dtype"] = "float32" }, values, w =>
        {
            foreach (var v in values) w.Write((Half)v);
        });

    public TfjsTestModel ConstUint8(string name, byte[] quantised, double scale, double min, params long[] shape) =>
        AddConst(name, shape, "float32", new JsonObject { ["dtype"] = "uint8", ["scale"] = scale, ["min"] = min }, null, w => w.Write(quantised));

    public TfjsTestModel ConstInt(string name, int[] values, params long[] shape) => AddConst(name, shape, "int32", null, null, w =>
    {
        foreach (var v in values) w.Write(v);
    }, "DT_INT32");

    public TfjsTestModel Node(string name, string op, string[] inputs, params (string Key, JsonNode Value)[] attrs)
    {
        var a = new JsonObject { ["T"] = new JsonObject { ["type"] = "DT_FLOAT" } };
        foreach (var (k, v) in attrs) a[k] = v;
        _nodes.Add(new JsonObject { ["name"] = name, ["op"] = op, ["input"] = new JsonArray(inputs.Select(i => (JsonNode)i).ToArray()), ["attr"] = a });
        return this;
    }

    /// <summary>A top-level signature (or the one TF.js prefers, in userDefinedMetadata).</summary>
    public TfjsTestModel Signature(string[] inputs, string[] outputs, bool inMetadata = false)
    {
        static JsonObject Entries(string[] names) => new(names.Select(n => KeyValuePair.Create(n, (JsonNode?)new JsonObject { ["name"] = n })));
        _signature = new JsonObject();
        if (inputs.Length > 0) _signature["inputs"] = Entries(inputs);
        if (outputs.Length > 0) _signature["outputs"] = Entries(outputs);
        _signatureInMetadata = inMetadata;
        return this;
    }

    /// <summary>Writes model.json and weights.bin into <paramref name="directory"/>; returns the model.json path.</summary>
    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "weights.bin"), _data.ToArray());
        var root = new JsonObject
        {
            ["format"] = "graph-model",
            ["generatedBy"] = "test",
            ["modelTopology"] = new JsonObject { ["node"] = _nodes.DeepClone(), ["library"] = new JsonObject(), ["versions"] = new JsonObject() },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("weights.bin"), ["weights"] = _weights.DeepClone() }),
        };
        if (_signature is not null)
        {
            if (_signatureInMetadata) root["userDefinedMetadata"] = new JsonObject { ["signature"] = _signature.DeepClone() };
            else root["signature"] = _signature.DeepClone();
        }
        var path = Path.Combine(directory, "model.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private TfjsTestModel AddConst(string name, long[] shape, string dtype, JsonObject? quantization, float[]? _, Action<BinaryWriter> write, string tfType = "DT_FLOAT")
    {
        using (var w = new BinaryWriter(_data, Encoding.UTF8, leaveOpen: true)) write(w);
        var spec = new JsonObject { ["name"] = name, ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()), ["dtype"] = dtype };
        if (quantization is not null) spec["quantization"] = quantization;
        _weights.Add(spec);
        _nodes.Add(new JsonObject { ["name"] = name, ["op"] = "Const", ["attr"] = new JsonObject { ["dtype"] = new JsonObject { ["type"] = tfType } } });
        return this;
    }
}

/// <summary>TF NodeDef attribute values in TF.js's JSON form.</summary>
internal static class Attr
{
    public static JsonNode S(string value) => new JsonObject { ["s"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) };
    public static JsonNode I(long value) => new JsonObject { ["i"] = value.ToString() };
    public static JsonNode F(float value) => new JsonObject { ["f"] = value };
    public static JsonNode B(bool value) => new JsonObject { ["b"] = value };
    public static JsonNode Type(string value) => new JsonObject { ["type"] = value };
    public static JsonNode Ints(params long[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["i"] = new JsonArray(values.Select(v => (JsonNode)v.ToString()).ToArray()) } };
    public static JsonNode Strings(params string[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["s"] = new JsonArray(values.Select(v => (JsonNode)Convert.ToBase64String(Encoding.UTF8.GetBytes(v))).ToArray()) } };

    public static (string, JsonNode) Padding(string p) => ("padding", S(p));
    public static (string, JsonNode) Strides(long h, long w) => ("strides", Ints(1, h, w, 1));
    public static (string, JsonNode) Dilations(long h, long w) => ("dilations", Ints(1, h, w, 1));
    public static (string, JsonNode) Nhwc => ("data_format", S("NHWC"));
}
