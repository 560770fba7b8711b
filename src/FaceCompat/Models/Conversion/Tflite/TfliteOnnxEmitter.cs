using FaceCompat.Infrastructure;
using FaceCompat.Models.Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FaceCompat.Models.Conversion.Tflite;

/// <summary>
/// Translates the operators of a TFLite subgraph that the requested outputs need into ONNX nodes.
/// As for TF.js, a 4-D activation may exist in TFLite's NHWC layout and/or in NCHW: convolutions and
/// pools work in NCHW, elementwise ops follow their inputs, and a Transpose is inserted only where an op
/// needs the other layout. Graph inputs and outputs keep NHWC and TFLite's tensor names. The batch
/// fixed in the file becomes symbolic; height and width too when the graph is fully convolutional.
/// </summary>
internal sealed partial class TfliteOnnxEmitter
{
    private sealed class Value
    {
        public string? Native;
        public string? Nchw;
        public int Rank;
    }

    private readonly TfliteModel _model;
    private readonly OnnxGraphBuilder _b;
    private readonly Dictionary<int, Value> _values = [];
    private readonly Dictionary<int, float[]> _floatConsts = [];
    private readonly Dictionary<int, string> _nchwConsts = [];
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private long _batch = -1;
    private bool _freeSize;

    public TfliteOnnxEmitter(TfliteModel model, OnnxGraphBuilder builder)
    {
        _model = model;
        _b = builder;
        foreach (var t in model.Tensors)
            if (t.Floats is not null) _floatConsts[t.Index] = t.Floats;
    }

    public byte[] Convert(IReadOnlyList<string>? requestedOutputs)
    {
        var outputs = ResolveOutputs(requestedOutputs);
        var operators = NeededOperators(outputs.Select(o => o.Tensor));
        foreach (var op in operators) CheckTensors(op);
        _freeSize = IsSizeFree(operators);
        foreach (var i in _model.Inputs) _reserved.Add(_model.Tensors[i].Name);
        foreach (var (name, _) in outputs) _reserved.Add(name);

        foreach (var i in _model.Inputs) AddGraphInput(_model.Tensors[i]);
        foreach (var op in operators) Emit(op);
        foreach (var (name, tensor) in outputs)
        {
            _b.AddNode("Identity", [Native(tensor)], output: name);
            var t = _model.Tensors[tensor];
            _b.AddOutput(name, ElementType(t, null), _freeSize ? null : BatchFree(t.Shape));
        }
        return _b.ToBytes();
    }

    /// <summary>TFLite declares its outputs; a caller may instead name any tensors (layer taps).</summary>
    private List<(string Name, int Tensor)> ResolveOutputs(IReadOnlyList<string>? requested)
    {
        if (requested is not { Count: > 0 })
            return _model.Outputs.Select(i => (_model.Tensors[i].Name, i)).ToList();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in _model.Tensors) byName.TryAdd(t.Name, t.Index);
        return requested.Select(name => byName.TryGetValue(name, out var i)
            ? (name, i)
            : throw new FaceCompatException($"Output '{name}' is not a tensor of {_model.SourcePath}.")).ToList();
    }

    /// <summary>The operators the outputs depend on, in the file's execution order.</summary>
    private List<TfliteOperator> NeededOperators(IEnumerable<int> outputs)
    {
        var producer = new Dictionary<int, TfliteOperator>();
        foreach (var op in _model.Operators)
            foreach (var o in op.Outputs) producer[o] = op;
        var needed = new HashSet<int>();
        var stack = new Stack<int>(outputs);
        var seen = new HashSet<int>();
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (t < 0 || !seen.Add(t) || !producer.TryGetValue(t, out var op)) continue;
            if (!needed.Add(op.Index)) continue;
            foreach (var i in op.Inputs) stack.Push(i);
        }
        return _model.Operators.Where(op => needed.Contains(op.Index)).ToList();
    }

    /// <summary>Quantised tensors are refused up front, naming the first one met.</summary>
    private void CheckTensors(TfliteOperator op)
    {
        foreach (var i in op.Inputs.Concat(op.Outputs))
        {
            if (i < 0) continue;
            var t = _model.Tensors[i];
            if (t.HasQuantisation || t.Type is TfliteTensorType.INT8 or TfliteTensorType.UINT8 or TfliteTensorType.INT16 or TfliteTensorType.INT4)
                throw new FaceCompatException(
                    $"{_model.SourcePath}: tensor '{t.Name}' (index {t.Index}, used by operator {op.Index} {op.Name}) is quantised " +
                    $"({TfliteNames.Type(t.Type)}{(t.HasQuantisation ? " with quantisation scales" : "")}); the TFLite converter only takes float32 " +
                    "models (float16 weights included), not quantised ones.");
        }
    }

    private void AddGraphInput(TfliteTensor t)
    {
        if (t.Type != TfliteTensorType.FLOAT32)
            throw new FaceCompatException($"{_model.SourcePath}: input '{t.Name}' is {TfliteNames.Type(t.Type)}; the TFLite converter takes float32 inputs only.");
        if (t.Rank > 0) _batch = t.Shape[0];
        var dims = BatchFree(t.Shape);
        if (_freeSize) { dims[1] = OnnxGraphBuilder.Batch; dims[2] = OnnxGraphBuilder.Batch; }
        _b.AddInput(t.Name, DataType.Float, dims);
        _values[t.Index] = new Value { Native = t.Name, Rank = t.Rank };
    }

    /// <summary>The shape with dimension 0 (the batch) symbolic.</summary>
    private static long[] BatchFree(int[] shape)
    {
        var dims = shape.Select(d => (long)d).ToArray();
        if (dims.Length > 0) dims[0] = OnnxGraphBuilder.Batch;
        return dims;
    }

    // ---- value access ----------------------------------------------------------------------

    private TfliteTensor Tensor(int index) => _model.Tensors[index];

    private float[]? FloatConst(int tensor) => _floatConsts.GetValueOrDefault(tensor);

    private bool IsConst(int tensor) => _floatConsts.ContainsKey(tensor) || Tensor(tensor).Ints is not null;

    private Value ValueOf(int tensor)
    {
        if (_values.TryGetValue(tensor, out var v)) return v;
        var t = Tensor(tensor);
        string name;
        if (FloatConst(tensor) is { } floats) name = _b.Constant(Hint(t.Name), floats, t.LongShape);
        else if (t.Ints is { } ints) name = _b.AddInitializer(Fresh(t.Name), ints, t.LongShape);
        else throw new FaceCompatException($"{_model.SourcePath}: tensor '{t.Name}' (index {tensor}) is neither a graph input, a constant nor an operator's output.");
        v = new Value { Native = name, Rank = t.Rank };
        _values[tensor] = v;
        return v;
    }

    private string Native(int tensor)
    {
        var v = ValueOf(tensor);
        if (v.Native is not null) return v.Native;
        v.Native = _b.AddNode("Transpose", [v.Nchw!], Fresh(Tensor(tensor).Name + "/nhwc"), null, OnnxAttribute.Ints("perm", 0, 2, 3, 1));
        return v.Native;
    }

    private string Nchw(int tensor, TfliteOperator user)
    {
        var v = ValueOf(tensor);
        if (v.Nchw is not null) return v.Nchw;
        if (v.Rank != 4) throw Unsupported(user, $"it needs a 4-D NHWC input, got rank {v.Rank}");
        v.Nchw = _b.AddNode("Transpose", [v.Native!], Fresh(Tensor(tensor).Name + "/nchw"), null, OnnxAttribute.Ints("perm", 0, 3, 1, 2));
        return v.Nchw;
    }

    /// <summary>An operand of an NCHW elementwise op: 4-D values in NCHW, constants broadcast to NHWC then permuted.</summary>
    private string NchwOperand(int tensor, TfliteOperator user)
    {
        if (FloatConst(tensor) is not { } c) return Tensor(tensor).Rank == 0 ? Native(tensor) : Nchw(tensor, user);
        var t = Tensor(tensor);
        if (t.Rank == 0) return Native(tensor);
        if (_nchwConsts.TryGetValue(tensor, out var cached)) return cached;
        var shape4 = TensorData.PadLeft(t.LongShape, 4);
        var name = _b.Constant(Hint(t.Name + "/nchw"), TensorData.Transpose(c, shape4, TensorData.NhwcToNchw, out var s), s);
        _nchwConsts[tensor] = name;
        return name;
    }

    /// <summary>True when every non-constant operand is 4-D, at least one is held in NCHW, and constants are float of rank ≤ 4.</summary>
    private bool PreferNchw(IEnumerable<int> operands)
    {
        var any = false;
        foreach (var t in operands)
        {
            if (IsConst(t)) { if (FloatConst(t) is null || Tensor(t).Rank > 4) return false; continue; }
            var v = ValueOf(t);
            if (v.Rank == 0) continue;
            if (v.Rank != 4) return false;
            if (v.Nchw is not null) any = true;
        }
        return any;
    }

    private void SetNative(int tensor, string name) => _values[tensor] = new Value { Native = name, Rank = Tensor(tensor).Rank };

    private void SetNchw(int tensor, string name) => _values[tensor] = new Value { Nchw = name, Rank = 4 };

    private string Fresh(string hint) => _b.UniqueName(Hint(hint));

    private string Hint(string hint) => _reserved.Contains(hint) ? hint + "/value" : hint;

    private DataType ElementType(TfliteTensor t, TfliteOperator? user) => t.Type switch
    {
        TfliteTensorType.FLOAT32 => DataType.Float,
        TfliteTensorType.INT32 => DataType.Int32,
        TfliteTensorType.BOOL => DataType.Bool,
        _ => throw new FaceCompatException($"{_model.SourcePath}: tensor '{t.Name}'{(user is null ? "" : $" of operator {user.Index} {user.Name}")} has type {TfliteNames.Type(t.Type)}, which the TFLite converter does not support."),
    };

    private FaceCompatException Unsupported(TfliteOperator op, string? detail = null) =>
        new($"{_model.SourcePath}: TFLite operator {op.Name} (operator {op.Index}, output '{(op.Outputs.Length > 0 && op.Outputs[0] >= 0 ? Tensor(op.Outputs[0]).Name : "?")}') is not supported by the ONNX converter{(detail is null ? "" : ": " + detail)}.");
}
