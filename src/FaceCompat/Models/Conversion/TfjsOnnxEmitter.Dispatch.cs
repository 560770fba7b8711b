namespace FaceCompat.Models.Conversion;

internal sealed partial class TfjsOnnxEmitter
{
    /// <summary>The TF ops this converter translates (the five face graphs' ops and their neighbours).</summary>
    public static readonly IReadOnlySet<string> SupportedOps = new SortedSet<string>(StringComparer.Ordinal)
    {
        "Const", "Placeholder", "Identity", "StopGradient", "Snapshot",
        "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative", "MaxPool", "AvgPool",
        "MatMul", "_FusedMatMul", "BiasAdd",
        "Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "Maximum", "Minimum", "Pow", "SquaredDifference", "AddN",
        "Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Prelu", "Sigmoid", "Tanh", "Softplus",
        "Abs", "Neg", "Exp", "Log", "Sqrt", "Rsqrt", "Square", "Reciprocal", "Floor", "Ceil", "Round", "Erf", "Cast",
        "Mean", "Sum", "Max", "Min", "Prod",
        "Pad", "PadV2", "MirrorPad", "Reshape", "Squeeze", "ExpandDims", "ConcatV2", "Pack", "StridedSlice", "Transpose",
        "Softmax", "LogSoftmax",
        "Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd", "LogicalOr", "LogicalNot",
        "FloorDiv", "FloorMod", "Atan2", "Sin", "Cos", "Tan", "Atan", "Sign", "ZerosLike", "OnesLike",
        "Select", "SelectV2", "Split", "SplitV", "Unpack", "Slice", "Tile", "Fill", "Range", "Shape", "GatherV2", "GatherNd",
        "ArgMax", "ArgMin", "BatchMatMul", "BatchMatMulV2", "ResizeBilinear", "ResizeNearestNeighbor", "DepthToSpace", "SpaceToDepth",
        "Conv2DBackpropInput",
    };

    private void EmitNode(TfjsNode node)
    {
        switch (node.Op)
        {
            case "Const":
                if (!_model.Weights.TryGetValue(node.Name, out var w))
                    throw new Infrastructure.FaceCompatException($"Constant '{node.Name}' has no entry in the weights manifest of {_model.SourcePath}.");
                _consts[node.Name] = w;
                break;
            case "Placeholder":
                if (!_values.ContainsKey(node.Name))
                    throw new Infrastructure.FaceCompatException($"Placeholder '{node.Name}' is used but is not a model input.");
                break;
            case "Identity" or "StopGradient" or "Snapshot":
                EmitIdentity(node);
                break;
            case "Conv2D" or "_FusedConv2D":
                EmitConv(node, depthwise: false);
                break;
            case "DepthwiseConv2dNative" or "FusedDepthwiseConv2dNative":
                EmitConv(node, depthwise: true);
                break;
            case "MaxPool" or "AvgPool":
                EmitPool(node);
                break;
            case "MatMul" or "_FusedMatMul":
                EmitMatMul(node);
                break;
            case "BiasAdd" or "Add" or "AddV2":
                EmitBinary(node, "Add");
                break;
            case "Sub": EmitBinary(node, "Sub"); break;
            case "Mul": EmitBinary(node, "Mul"); break;
            case "RealDiv" or "Div": EmitBinary(node, "Div"); break;
            case "Maximum": EmitBinary(node, "Max"); break;
            case "Minimum": EmitBinary(node, "Min"); break;
            case "Pow": EmitBinary(node, "Pow"); break;
            case "SquaredDifference": EmitBinary(node, "Sub", square: true); break;
            case "AddN": EmitBinary(node, "Sum"); break;
            case "Prelu": EmitBinary(node, "PRelu"); break;
            case "Equal": EmitBinary(node, "Equal"); break;
            case "NotEqual": EmitBinary(node, "Equal"); break;
            case "Greater": EmitBinary(node, "Greater"); break;
            case "GreaterEqual": EmitBinary(node, "GreaterOrEqual"); break;
            case "Less": EmitBinary(node, "Less"); break;
            case "LessEqual": EmitBinary(node, "LessOrEqual"); break;
            case "LogicalAnd": EmitBinary(node, "And"); break;
            case "LogicalOr": EmitBinary(node, "Or"); break;
            case "FloorDiv": EmitBinary(node, "Div"); break;
            case "FloorMod": EmitBinary(node, "Mod"); break;
            case "Atan2": EmitBinary(node, "Atan2"); break;
            case "Select" or "SelectV2": EmitSelect(node); break;
            case "Split" or "SplitV" or "Unpack": EmitSplit(node); break;
            case "Slice": EmitSlice(node); break;
            case "Tile": EmitTile(node); break;
            case "Fill": EmitFill(node); break;
            case "Range": EmitRange(node); break;
            case "Shape": EmitShape(node); break;
            case "GatherV2" or "GatherNd": EmitGather(node); break;
            case "ArgMax" or "ArgMin": EmitArgMax(node); break;
            case "BatchMatMul" or "BatchMatMulV2": EmitBatchMatMul(node); break;
            case "ResizeBilinear" or "ResizeNearestNeighbor": EmitResize(node); break;
            case "DepthToSpace" or "SpaceToDepth": EmitDepthToSpace(node); break;
            case "Conv2DBackpropInput": EmitConvTranspose(node); break;
            case "Relu" or "Relu6" or "Elu" or "Selu" or "LeakyRelu" or "Sigmoid" or "Tanh" or "Softplus"
                or "Abs" or "Neg" or "Exp" or "Log" or "Sqrt" or "Rsqrt" or "Square" or "Reciprocal"
                or "Floor" or "Ceil" or "Round" or "Erf" or "Cast" or "Sin" or "Cos" or "Tan" or "Atan" or "Sign"
                or "LogicalNot" or "ZerosLike" or "OnesLike":
                EmitUnary(node);
                break;
            case "Mean" or "Sum" or "Max" or "Min" or "Prod":
                EmitReduce(node);
                break;
            case "Pad" or "PadV2" or "MirrorPad":
                EmitPad(node);
                break;
            case "Reshape": EmitReshape(node); break;
            case "Squeeze": EmitSqueeze(node); break;
            case "ExpandDims": EmitExpandDims(node); break;
            case "ConcatV2": EmitConcat(node); break;
            case "Pack": EmitPack(node); break;
            case "StridedSlice": EmitStridedSlice(node); break;
            case "Transpose": EmitTranspose(node); break;
            case "Softmax" or "LogSoftmax": EmitSoftmax(node); break;
            default:
                throw Unsupported(node);
        }
    }

    private void EmitIdentity(TfjsNode node)
    {
        var input = node.Inputs[0];
        var c = ConstOf(input);
        if (c is not null) { _consts[node.Name] = c; return; }
        _values[node.Name] = ValueOf(input);
    }
}
