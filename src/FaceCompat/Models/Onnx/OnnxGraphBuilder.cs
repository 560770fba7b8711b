using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FaceCompat.Models.Onnx;

/// <summary>
/// Builds a single-graph ONNX model (default opset 17, which ONNX Runtime 1.31 runs) from inputs,
/// initializers and nodes. Names given by the caller are kept; <see cref="UniqueName"/> makes fresh
/// ones. Building the same graph twice gives identical bytes.
/// </summary>
/// <example>
/// <code>
/// var b = new OnnxGraphBuilder("tiny");
/// var x = b.AddInput("input", OnnxGraphBuilder.Batch, 3, 8, 8);          // NCHW, symbolic batch
/// var w = b.AddInitializer("w", new float[4 * 3 * 3 * 3], 4, 3, 3, 3);
/// var y = b.AddNode("Conv", [x, w], OnnxAttribute.Ints("pads", 1, 1, 1, 1));
/// b.AddOutput(b.AddNode("Relu", [y], output: "features"));
/// byte[] model = b.ToBytes();
/// </code>
/// </example>
internal sealed class OnnxGraphBuilder
{
    /// <summary>Pass as a dimension to mean "symbolic" (named <c>batch</c> at index 0, else <c>d{i}</c>).</summary>
    public const long Batch = -1;
    public const int DefaultOpset = 17;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);   // handed out or defined
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal); // inputs, initializers, node outputs
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly int _opset;

    public OnnxGraphBuilder(string graphName = "graph", int opset = DefaultOpset)
    {
        _graph = new GraphProto { Name = graphName };
        _opset = opset;
    }

    /// <summary>Producer name written into the model (default "FaceCompat").</summary>
    public string ProducerName { get; set; } = "FaceCompat";

    /// <summary>Free-text description stored in the model's doc string.</summary>
    public string DocString { get; set; } = "";

    /// <summary>Metadata entries stored in the model (kept in insertion order).</summary>
    public IList<KeyValuePair<string, string>> Metadata { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>
    /// A name not used yet in this graph, derived from <paramref name="hint"/>; it stays reserved for the
    /// caller, who may then pass it as a node's output.
    /// </summary>
    public string UniqueName(string hint)
    {
        if (string.IsNullOrEmpty(hint)) hint = "t";
        if (_names.Add(hint)) return hint;
        _counters.TryGetValue(hint, out var n);
        string candidate;
        do { n++; candidate = $"{hint}__{n}"; } while (_names.Contains(candidate));
        _counters[hint] = n;
        _names.Add(candidate);
        return candidate;
    }

    /// <summary>True when a value (input, initializer or node output) of that name exists.</summary>
    public bool HasName(string name) => _defined.Contains(name);

    public string AddInput(string name, params long[] dims) => AddInput(name, DataType.Float, dims);

    public string AddInput(string name, DataType elementType, long[] dims)
    {
        Reserve(name);
        _graph.Input.Add(ValueInfo(name, elementType, dims));
        return name;
    }

    /// <summary>Declares an existing value as a graph output; <paramref name="dims"/> may be omitted (shape unknown).</summary>
    public string AddOutput(string name, params long[]? dims) => AddOutput(name, DataType.Float, dims);

    public string AddOutput(string name, DataType elementType, long[]? dims)
    {
        _graph.Output.Add(ValueInfo(name, elementType, dims is { Length: > 0 } ? dims : null));
        return name;
    }

    public string AddInitializer(string name, ReadOnlySpan<float> data, params long[] dims) =>
        AddRaw(Reserve(name), DataType.Float, MemoryMarshal.AsBytes(data), data.Length, dims);

    public string AddInitializer(string name, ReadOnlySpan<long> data, params long[] dims) =>
        AddRaw(Reserve(name), DataType.Int64, MemoryMarshal.AsBytes(data), data.Length, dims);

    public string AddInitializer(string name, ReadOnlySpan<int> data, params long[] dims) =>
        AddRaw(Reserve(name), DataType.Int32, MemoryMarshal.AsBytes(data), data.Length, dims);

    /// <summary>A float constant with a fresh name derived from <paramref name="hint"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<float> data, params long[] dims) =>
        AddRaw(Reserve(UniqueName(hint)), DataType.Float, MemoryMarshal.AsBytes(data), data.Length, dims);

    /// <summary>An int64 constant (shapes, axes, pads) with a fresh name derived from <paramref name="hint"/>.</summary>
    public string ConstantInt64(string hint, params long[] data) =>
        AddRaw(Reserve(UniqueName(hint)), DataType.Int64, MemoryMarshal.AsBytes<long>(data), data.Length, [data.Length]);

    /// <summary>A rank-0 float constant.</summary>
    public string Scalar(string hint, float value) =>
        AddRaw(Reserve(UniqueName(hint)), DataType.Float, MemoryMarshal.AsBytes<float>([value]), 1, []);

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes) =>
        AddNode(opType, inputs, output: null, name: null, attributes);

    /// <summary>
    /// Adds a node with one output named <paramref name="output"/> (a fresh name when null) and returns it.
    /// Pass "" in <paramref name="inputs"/> for an omitted optional input.
    /// </summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, string? output, string? name = null, params AttributeProto[] attributes)
    {
        var outName = Reserve(output ?? UniqueName(opType.ToLowerInvariant()));
        AddNodeCore(opType, inputs, [outName], name, attributes);
        return outName;
    }

    /// <summary>Adds a node with several outputs (fresh names) and returns them.</summary>
    public string[] AddNodeMulti(string opType, IReadOnlyList<string> inputs, int outputCount, params AttributeProto[] attributes)
    {
        var outs = new string[outputCount];
        for (var i = 0; i < outputCount; i++) outs[i] = Reserve(UniqueName($"{opType.ToLowerInvariant()}_out{i}"));
        AddNodeCore(opType, inputs, outs, null, attributes);
        return outs;
    }

    public ModelProto Build()
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = ProducerName,
            ProducerVersion = "1",
            DocString = DocString,
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = _opset });
        foreach (var (k, v) in Metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = k, Value = v });
        return model;
    }

    public byte[] ToBytes() => Build().ToByteArray();

    private void AddNodeCore(string opType, IReadOnlyList<string> inputs, string[] outputs, string? name, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name ?? UniqueNodeName(opType) };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
    }

    private int _nodeCounter;
    private string UniqueNodeName(string opType) => $"{opType}_{_nodeCounter++}";

    private string AddRaw(string name, DataType type, ReadOnlySpan<byte> bytes, int count, long[] dims)
    {
        long expected = 1;
        foreach (var d in dims) expected *= d;
        if (expected != count)
            throw new ArgumentException($"Initializer '{name}' has {count} values but shape [{string.Join(",", dims)}] needs {expected}.");
        var t = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        _graph.Initializer.Add(t);
        return name;
    }

    private string Reserve(string name)
    {
        _names.Add(name);
        if (!_defined.Add(name)) throw new ArgumentException($"The name '{name}' is already used in graph '{_graph.Name}'.");
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, DataType elementType, long[]? dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)elementType };
        if (dims is not null)
        {
            tensor.Shape = new TensorShapeProto();
            for (var i = 0; i < dims.Length; i++)
            {
                var d = new TensorShapeProto.Types.Dimension();
                if (dims[i] >= 0) d.DimValue = dims[i];
                else d.DimParam = i == 0 ? "batch" : $"d{i}";
                tensor.Shape.Dim.Add(d);
            }
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
