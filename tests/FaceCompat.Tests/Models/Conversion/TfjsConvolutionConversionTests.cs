using FaceCompat.Models.Conversion;
using static FaceCompat.Tests.Models.Conversion.NhwcReference;

namespace FaceCompat.Tests.Models.Conversion;

/// <summary>Conv2D, depthwise, fused and pooling ops converted to ONNX equal a plain NHWC computation.</summary>
public class TfjsConvolutionConversionTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, string> ConvCases => new()
    {
        // h, w, c, k(h=w), stride, dilation, last (outC or multiplier), batch, padding
        { 7, 6, 3, 3, 2, 1, 4, 2, "SAME" },
        { 8, 8, 2, 3, 2, 1, 3, 1, "SAME" },
        { 8, 8, 2, 1, 2, 1, 3, 1, "SAME" },
        { 9, 7, 2, 3, 1, 2, 3, 1, "SAME" },
        { 9, 9, 3, 5, 2, 1, 2, 2, "VALID" },
        { 6, 5, 2, 3, 1, 1, 2, 1, "EXPLICIT" },
    };

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2DMatchesHandComputation(int h, int w, int c, int k, int stride, int dilation, int outC, int n, string padding) =>
        CheckConv("Conv2D", h, w, c, k, stride, dilation, outC, n, padding, depthwise: false);

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void DepthwiseConvMatchesHandComputation(int h, int w, int c, int k, int stride, int dilation, int mult, int n, string padding) =>
        CheckConv("DepthwiseConv2dNative", h, w, c, k, stride, dilation, mult, n, padding, depthwise: true);

    private static void CheckConv(string op, int h, int w, int c, int k, int stride, int dilation, int last, int n, string padding, bool depthwise)
    {
        var x = OnnxRun.Random(n * h * w * c, 1);
        var filter = OnnxRun.Random(k * k * c * last, 2);
        var pads = padding switch
        {
            "SAME" => Same(h, w, k, k, stride, stride, dilation, dilation),
            "VALID" => new Pads(0, 0, 0, 0),
            _ => new Pads(1, 2, 0, 1),
        };
        var attrs = new List<(string, System.Text.Json.Nodes.JsonNode)> { Attr.Padding(padding), Attr.Strides(stride, stride), Attr.Dilations(dilation, dilation), Attr.Nhwc };
        if (padding == "EXPLICIT") attrs.Add(("explicit_paddings", Attr.Ints(0, 0, 1, 2, 0, 1, 0, 0)));
        using var dir = new TempDirectory();
        var path = new TfjsTestModel()
            .Placeholder("x", -1, h, w, c)
            .Const("filter", filter, k, k, c, last)
            .Node("conv", op, ["x", "filter"], attrs.ToArray())
            .Write(dir.Path);

        var outputs = OnnxRun.Run(TfjsGraphConverter.Convert(path), "x", x, n, h, w, c);
        var expected = Conv(x, n, h, w, c, filter, k, k, last, stride, stride, dilation, dilation, pads, depthwise, out var oh, out var ow, out var oc);
        Assert.Equal([n, oh, ow, oc], outputs["conv"].Shape);
        OnnxRun.AssertClose(expected, outputs["conv"].Values, 1e-5);
    }

    [Theory]
    [InlineData("_FusedConv2D", "BiasAdd")]
    [InlineData("_FusedConv2D", "BiasAdd,Relu")]
    [InlineData("_FusedConv2D", "BiasAdd,Relu6")]
    [InlineData("_FusedConv2D", "BiasAdd,Prelu")]
    [InlineData("_FusedConv2D", "BiasAdd,LeakyRelu")]
    [InlineData("FusedDepthwiseConv2dNative", "BiasAdd,Relu")]
    [InlineData("FusedDepthwiseConv2dNative", "BiasAdd,Prelu")]
    public void FusedConvAppliesBiasAndActivation(string op, string fused)
    {
        const int n = 1, h = 5, w = 5, c = 2, k = 3, last = 2;
        var depthwise = op.Contains("Depthwise");
        var oc = depthwise ? c * last : last;
        var x = OnnxRun.Random(n * h * w * c, 3, -4, 4);
        var filter = OnnxRun.Random(k * k * c * last, 4, -2, 2);
        var bias = OnnxRun.Random(oc, 5);
        var alpha = OnnxRun.Random(oc, 6, 0.05f, 0.5f);
        var ops = fused.Split(',');
        var model = new TfjsTestModel().Placeholder("x", -1, h, w, c).Const("filter", filter, k, k, c, last).Const("bias", bias, oc);
        var inputs = new List<string> { "x", "filter", "bias" };
        if (ops.Contains("Prelu")) { model.Const("alpha", alpha, oc); inputs.Add("alpha"); }
        model.Node("conv", op, inputs.ToArray(), Attr.Padding("SAME"), Attr.Strides(1, 1), Attr.Dilations(1, 1), Attr.Nhwc,
            ("fused_ops", Attr.Strings(ops)), ("num_args", Attr.I(inputs.Count - 2)), ("leakyrelu_alpha", Attr.F(0.15f)));
        using var dir = new TempDirectory();
        var outputs = OnnxRun.Run(TfjsGraphConverter.Convert(model.Write(dir.Path)), "x", x, n, h, w, c);

        var expected = Conv(x, n, h, w, c, filter, k, k, last, 1, 1, 1, 1, Same(h, w, k, k, 1, 1), depthwise, out _, out _, out _);
        for (var i = 0; i < expected.Length; i++)
        {
            var v = expected[i] + bias[i % oc];
            var a = alpha[i % oc];
            expected[i] = ops.Length == 1 ? v : ops[1] switch
            {
                "Relu" => Math.Max(v, 0),
                "Relu6" => Math.Clamp(v, 0, 6),
                "Prelu" => v < 0 ? a * v : v,
                _ => v < 0 ? 0.15f * v : v,
            };
        }
        OnnxRun.AssertClose(expected, outputs["conv"].Values, 1e-5);
    }

    [Theory]
    [InlineData("MaxPool", "SAME", 3, 2)]
    [InlineData("MaxPool", "VALID", 2, 2)]
    [InlineData("AvgPool", "SAME", 3, 2)]
    [InlineData("AvgPool", "VALID", 3, 1)]
    public void PoolingMatchesHandComputation(string op, string padding, int k, int stride)
    {
        const int n = 2, h = 7, w = 6, c = 3;
        var x = OnnxRun.Random(n * h * w * c, 7);
        using var dir = new TempDirectory();
        var path = new TfjsTestModel().Placeholder("x", -1, h, w, c)
            .Node("pool", op, ["x"], ("ksize", Attr.Ints(1, k, k, 1)), Attr.Strides(stride, stride), Attr.Padding(padding), Attr.Nhwc)
            .Write(dir.Path);
        var outputs = OnnxRun.Run(TfjsGraphConverter.Convert(path), "x", x, n, h, w, c);
        var pads = padding == "SAME" ? Same(h, w, k, k, stride, stride) : new Pads(0, 0, 0, 0);
        var expected = Pool(x, n, h, w, c, k, k, stride, stride, pads, op == "MaxPool", out var oh, out var ow);
        Assert.Equal([n, oh, ow, c], outputs["pool"].Shape);
        OnnxRun.AssertClose(expected, outputs["pool"].Values, 1e-6);
    }
}
