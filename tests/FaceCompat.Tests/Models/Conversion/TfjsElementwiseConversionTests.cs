using FaceCompat.Models.Conversion;

namespace FaceCompat.Tests.Models.Conversion;

/// <summary>
/// Elementwise, reduction and shape ops, both on NHWC activations that the converter keeps in NCHW
/// (after a convolution) and on plain tensors, against hand computations.
/// </summary>
public class TfjsElementwiseConversionTests
{
    private const int N = 2, H = 3, W = 4, C = 3;

    /// <summary>A 1x1 identity convolution puts the activations into the converter's NCHW form.</summary>
    private static TfjsTestModel ImageModel() => new TfjsTestModel()
        .Placeholder("x", -1, H, W, C)
        .Const("eye", [1, 0, 0, 0, 1, 0, 0, 0, 1], 1, 1, C, C)
        .Node("conv", "Conv2D", ["x", "eye"], Attr.Padding("VALID"), Attr.Strides(1, 1), Attr.Nhwc);

    private static (float[] X, Dictionary<string, (float[] Values, int[] Shape)> Out) RunImage(TfjsTestModel model, float low = -2, float high = 2)
    {
        var x = OnnxRun.Random(N * H * W * C, 11, low, high);
        using var dir = new TempDirectory();
        return (x, OnnxRun.Run(TfjsGraphConverter.Convert(model.Write(dir.Path)), "x", x, N, H, W, C));
    }

    [Fact]
    public void BinaryOpsBroadcastChannelConstantsAndScalarsInNchw()
    {
        float[] scale = [0.5f, -1f, 2f], shift = [1f, 2f, 3f];
        var model = ImageModel()
            .Const("scale", scale, C).Const("shift", shift, 1, 1, 1, C).Const("floor", [-0.25f])
            .Node("mul", "Mul", ["conv", "scale"])
            .Node("add", "AddV2", ["shift", "mul"])
            .Node("sub", "Sub", ["add", "conv"])
            .Node("max", "Maximum", ["sub", "floor"])
            .Node("min", "Minimum", ["max", "conv"])
            .Node("div", "RealDiv", ["min", "shift"])
            .Node("bias", "BiasAdd", ["div", "scale"], Attr.Nhwc)
            .Node("sqd", "SquaredDifference", ["bias", "conv"]);
        var (x, outputs) = RunImage(model);
        var expected = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var ch = i % C;
            var v = x[i] * scale[ch] + shift[ch] - x[i];
            v = Math.Min(Math.Max(v, -0.25f), x[i]) / shift[ch] + scale[ch];
            expected[i] = (v - x[i]) * (v - x[i]);
        }
        Assert.Equal([N, H, W, C], outputs["sqd"].Shape);
        OnnxRun.AssertClose(expected, outputs["sqd"].Values);
    }

    [Fact]
    public void UnaryOpsAndThePreluBranchPatternMatch()
    {
        // mobilefacenet's PReLU: relu(x) + alpha * (x - |x|) * 0.5
        float[] alpha = [0.1f, 0.2f, 0.3f];
        var model = ImageModel()
            .Const("alpha", alpha, C).Const("half", [0.5f])
            .Node("relu", "Relu", ["conv"]).Node("abs", "Abs", ["conv"])
            .Node("neg_part", "Sub", ["conv", "abs"]).Node("scaled", "Mul", ["neg_part", "alpha"]).Node("halved", "Mul", ["scaled", "half"])
            .Node("prelu_like", "Add", ["relu", "halved"])
            .Node("prelu", "Prelu", ["conv", "alpha"])
            .Node("diff", "Sub", ["prelu_like", "prelu"])
            .Node("relu6", "Relu6", ["conv"]).Node("sig", "Sigmoid", ["relu6"]).Node("tanh", "Tanh", ["sig"])
            .Node("sq", "Square", ["tanh"]).Node("rsqrt", "Rsqrt", ["sq"]).Node("neg", "Neg", ["rsqrt"]).Node("exp", "Exp", ["neg"])
            .Node("elu", "Elu", ["conv"]).Node("leaky", "LeakyRelu", ["conv"], ("alpha", Attr.F(0.3f)))
            .Node("mix", "AddN", ["exp", "elu", "leaky"], ("N", Attr.I(3)));
        var (x, outputs) = RunImage(model, -8, 8);
        var mix = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i];
            var t = Math.Tanh(1 / (1 + Math.Exp(-Math.Clamp(v, 0, 6))));
            mix[i] = (float)(Math.Exp(-1 / Math.Sqrt(t * t)) + (v > 0 ? v : Math.Exp(v) - 1) + (v > 0 ? v : 0.3 * v));
        }
        OnnxRun.AssertClose(new float[x.Length], outputs["diff"].Values, 1e-6);
        OnnxRun.AssertClose(mix, outputs["mix"].Values);
    }

    [Fact]
    public void ReductionsSqueezeAndL2NormalisationMatch()
    {
        // mobilefacenet's tail: squeeze, then x * rsqrt(max(sum(x^2), eps)); plus a Mean over H, W.
        var model = ImageModel()
            .ConstInt("hw", [1, 2], 2).ConstInt("last", [-1], 1).Const("eps", [1e-10f])
            .Node("mean", "Mean", ["conv", "hw"], ("keep_dims", Attr.B(false)))
            .Node("sq", "Square", ["mean"]).Node("sum", "Sum", ["sq", "last"], ("keep_dims", Attr.B(true)))
            .Node("maxed", "Maximum", ["sum", "eps"]).Node("rs", "Rsqrt", ["maxed"]).Node("embeddings", "Mul", ["mean", "rs"])
            .Node("chan_max", "Max", ["conv", "last"], ("keep_dims", Attr.B(true)))
            .Node("centred", "Sub", ["conv", "chan_max"])
            .Node("pooled", "Mean", ["centred", "hw"], ("keep_dims", Attr.B(true)))
            .Node("squeezed", "Squeeze", ["pooled"], ("squeeze_dims", Attr.Ints(1, 2)));
        var (x, outputs) = RunImage(model);

        var mean = new double[N * C];
        var pooled = new double[N * C];
        for (var b = 0; b < N; b++)
        for (var p = 0; p < H * W; p++)
        {
            var row = (b * H * W + p) * C;
            var max = Math.Max(x[row], Math.Max(x[row + 1], x[row + 2]));
            for (var ch = 0; ch < C; ch++)
            {
                mean[b * C + ch] += x[row + ch] / (double)(H * W);
                pooled[b * C + ch] += (x[row + ch] - max) / (double)(H * W);
            }
        }
        var embeddings = new float[N * C];
        for (var b = 0; b < N; b++)
        {
            var norm = Math.Sqrt(mean[b * C] * mean[b * C] + mean[b * C + 1] * mean[b * C + 1] + mean[b * C + 2] * mean[b * C + 2]);
            for (var ch = 0; ch < C; ch++) embeddings[b * C + ch] = (float)(mean[b * C + ch] / norm);
        }
        Assert.Equal([N, C], outputs["embeddings"].Shape);
        OnnxRun.AssertClose(embeddings, outputs["embeddings"].Values);
        Assert.Equal([N, C], outputs["squeezed"].Shape);
        OnnxRun.AssertClose(pooled.Select(v => (float)v).ToArray(), outputs["squeezed"].Values);
    }

    [Fact]
    public void PadBeforeConvolutionAndConcatInNchw()
    {
        var model = new TfjsTestModel()
            .Placeholder("x", -1, H, W, C)
            .ConstInt("paddings", [0, 0, 1, 0, 0, 2, 0, 1], 4, 2)
            .Node("pad", "Pad", ["x", "paddings"])
            .Const("eye", [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 1, 1, C + 1, C + 1)
            .Node("conv", "Conv2D", ["pad", "eye"], Attr.Padding("VALID"), Attr.Strides(1, 1), Attr.Nhwc)
            .ConstInt("axis", [3], 1)
            .Node("concat", "ConcatV2", ["conv", "conv", "axis"], ("N", Attr.I(2)));
        var (x, outputs) = RunImage(model);
        Assert.Equal([N, H + 1, W + 2, 2 * (C + 1)], outputs["concat"].Shape);
        var y = outputs["concat"].Values;
        var cOut = 2 * (C + 1);
        for (var b = 0; b < N; b++)
        for (var i = 0; i < H + 1; i++)
        for (var j = 0; j < W + 2; j++)
        for (var ch = 0; ch < cOut; ch++)
        {
            var c4 = ch % (C + 1);
            var expected = i >= 1 && j < W && c4 < C ? x[((b * H + i - 1) * W + j) * C + c4] : 0f;
            Assert.Equal(expected, y[((b * (H + 1) + i) * (W + 2) + j) * cOut + ch], 5);
        }
    }

    [Fact]
    public void MatMulReshapeTransposeSliceAndSoftmaxOnPlainTensors()
    {
        const int rows = 2, k = 6, m = 4;
        var weights = OnnxRun.Random(m * k, 21);   // stored [m, k]: transpose_b
        var bias = OnnxRun.Random(m, 22);
        var model = new TfjsTestModel()
            .Placeholder("x", -1, k)
            .Const("w", weights, m, k).Const("b", bias, m)
            .Node("fc", "_FusedMatMul", ["x", "w", "b"], ("transpose_b", Attr.B(true)), ("transpose_a", Attr.B(false)),
                ("fused_ops", Attr.Strings("BiasAdd", "Relu")), ("num_args", Attr.I(1)))
            .ConstInt("shape", [-1, 2, 2], 3).Node("reshaped", "Reshape", ["fc", "shape"])
            .ConstInt("perm", [0, 2, 1], 3).Node("transposed", "Transpose", ["reshaped", "perm"])
            .ConstInt("begin", [0, 1, 0], 3).ConstInt("end", [0, 2, 2], 3).ConstInt("stride", [1, 1, 1], 3)
            .Node("slice", "StridedSlice", ["transposed", "begin", "end", "stride"],
                ("begin_mask", Attr.I(1)), ("end_mask", Attr.I(1)), ("shrink_axis_mask", Attr.I(2)), ("ellipsis_mask", Attr.I(0)), ("new_axis_mask", Attr.I(0)))
            .Node("soft", "Softmax", ["slice"])
            .ConstInt("zero", [0], 1).Node("expanded", "ExpandDims", ["soft", "zero"])
            .Node("packed", "Pack", ["soft", "slice"], ("axis", Attr.I(1)), ("N", Attr.I(2)));
        var x = OnnxRun.Random(rows * k, 23);
        using var dir = new TempDirectory();
        var options = new TfjsConversionOptions { Outputs = ["slice", "soft:0", "expanded", "packed"] };
        var outputs = OnnxRun.Run(TfjsGraphConverter.Convert(model.Write(dir.Path), options), "x", x, rows, k);

        var fc = new float[rows * m];
        for (var r = 0; r < rows; r++)
        for (var o = 0; o < m; o++)
        {
            double s = bias[o];
            for (var i = 0; i < k; i++) s += x[r * k + i] * weights[o * k + i];
            fc[r * m + o] = (float)Math.Max(s, 0);
        }
        // reshaped[r][a][b] = fc[r][2a+b]; transposed[r][b][a]; slice takes b = 1: [fc[r][1], fc[r][3]].
        var slice = new float[rows * 2];
        var soft = new float[rows * 2];
        for (var r = 0; r < rows; r++)
        {
            slice[r * 2] = fc[r * m + 1];
            slice[r * 2 + 1] = fc[r * m + 3];
            var e0 = Math.Exp(slice[r * 2]); var e1 = Math.Exp(slice[r * 2 + 1]);
            soft[r * 2] = (float)(e0 / (e0 + e1)); soft[r * 2 + 1] = (float)(e1 / (e0 + e1));
        }
        Assert.Equal([rows, 2], outputs["slice"].Shape);
        OnnxRun.AssertClose(slice, outputs["slice"].Values);
        OnnxRun.AssertClose(soft, outputs["soft:0"].Values);
        Assert.Equal([1, rows, 2], outputs["expanded"].Shape);
        Assert.Equal([rows, 2, 2], outputs["packed"].Shape);
        OnnxRun.AssertClose([soft[0], soft[1], slice[0], slice[1], soft[2], soft[3], slice[2], slice[3]], outputs["packed"].Values);
    }
}
