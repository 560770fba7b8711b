using FaceCompat.Models.Onnx;
using Onnx;

namespace FaceCompat.Models.Conversion;

internal sealed partial class TfjsOnnxEmitter
{
    private void EmitConv(TfjsNode node, bool depthwise)
    {
        RequireNhwc(node);
        var filter = RequireConst(node, 1, "filter");
        if (filter.Rank != 4 || !filter.IsFloat) throw Unsupported(node, "the filter must be a 4-D float constant");
        var (kh, kw, inC) = (filter.Shape[0], filter.Shape[1], filter.Shape[2]);

        long[] wShape;
        var weights = depthwise
            ? TensorData.DepthwiseFilter(filter.Floats!, filter.Shape, out wShape)
            : TensorData.ConvFilter(filter.Floats!, filter.Shape, out wShape);
        var outChannels = wShape[0];
        var inputs = new List<string> { Nchw(node.Inputs[0], node), _b.Constant(Hint(node.Name + "/weights"), weights, wShape) };

        var (fusedArgs, activation) = FusedParts(node);
        if (fusedArgs.Bias is { } biasTensor)
        {
            var bias = ConstOf(biasTensor);
            if (bias is null || bias.Count != outChannels) throw Unsupported(node, "the fused bias must be a constant with one value per output channel");
            inputs.Add(_b.Constant(Hint(node.Name + "/bias"), bias.ToFloat(), outChannels));
        }

        var strides = node.Ints("strides");
        var dilations = node.Ints("dilations");
        var attrs = new List<AttributeProto>
        {
            OnnxAttribute.Ints("kernel_shape", kh, kw),
            OnnxAttribute.Ints("strides", Spatial(strides, node)),
            OnnxAttribute.Ints("dilations", Spatial(dilations, node)),
            OnnxAttribute.Int("group", depthwise ? inC : 1),
        };
        attrs.AddRange(PaddingAttributes(node, kh, kw, strides, dilations));

        var conv = _b.AddNode("Conv", inputs, Fresh(activation is null ? node.Name : node.Name + "/conv"), null, attrs.ToArray());
        var result = activation is null ? conv : ApplyActivation(node, conv, activation, fusedArgs.Alpha, nchw: true);
        SetNchw(node, result);
    }

    private void EmitPool(TfjsNode node)
    {
        RequireNhwc(node);
        var k = node.Ints("ksize");
        var s = node.Ints("strides");
        if (k.Length != 4 || k[0] != 1 || k[3] != 1) throw Unsupported(node, "pooling over batch or channels");
        var attrs = new List<AttributeProto>
        {
            OnnxAttribute.Ints("kernel_shape", k[1], k[2]),
            OnnxAttribute.Ints("strides", Spatial(s, node)),
        };
        attrs.AddRange(PaddingAttributes(node, k[1], k[2], s, []));
        var op = node.Op == "MaxPool" ? "MaxPool" : "AveragePool";
        SetNchw(node, _b.AddNode(op, [Nchw(node.Inputs[0], node)], Fresh(node.Name), null, attrs.ToArray()));
    }

    private void EmitMatMul(TfjsNode node)
    {
        var a = Native(node.Inputs[0]);
        if (RankOf(node.Inputs[0]) != 2 || RankOf(node.Inputs[1]) != 2) throw Unsupported(node, "only 2-D matrix products are supported");
        if (node.Bool("transpose_a", false) || node.Bool("adj_x", false))
            a = _b.AddNode("Transpose", [a], Fresh(node.Name + "/a_t"), null, OnnxAttribute.Ints("perm", 1, 0));
        var transposeB = node.Bool("transpose_b", false) || node.Bool("adj_y", false);
        string b;
        var bConst = ConstOf(node.Inputs[1]);
        if (bConst is { IsFloat: true } && transposeB)
            b = _b.Constant(Hint(node.Name + "/b_t"), TensorData.Transpose(bConst.Floats!, bConst.Shape, [1, 0], out var ts), ts);
        else
        {
            b = Native(node.Inputs[1]);
            if (transposeB) b = _b.AddNode("Transpose", [b], Fresh(node.Name + "/b_t"), null, OnnxAttribute.Ints("perm", 1, 0));
        }

        var (fusedArgs, activation) = node.Op == "_FusedMatMul" ? FusedParts(node) : (new FusedArgs(null, null), null);
        var product = _b.AddNode("MatMul", [a, b], Fresh(fusedArgs.Bias is null && activation is null ? node.Name : node.Name + "/matmul"));
        if (fusedArgs.Bias is { } bias)
            product = _b.AddNode("Add", [product, Native(bias)], Fresh(activation is null ? node.Name : node.Name + "/bias"));
        if (activation is not null) product = ApplyActivation(node, product, activation, fusedArgs.Alpha, nchw: false);
        SetNative(node, product, 2);
    }

    private readonly record struct FusedArgs(string? Bias, string? Alpha);

    /// <summary>Reads <c>fused_ops</c> as TF.js does: [BiasAdd?, activation?] with args [bias?, prelu alpha?].</summary>
    private (FusedArgs Args, string? Activation) FusedParts(TfjsNode node)
    {
        if (!node.Op.StartsWith("_Fused", StringComparison.Ordinal) && !node.Op.StartsWith("Fused", StringComparison.Ordinal))
            return (new FusedArgs(null, null), null);
        var ops = node.Strings("fused_ops").Select(o => o.ToLowerInvariant()).ToArray();
        var args = node.Inputs.Skip(2).ToArray();
        if (ops.Length == 0) return (new FusedArgs(null, null), null);
        if (ops[0] == "fusedbatchnorm") throw Unsupported(node, "fused_ops FusedBatchNorm");
        var hasBias = ops[0] == "biasadd";
        var activation = hasBias ? (ops.Length > 1 ? ops[1] : null) : ops[0];
        if (ops.Length > 2) throw Unsupported(node, $"fused_ops [{string.Join(", ", ops)}]");
        string? bias = hasBias ? args.ElementAtOrDefault(0) : null;
        string? alpha = activation == "prelu" ? args.ElementAtOrDefault(hasBias ? 1 : 0) : null;
        if (hasBias && bias is null) throw Unsupported(node, "BiasAdd without its bias argument");
        if (activation == "prelu" && alpha is null) throw Unsupported(node, "Prelu without its alpha argument");
        return (new FusedArgs(bias, alpha), activation);
    }

    /// <summary>Applies a fused activation (relu, relu6, elu, sigmoid, tanh, leakyrelu, prelu).</summary>
    private string ApplyActivation(TfjsNode node, string x, string activation, string? alphaTensor, bool nchw)
    {
        var output = Fresh(node.Name);
        return activation switch
        {
            "relu" => _b.AddNode("Relu", [x], output),
            "relu6" => _b.AddNode("Clip", [x, ScalarConst("zero", 0f), ScalarConst("six", 6f)], output),
            "elu" => _b.AddNode("Elu", [x], output),
            "sigmoid" => _b.AddNode("Sigmoid", [x], output),
            "tanh" => _b.AddNode("Tanh", [x], output),
            "leakyrelu" => _b.AddNode("LeakyRelu", [x], output, null, OnnxAttribute.Float("alpha", node.Float("leakyrelu_alpha", 0.2f))),
            "prelu" => _b.AddNode("PRelu", [x, nchw ? NchwOperand(alphaTensor!, node) : Native(alphaTensor!)], output),
            _ => throw Unsupported(node, $"fused activation '{activation}'"),
        };
    }

    private static void RequireNhwc(TfjsNode node)
    {
        var format = node.String("data_format");
        if (!string.IsNullOrEmpty(format) && format != "NHWC") throw Unsupported(node, $"data_format {format}");
    }

    private static long[] Spatial(long[] nhwc, TfjsNode node)
    {
        if (nhwc.Length == 0) return [1, 1];
        if (nhwc.Length != 4 || nhwc[0] != 1 || nhwc[3] != 1) throw Unsupported(node, "strides/dilations must be [1, h, w, 1]");
        return [nhwc[1], nhwc[2]];
    }

    /// <summary>
    /// TF SAME = ONNX SAME_UPPER (extra padding at the end). ONNX Runtime refuses SAME_UPPER with
    /// dilations; TF allows dilation only with stride 1, where SAME's padding does not depend on the
    /// input size, so it is written out. EXPLICIT pads come from explicit_paddings.
    /// </summary>
    private static IEnumerable<AttributeProto> PaddingAttributes(TfjsNode node, long kh, long kw, long[] strides, long[] dilations)
    {
        switch (node.String("padding"))
        {
            case "SAME":
                var (sh, sw) = strides.Length == 4 ? (strides[1], strides[2]) : (1L, 1L);
                var (dh, dw) = dilations.Length == 4 ? (dilations[1], dilations[2]) : (1L, 1L);
                if (dh == 1 && dw == 1) return [OnnxAttribute.String("auto_pad", "SAME_UPPER")];
                if (sh != 1 || sw != 1) throw Unsupported(node, "dilations together with strides");
                var (th, tw) = ((kh - 1) * dh, (kw - 1) * dw);
                return [OnnxAttribute.Ints("pads", th / 2, tw / 2, th - th / 2, tw - tw / 2)];
            case "VALID" or null or "": return [OnnxAttribute.Ints("pads", 0, 0, 0, 0)];
            case "EXPLICIT":
                var p = node.Ints("explicit_paddings");
                if (p.Length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) throw Unsupported(node, "explicit_paddings must pad only H and W");
                return [OnnxAttribute.Ints("pads", p[2], p[4], p[3], p[5])];
            default: throw Unsupported(node, $"padding {node.String("padding")}");
        }
    }
}
