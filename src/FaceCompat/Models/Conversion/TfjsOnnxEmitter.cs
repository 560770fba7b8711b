using FaceCompat.Infrastructure;
using FaceCompat.Models.Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// Translates the TF.js nodes needed for the requested outputs into ONNX nodes. Each TF value may
/// exist in its native TF layout and, for 4-D NHWC activations, in NCHW: convolutions and pools work
/// in NCHW, elementwise ops follow their inputs, and a Transpose is inserted only where an op needs
/// the other layout (once per value). Graph inputs and outputs keep the TF (NHWC) layout.
/// </summary>
internal sealed partial class TfjsOnnxEmitter
{
    /// <summary>A TF value's ONNX names: native layout and/or NCHW (4-D only). Rank -1 = unknown.</summary>
    private sealed class Value
    {
        public string? Native;
        public string? Nchw;
        public int Rank;
        /// <summary>Element kind as far as conversion cares: float, int (TF int32) or bool.</summary>
        public ElementKind Kind = ElementKind.Float;
        /// <summary>For 1-D values (shape vectors): the number of elements when known statically, else -1.</summary>
        public long Length = -1;
    }

    private enum ElementKind { Float, Int, Bool }

    private readonly TfjsGraphModel _model;
    private readonly OnnxGraphBuilder _b;
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TfjsTensor> _consts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nchwConsts = new(StringComparer.Ordinal);

    public TfjsOnnxEmitter(TfjsGraphModel model, OnnxGraphBuilder builder)
    {
        _model = model;
        _b = builder;
    }

    public byte[] Convert(IReadOnlyList<string>? requestedOutputs)
    {
        var inputs = ResolveInputs();
        var outputs = ResolveOutputs(requestedOutputs);
        foreach (var (key, _) in inputs) _reserved.Add(key);
        foreach (var (key, _) in outputs) _reserved.Add(key);

        foreach (var (key, nodeName) in inputs) AddGraphInput(key, nodeName);
        foreach (var node in TopologicalOrder(outputs.Select(o => TfjsNode.SplitTensorName(o.Tensor).Node)))
            EmitNode(node);
        foreach (var (key, tensor) in outputs)
        {
            var native = Native(tensor);
            _b.AddNode("Identity", [native], output: key);
            _b.AddOutput(key);
        }
        return _b.ToBytes();
    }

    private List<(string Key, string Node)> ResolveInputs()
    {
        var result = new List<(string, string)>();
        foreach (var (_, tensor) in _model.SignatureInputs)
        {
            var node = TfjsNode.SplitTensorName(tensor).Node;
            if (_model.Nodes.ContainsKey(node)) result.Add((node, node));
        }
        if (result.Count > 0) return result;
        foreach (var n in _model.NodeList)
            if (n.Op == "Placeholder") result.Add((n.Name, n.Name));
        return result;
    }

    private List<(string Key, string Tensor)> ResolveOutputs(IReadOnlyList<string>? requested)
    {
        var result = new List<(string, string)>();
        if (requested is { Count: > 0 })
        {
            foreach (var r in requested)
            {
                if (!_model.Nodes.ContainsKey(TfjsNode.SplitTensorName(r).Node))
                    throw new FaceCompatException($"Output '{r}' is not a node of {_model.SourcePath}.");
                result.Add((r, r));
            }
            return result;
        }
        foreach (var (_, tensor) in _model.SignatureOutputs)
            if (_model.Nodes.ContainsKey(TfjsNode.SplitTensorName(tensor).Node)) result.Add((NodeOf(tensor), tensor));
        if (result.Count > 0) return result;

        // As TF.js: without a signature, the outputs are the nodes nothing consumes.
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in _model.NodeList)
            foreach (var i in n.Inputs) consumed.Add(TfjsNode.SplitTensorName(i).Node);
        foreach (var n in _model.NodeList)
            if (!consumed.Contains(n.Name) && n.Op is not ("Const" or "Placeholder" or "NoOp")) result.Add((n.Name, n.Name));
        if (result.Count == 0) throw new FaceCompatException($"{_model.SourcePath} has no outputs.");
        return result;
    }

    private void AddGraphInput(string key, string nodeName)
    {
        var node = _model.Nodes[nodeName];
        var dtype = node.Type("dtype") switch
        {
            null or "DT_FLOAT" => DataType.Float,
            "DT_INT32" => DataType.Int32,
            var t => throw new FaceCompatException($"Input '{key}' has unsupported dtype {t}."),
        };
        var shape = node.Shape("shape") ?? throw new FaceCompatException($"Input '{key}' of {_model.SourcePath} has no known rank.");
        _b.AddInput(key, dtype, shape.Select(d => d < 0 ? OnnxGraphBuilder.Batch : d).ToArray());
        _values[nodeName] = new Value { Native = key, Rank = shape.Length, Kind = dtype == DataType.Float ? ElementKind.Float : ElementKind.Int };
    }

    /// <summary>Depth-first post-order from the outputs: every node after its inputs.</summary>
    private List<TfjsNode> TopologicalOrder(IEnumerable<string> outputNodes)
    {
        var order = new List<TfjsNode>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done
        var stack = new Stack<(string Name, bool Expanded)>();
        foreach (var o in outputNodes) stack.Push((o, false));
        while (stack.Count > 0)
        {
            var (name, expanded) = stack.Pop();
            if (expanded) { state[name] = 2; order.Add(_model.Nodes[name]); continue; }
            if (state.TryGetValue(name, out var s))
            {
                if (s == 1) throw new FaceCompatException($"{_model.SourcePath}: the graph has a cycle at '{name}'.");
                continue;
            }
            if (!_model.Nodes.TryGetValue(name, out var node))
                throw new FaceCompatException($"{_model.SourcePath}: node '{name}' is referenced but not defined.");
            state[name] = 1;
            stack.Push((name, true));
            for (var i = node.Inputs.Length - 1; i >= 0; i--)
            {
                var input = TfjsNode.SplitTensorName(node.Inputs[i]).Node;
                if (!state.ContainsKey(input)) stack.Push((input, false));
                else if (state[input] == 1) throw new FaceCompatException($"{_model.SourcePath}: the graph has a cycle at '{input}'.");
            }
        }
        return order;
    }

    // ---- value access --------------------------------------------------------------------------

    private static string NodeOf(string tensor)
    {
        var (node, index) = TfjsNode.SplitTensorName(tensor);
        return index == 0 ? node : tensor;
    }

    private TfjsTensor? ConstOf(string tensor) => _consts.GetValueOrDefault(NodeOf(tensor));

    private bool IsConst(string tensor) => _consts.ContainsKey(NodeOf(tensor));

    private TfjsTensor RequireConst(TfjsNode node, int inputIndex, string what)
    {
        if (inputIndex >= node.Inputs.Length)
            throw new FaceCompatException($"Node '{node.Name}' ({node.Op}) lacks its {what} input.");
        return ConstOf(node.Inputs[inputIndex])
            ?? throw new FaceCompatException($"Node '{node.Name}' ({node.Op}): a non-constant {what} is not supported by the ONNX converter.");
    }

    private Value ValueOf(string tensor)
    {
        var key = NodeOf(tensor);
        if (_values.TryGetValue(key, out var v)) return v;
        if (_consts.TryGetValue(key, out var c))
        {
            v = new Value { Native = EmitConst(c, c.Shape, c.Name), Rank = c.Rank, Kind = c.IsFloat ? ElementKind.Float : ElementKind.Int };
            _values[key] = v;
            return v;
        }
        throw new FaceCompatException($"Tensor '{tensor}' is not produced by a supported node (multi-output ops are not supported).");
    }

    private int RankOf(string tensor) => IsConst(tensor) ? ConstOf(tensor)!.Rank : ValueOf(tensor).Rank;

    /// <summary>The value in its TF layout, transposing back from NCHW if needed (once).</summary>
    private string Native(string tensor)
    {
        var v = ValueOf(tensor);
        if (v.Native is not null) return v.Native;
        v.Native = _b.AddNode("Transpose", [v.Nchw!], Fresh(NodeOf(tensor) + "/nhwc"), null, OnnxAttribute.Ints("perm", 0, 2, 3, 1));
        return v.Native;
    }

    /// <summary>A 4-D NHWC value in NCHW layout, transposing if needed (once).</summary>
    private string Nchw(string tensor, TfjsNode user)
    {
        var v = ValueOf(tensor);
        if (v.Nchw is not null) return v.Nchw;
        if (v.Rank != 4)
            throw new FaceCompatException($"Node '{user.Name}' ({user.Op}) needs a 4-D NHWC input, got rank {v.Rank}.");
        v.Nchw = _b.AddNode("Transpose", [v.Native!], Fresh(NodeOf(tensor) + "/nchw"), null, OnnxAttribute.Ints("perm", 0, 3, 1, 2));
        return v.Nchw;
    }

    /// <summary>
    /// An operand of an NCHW elementwise op: a rank-4 value in NCHW, a rank-0 value as is, or a
    /// constant whose shape is aligned to NHWC by broadcasting rules and permuted to NCHW.
    /// </summary>
    private string NchwOperand(string tensor, TfjsNode user)
    {
        var c = ConstOf(tensor);
        if (c is null) return RankOf(tensor) == 0 ? Native(tensor) : Nchw(tensor, user);
        if (c.Rank == 0) return ValueOf(tensor).Native!;
        var key = NodeOf(tensor) + "/nchw";
        if (_nchwConsts.TryGetValue(key, out var cached)) return cached;
        var shape4 = TensorData.PadLeft(c.Shape, 4);
        string name;
        if (c.IsFloat)
            name = _b.Constant(key, TensorData.Transpose(c.Floats!, shape4, TensorData.NhwcToNchw, out var s), s);
        else
        {
            var data = TensorData.Transpose(c.Ints!, shape4, TensorData.NhwcToNchw, out var s);
            name = _b.AddInitializer(Fresh(key), data, s);
        }
        _nchwConsts[key] = name;
        return name;
    }

    /// <summary>True when an NCHW form exists (or can be made) for every non-constant operand and at least one has it.</summary>
    private bool PreferNchw(IEnumerable<string> operands)
    {
        var any = false;
        foreach (var t in operands)
        {
            if (IsConst(t)) { if (ConstOf(t)!.Rank > 4) return false; continue; }
            var v = ValueOf(t);
            if (v.Rank == 0) continue;
            if (v.Rank != 4) return false;
            if (v.Nchw is not null) any = true;
        }
        return any;
    }

    private string EmitConst(TfjsTensor c, long[] shape, string hint) =>
        c.IsFloat ? _b.Constant(Hint(hint), c.Floats!, shape) : _b.AddInitializer(Fresh(hint), c.Ints!, shape);

    private string Int64Const(string hint, params long[] values) => _b.ConstantInt64(Hint(hint), values);

    private string ScalarConst(string hint, float value) => _b.Scalar(Hint(hint), value);

    /// <summary>A fresh ONNX value name close to <paramref name="hint"/>, never one kept for a graph input or output.</summary>
    private string Fresh(string hint) => _b.UniqueName(Hint(hint));

    private string Hint(string hint) => _reserved.Contains(hint) ? hint + "/value" : hint;

    private void SetNative(TfjsNode node, string onnxName, int rank, ElementKind kind = ElementKind.Float, int outputIndex = 0) =>
        _values[OutputKey(node, outputIndex)] = new Value { Native = onnxName, Rank = rank, Kind = kind };

    private void SetNchw(TfjsNode node, string onnxName, ElementKind kind = ElementKind.Float, int outputIndex = 0) =>
        _values[OutputKey(node, outputIndex)] = new Value { Nchw = onnxName, Rank = 4, Kind = kind };

    private static string OutputKey(TfjsNode node, int index) => index == 0 ? node.Name : $"{node.Name}:{index}";

    /// <summary>Number of elements of a 1-D tensor when known at conversion time (a shape vector's rank), else -1.</summary>
    private long LengthOf(string tensor) =>
        ConstOf(tensor) is { } c ? (c.Rank == 1 ? c.Shape[0] : -1) : ValueOf(tensor).Length;

    private ElementKind KindOf(string tensor) =>
        ConstOf(tensor) is { } c ? (c.IsFloat ? ElementKind.Float : ElementKind.Int) : ValueOf(tensor).Kind;

    /// <summary>An integer tensor as int64 (what ONNX wants for shapes, repeats, indices).</summary>
    private string Int64Of(string tensor, string hint)
    {
        if (ConstOf(tensor) is { IsFloat: false } c) return Int64Const(hint, c.ToInt64(hint));
        return _b.AddNode("Cast", [Native(tensor)], Fresh(hint), null, OnnxAttribute.Int("to", (long)DataType.Int64));
    }

    private string CastTo(string x, DataType type, string hint) =>
        _b.AddNode("Cast", [x], Fresh(hint), null, OnnxAttribute.Int("to", (long)type));

    private static FaceCompatException Unsupported(TfjsNode node, string? detail = null) =>
        new($"TF.js op '{node.Op}' (node '{node.Name}') is not supported by the ONNX converter{(detail is null ? "" : ": " + detail)}.");
}
