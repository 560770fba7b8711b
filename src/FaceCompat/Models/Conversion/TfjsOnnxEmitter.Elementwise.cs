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
        var result = _b.AddNode(onnxOp, names, Fresh(square ? node.Name + "/diff" : node.Name));
        if (square) result = _b.AddNode("Mul", [result, result], Fresh(node.Name));
        if (nchw) SetNchw(node, result); else SetNative(node, result, rank);
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
            _ => throw Unsupported(node),
        };
        if (nchw) SetNchw(node, result); else SetNative(node, result, v.Rank);
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
