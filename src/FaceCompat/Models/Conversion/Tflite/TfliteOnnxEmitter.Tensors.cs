using FaceCompat.Models.Onnx;
using Onnx;

namespace FaceCompat.Models.Conversion.Tflite;

internal sealed partial class TfliteOnnxEmitter
{
    private static readonly int[] NhwcAxisInNchw = [0, 2, 3, 1];

    /// <summary>Elementwise binary op (numpy broadcasting, as TFLite); AddOptions/SubOptions/MulOptions/DivOptions field 0 is the fused activation.</summary>
    private void EmitBinary(TfliteOperator op, string onnxOp, int activationField)
    {
        var operands = op.Inputs.Take(2).ToArray();
        var activation = activationField >= 0 ? (TfliteActivation)(op.Options?.SByte(activationField) ?? 0) : TfliteActivation.NONE;
        var name = Tensor(op.Outputs[0]).Name;
        var output = Fresh(activation == TfliteActivation.NONE ? name : name + "/" + onnxOp.ToLowerInvariant());
        if (PreferNchw(operands))
            SetNchw(op.Outputs[0], Activate(op, _b.AddNode(onnxOp, operands.Select(t => NchwOperand(t, op)).ToArray(), output), activation));
        else
            SetNative(op.Outputs[0], Activate(op, _b.AddNode(onnxOp, operands.Select(Native).ToArray(), output), activation));
    }

    /// <summary>An op applied element by element: it keeps whichever layout its input is held in.</summary>
    private void EmitUnary(TfliteOperator op, string onnxOp, params AttributeProto[] attributes)
    {
        var v = ValueOf(op.Inputs[0]);
        var name = Fresh(Tensor(op.Outputs[0]).Name);
        if (v.Native is null && v.Nchw is not null) SetNchw(op.Outputs[0], _b.AddNode(onnxOp, [v.Nchw], name, null, attributes));
        else SetNative(op.Outputs[0], _b.AddNode(onnxOp, [Native(op.Inputs[0])], name, null, attributes));
    }

    /// <summary>The constant axes of SUM / REDUCE_MAX, made non-negative.</summary>
    private int[] ReduceAxes(TfliteOperator op)
    {
        var axes = Tensor(op.Inputs[1]).Ints ?? throw Unsupported(op, "the axes must be a constant");
        var rank = Tensor(op.Inputs[0]).Rank;
        return axes.Select(a => Axis(a, rank)).ToArray();
    }

    private static int Axis(int axis, int rank) => axis < 0 ? axis + rank : axis;

    // ReducerOptions: keep_dims 0. ONNX opset 17 takes ReduceSum's axes as an input, ReduceMax's as an attribute.
    private void EmitReduce(TfliteOperator op, string onnxOp, bool axesAsInput)
    {
        var keepDims = op.Options?.Bool(0) ?? false;
        var axes = ReduceAxes(op);
        var v = ValueOf(op.Inputs[0]);
        var nchw = keepDims && v.Rank == 4 && v.Nchw is not null;
        var x = nchw ? v.Nchw! : Native(op.Inputs[0]);
        var onnxAxes = axes.Select(a => (long)(nchw ? NhwcAxisInNchw[a] : a)).ToArray();
        var name = Fresh(Tensor(op.Outputs[0]).Name);
        var keep = OnnxAttribute.Int("keepdims", keepDims ? 1 : 0);
        var result = axesAsInput
            ? _b.AddNode(onnxOp, [x, _b.ConstantInt64(Hint(name + "/axes"), onnxAxes)], name, null, keep)
            : _b.AddNode(onnxOp, [x], name, null, OnnxAttribute.Ints("axes", onnxAxes), keep);
        if (nchw) SetNchw(op.Outputs[0], result); else SetNative(op.Outputs[0], result);
    }

    // ConcatenationOptions: axis 0, activation 1.
    private void EmitConcat(TfliteOperator op)
    {
        var rank = Tensor(op.Outputs[0]).Rank;
        var axis = Axis(op.Options?.Int(0) ?? 0, rank);
        var activation = (TfliteActivation)(op.Options?.SByte(1) ?? 0);
        var name = Tensor(op.Outputs[0]).Name;
        var output = Fresh(activation == TfliteActivation.NONE ? name : name + "/concat");
        if (rank == 4 && PreferNchw(op.Inputs))
            SetNchw(op.Outputs[0], Activate(op, _b.AddNode("Concat", op.Inputs.Select(t => NchwOperand(t, op)).ToArray(), output, null,
                OnnxAttribute.Int("axis", NhwcAxisInNchw[axis])), activation));
        else
            SetNative(op.Outputs[0], Activate(op, _b.AddNode("Concat", op.Inputs.Select(Native).ToArray(), output, null,
                OnnxAttribute.Int("axis", axis)), activation));
    }

    /// <summary>
    /// RESHAPE to the constant shape (second input, else ReshapeOptions.new_shape). A leading dimension
    /// equal to the batch baked into the file becomes 0 (ONNX: "copy the input's dimension 0"), so the
    /// batch stays symbolic; this is what ties MobileFaceNet's [2,1,1,192] -> [2,192] squeeze to batch 2.
    /// </summary>
    private void EmitReshape(TfliteOperator op)
    {
        var shape = (op.Inputs.Length > 1 && op.Inputs[1] >= 0 ? Tensor(op.Inputs[1]).Ints : op.Options?.Ints(0))
            ?? throw Unsupported(op, "the new shape must be a constant");
        var dims = shape.Select(d => (long)d).ToArray();
        var input = Tensor(op.Inputs[0]);
        if (dims.Length > 0 && input.Rank > 0 && dims[0] == _batch && input.Shape[0] == _batch) dims[0] = 0;
        var name = Fresh(Tensor(op.Outputs[0]).Name);
        SetNative(op.Outputs[0], _b.AddNode("Reshape", [Native(op.Inputs[0]), _b.ConstantInt64(Hint(name + "/shape"), dims)], name));
    }

    // StridedSliceOptions: begin_mask 0, end_mask 1, ellipsis_mask 2, new_axis_mask 3, shrink_axis_mask 4, offset 5.
    private void EmitStridedSlice(TfliteOperator op)
    {
        var o = op.Options;
        if (o is { } opts && (opts.Int(2) != 0 || opts.Int(3) != 0 || opts.Int(4) != 0 || opts.Bool(5)))
            throw Unsupported(op, "ellipsis, new-axis or shrink-axis masks, or offset");
        var (beginMask, endMask) = (o?.Int(0) ?? 0, o?.Int(1) ?? 0);
        int[] Const(int i, string what) => Tensor(op.Inputs[i]).Ints ?? throw Unsupported(op, $"{what} must be a constant");
        var (begin, end, strides) = (Const(1, "begin"), Const(2, "end"), Const(3, "strides"));
        var input = Tensor(op.Inputs[0]);
        var rank = begin.Length;
        var (starts, ends, steps) = (new long[rank], new long[rank], new long[rank]);
        for (var a = 0; a < rank; a++)
        {
            steps[a] = strides[a];
            starts[a] = (beginMask >> a & 1) != 0 ? (strides[a] > 0 ? 0 : long.MaxValue) : begin[a];
            ends[a] = (endMask >> a & 1) != 0 ? (strides[a] > 0 ? long.MaxValue : long.MinValue) : end[a];
            // A slice of the whole fixed batch keeps the batch free.
            if (a == 0 && input.Rank > 0 && starts[0] == 0 && steps[0] == 1 && ends[0] == _batch && input.Shape[0] == _batch) ends[0] = long.MaxValue;
        }
        var name = Fresh(Tensor(op.Outputs[0]).Name);
        SetNative(op.Outputs[0], _b.AddNode("Slice", [Native(op.Inputs[0]), _b.ConstantInt64(Hint(name + "/starts"), starts),
            _b.ConstantInt64(Hint(name + "/ends"), ends), _b.ConstantInt64(Hint(name + "/axes"), Enumerable.Range(0, rank).Select(i => (long)i).ToArray()),
            _b.ConstantInt64(Hint(name + "/steps"), steps)], name));
    }

    /// <summary>
    /// DEQUANTIZE of a float16 constant (float16-weight exports) is folded: its output is the same
    /// values as a float32 constant. Dequantising anything else means a quantised model, which is refused.
    /// </summary>
    private void EmitDequantize(TfliteOperator op)
    {
        var input = Tensor(op.Inputs[0]);
        if (input.Type != TfliteTensorType.FLOAT16 || input.Floats is null)
            throw Unsupported(op, $"only float16 constants can be dequantised, not a {TfliteNames.Type(input.Type)} {(input.IsConstant ? "constant" : "tensor")} (quantised models are not supported)");
        _floatConsts[op.Outputs[0]] = input.Floats;
    }
}
