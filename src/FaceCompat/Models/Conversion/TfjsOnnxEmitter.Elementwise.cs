using FaceCompat.Models.Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FaceCompat.Models.Conversion;

internal sealed partial class TfjsOnnxEmitter
{
    /// <summary>Broadcasting elementwise op on all inputs, in NCHW when the activations already are.</summary>
    private void EmitBinary(TfjsNode node, string onnxOp, bool square = false)
    {
        var operands = node.Inputs;
        if (operands.Length < 2 && onnxOp != "Sum") throw Unsupported(node, "expected two inputs");
        var nchw = PreferNchw(operands);
        var names = operands.Select(t => nchw ? NchwOperand(t, node) : Native(t)).ToArray();
        var rank = 0;
        foreach (var t in operands)
        {
            var r = RankOf(t);
            rank = r < 0 || rank < 0 ? -1 : Math.Max(rank, r);
        }
        var kinds = operands.Select(KindOf).ToArray();
        var kind = onnxOp is "Equal" or "Greater" or "GreaterOrEqual" or "Less" or "LessOrEqual" or "And" or "Or" ? ElementKind.Bool
            : kinds.All(k => k == ElementKind.Int) ? ElementKind.Int : ElementKind.Float;
        string result;
        switch (node.Op)
        {
            case "NotEqual":
                result = _b.AddNode("Not", [_b.AddNode("Equal", names, Fresh(node.Name + "/equal"))], Fresh(node.Name));
                kind = ElementKind.Bool;
                break;
            case "FloorDiv" when kind == ElementKind.Float:
                result = _b.AddNode("Floor", [_b.AddNode("Div", names, Fresh(node.Name + "/div"))], Fresh(node.Name));
                break;
            case "FloorMod" when kind == ElementKind.Float:
                // a - floor(a / b) * b, the sign of the divisor as TF.
                var q = _b.AddNode("Floor", [_b.AddNode("Div", names, Fresh(node.Name + "/div"))], Fresh(node.Name + "/floor"));
                result = _b.AddNode("Sub", [names[0], _b.AddNode("Mul", [q, names[1]], Fresh(node.Name + "/mul"))], Fresh(node.Name));
                break;
            case "FloorMod":
                result = _b.AddNode("Mod", names, Fresh(node.Name), null, OnnxAttribute.Int("fmod", 0));
                break;
            case "Atan2":
                result = Atan2(node, names[0], names[1]);
                break;
            default:
                result = _b.AddNode(onnxOp, names, Fresh(square ? node.Name + "/diff" : node.Name));
                if (square) result = _b.AddNode("Mul", [result, result], Fresh(node.Name));
                break;
        }
        if (nchw) SetNchw(node, result, kind); else SetNative(node, result, rank, kind);
    }

    /// <summary>atan(y / x), moved by ±pi where x &lt; 0 (ONNX has no Atan2).</summary>
    private string Atan2(TfjsNode node, string y, string x)
    {
        var atan = _b.AddNode("Atan", [_b.AddNode("Div", [y, x], Fresh(node.Name + "/ratio"))], Fresh(node.Name + "/atan"));
        var zero = ScalarConst("zero", 0f);
        var shift = _b.AddNode("Where", [_b.AddNode("Less", [y, zero], Fresh(node.Name + "/y_neg")), ScalarConst("minus_pi", -MathF.PI), ScalarConst("pi", MathF.PI)], Fresh(node.Name + "/pi"));
        var adjust = _b.AddNode("Where", [_b.AddNode("Less", [x, zero], Fresh(node.Name + "/x_neg")), shift, zero], Fresh(node.Name + "/adjust"));
        return _b.AddNode("Add", [atan, adjust], Fresh(node.Name));
    }

    /// <summary>Shape-preserving op: runs in whichever layout the input has (NCHW first).</summary>
    private void EmitUnary(TfjsNode node)
    {
        var v = ValueOf(node.Inputs[0]);
        var nchw = v.Nchw is not null;
        var x = nchw ? v.Nchw! : v.Native!;
        var output = Fresh(node.Name);
        var result = node.Op switch
        {
            "Relu" => _b.AddNode("Relu", [x], output),
            "Relu6" => _b.AddNode("Clip", [x, ScalarConst("zero", 0f), ScalarConst("six", 6f)], output),
            "Elu" => _b.AddNode("Elu", [x], output),
            "Selu" => _b.AddNode("Selu", [x], output),
            "LeakyRelu" => _b.AddNode("LeakyRelu", [x], output, null, OnnxAttribute.Float("alpha", node.Float("alpha", 0.2f))),
            "Sigmoid" => _b.AddNode("Sigmoid", [x], output),
            "Tanh" => _b.AddNode("Tanh", [x], output),
            "Softplus" => _b.AddNode("Softplus", [x], output),
            "Abs" => _b.AddNode("Abs", [x], output),
            "Neg" => _b.AddNode("Neg", [x], output),
            "Exp" => _b.AddNode("Exp", [x], output),
            "Log" => _b.AddNode("Log", [x], output),
            "Sqrt" => _b.AddNode("Sqrt", [x], output),
            "Rsqrt" => _b.AddNode("Reciprocal", [_b.AddNode("Sqrt", [x], Fresh(node.Name + "/sqrt"))], output),
            "Square" => _b.AddNode("Mul", [x, x], output),
            "Reciprocal" => _b.AddNode("Reciprocal", [x], output),
            "Floor" => _b.AddNode("Floor", [x], output),
            "Ceil" => _b.AddNode("Ceil", [x], output),
            "Round" => _b.AddNode("Round", [x], output),
            "Erf" => _b.AddNode("Erf", [x], output),
            "Cast" => _b.AddNode("Cast", [x], output, null, OnnxAttribute.Int("to", (long)OnnxType(node, node.Type("DstT")))),
            "Sin" => _b.AddNode("Sin", [x], output),
            "Cos" => _b.AddNode("Cos", [x], output),
            "Tan" => _b.AddNode("Tan", [x], output),
            "Atan" => _b.AddNode("Atan", [x], output),
            "Sign" => _b.AddNode("Sign", [x], output),
            "LogicalNot" => _b.AddNode("Not", [x], output),
            "ZerosLike" or "OnesLike" => v.Kind == ElementKind.Float
                ? _b.AddNode("ConstantOfShape", [_b.AddNode("Shape", [x], Fresh(node.Name + "/shape"))], output, null,
                    OnnxAttribute.Tensor("value", FloatScalarTensor(node.Op == "OnesLike" ? 1f : 0f)))
                : throw Unsupported(node, "only float tensors"),
            _ => throw Unsupported(node),
        };
        var kind = node.Op switch
        {
            "Cast" => node.Type("DstT") switch { "DT_FLOAT" or "DT_HALF" => ElementKind.Float, "DT_BOOL" => ElementKind.Bool, _ => ElementKind.Int },
            "LogicalNot" => ElementKind.Bool,
            _ => v.Kind,
        };
        if (nchw) SetNchw(node, result, kind); else SetNative(node, result, v.Rank, kind);
    }

    private static global::Onnx.TensorProto FloatScalarTensor(float value)
    {
        var t = new global::Onnx.TensorProto { DataType = (int)DataType.Float };
        t.Dims.Add(1);
        t.FloatData.Add(value);
        return t;
    }

    private static DataType OnnxType(TfjsNode node, string? tfType) => tfType switch
    {
        "DT_FLOAT" => DataType.Float,
        "DT_INT32" => DataType.Int32,
        "DT_INT64" => DataType.Int64,
        "DT_BOOL" => DataType.Bool,
        "DT_HALF" => DataType.Float16,
        "DT_UINT8" => DataType.Uint8,
        _ => throw Unsupported(node, $"dtype {tfType}"),
    };
}
