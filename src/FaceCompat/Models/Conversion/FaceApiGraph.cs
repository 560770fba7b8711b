using FaceCompat.Infrastructure;
using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// The building blocks face-api.js's nets are written with (<c>src/common/*.ts</c>, <c>src/ops/*.ts</c>
/// of @vladmandic/face-api 1.7.15) as ONNX nodes working in NCHW, plus the choice of which named
/// tensors become graph outputs. TF's 'same' padding is ONNX's SAME_UPPER (the extra row/column at
/// the end, as TF puts it). Graph inputs are NHWC RGB 0..255, face-api's batch tensor.
/// </summary>
internal sealed class FaceApiGraph
{
    public const string InputName = "input";

    /// <summary>face-api's <c>normalize(x, meanRgb)</c> mean, used by its 112x112 and 150x150 nets.</summary>
    public static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly HashSet<string> _requested;
    private readonly HashSet<string> _exposed = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _available;

    /// <summary>A graph whose outputs the caller declares itself.</summary>
    public FaceApiGraph(OnnxGraphBuilder builder, FaceApiWeights weights) : this(builder, weights, null, [], []) { }

    /// <param name="requested">Tensor names to expose; null or empty means <paramref name="defaults"/>.</param>
    /// <param name="available">Every tensor name this net can expose (an unknown request is an error naming them).</param>
    public FaceApiGraph(OnnxGraphBuilder builder, FaceApiWeights weights, IReadOnlyList<string>? requested,
        IReadOnlyList<string> defaults, IReadOnlyList<string> available)
    {
        B = builder;
        Weights = weights;
        _available = available;
        _requested = new HashSet<string>(requested is { Count: > 0 } ? requested : defaults, StringComparer.Ordinal);
        foreach (var r in _requested)
            if (!available.Contains(r))
                throw new FaceCompatException($"{weights.Source}: this face-api net has no tensor '{r}' to expose; it has: {string.Join(", ", available)}.");
    }

    public OnnxGraphBuilder B { get; }
    public FaceApiWeights Weights { get; }

    /// <summary>True when any of <paramref name="names"/> was requested (so the part computing it is built).</summary>
    public bool Wants(params string[] names) => names.Any(_requested.Contains);

    /// <summary>The NHWC RGB 0..255 input as an NCHW value.</summary>
    public string Input(int size)
    {
        var x = B.AddInput(InputName, OnnxGraphBuilder.Batch, size, size, 3);
        return B.AddNode("Transpose", [x], "input/nchw", null, OnnxAttribute.Ints("perm", 0, 3, 1, 2));
    }

    /// <summary><c>normalize(x, meanRgb).div(255)</c>.</summary>
    public string NormalizeMeanRgb(string x)
    {
        x = B.AddNode("Sub", [x, B.Constant("mean_rgb", MeanRgb, 1, 3, 1, 1)], "normalized/sub");
        return B.AddNode("Div", [x, B.Scalar("two_five_five", 255f)], "normalized");
    }

    /// <summary><c>tf.conv2d(x, filters, stride, 'same')</c>, plus the bias when one is named (<c>tf.add(conv, bias)</c>).</summary>
    public string Conv(string x, string filtersName, string? biasName, int stride, string output)
    {
        var filters = Weights.Float(filtersName, 4);
        var w = TensorData.ConvFilter(filters.Floats!, filters.Shape, out var wShape);
        List<string> inputs = [x, B.AddInitializer(filtersName, w, wShape)];
        if (biasName is not null) inputs.Add(Bias(biasName, wShape[0]));
        return B.AddNode("Conv", inputs, Fresh(output), null, SameConv(filters.Shape[0], filters.Shape[1], stride, group: 1));
    }

    /// <summary><c>tf.depthwiseConv2d(x, filters, stride, 'same')</c>.</summary>
    public string DepthwiseConv(string x, string filtersName, int stride, string output)
    {
        var filters = Weights.Float(filtersName, 4);
        var w = TensorData.DepthwiseFilter(filters.Floats!, filters.Shape, out var wShape);
        return B.AddNode("Conv", [x, B.AddInitializer(filtersName, w, wShape)], Fresh(output), null,
            SameConv(filters.Shape[0], filters.Shape[1], stride, group: filters.Shape[2]));
    }

    /// <summary>
    /// <c>depthwiseSeparableConv</c>: <c>tf.separableConv2d(x, depthwise_filter, pointwise_filter, stride, 'same')</c>
    /// then <c>tf.add(out, bias)</c> (the bias is the pointwise Conv's bias input).
    /// </summary>
    public string SeparableConv(string x, string prefix, int stride)
    {
        var depthwise = DepthwiseConv(x, prefix + "/depthwise_filter", stride, prefix + "/depthwise");
        return Conv(depthwise, prefix + "/pointwise_filter", prefix + "/bias", 1, prefix);
    }

    public string Relu(string x, string output) => B.AddNode("Relu", [x], Fresh(output));

    public string Add(string a, string b, string output) => B.AddNode("Add", [a, b], Fresh(output));

    /// <summary><c>tf.clipByValue(x, 0, 6)</c>.</summary>
    public string Clip06(string x, string output)
    {
        _zero ??= B.Scalar("zero", 0f);
        _six ??= B.Scalar("six", 6f);
        return B.AddNode("Clip", [x, _zero, _six], Fresh(output));
    }

    private string? _zero, _six;

    /// <summary><c>tf.avgPool(x, [k, k], [s, s], 'valid')</c>.</summary>
    public string AvgPoolValid(string x, int kernel, int stride, string output) =>
        B.AddNode("AveragePool", [x], Fresh(output), null,
            OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("strides", stride, stride), OnnxAttribute.Ints("pads", 0, 0, 0, 0));

    /// <summary><c>x.as2D(batch, -1)</c> of an NCHW value whose spatial size is 1x1 (the channel order is then NHWC's too).</summary>
    public string Flatten(string x, string output) => B.AddNode("Flatten", [x], Fresh(output), null, OnnxAttribute.Int("axis", 1));

    /// <summary><c>fullyConnectedLayer</c>: <c>tf.add(tf.matMul(x, weights), bias)</c>.</summary>
    public string FullyConnected(string x, string prefix)
    {
        var weights = Weights.Float(prefix + "/weights", 2);
        var product = B.AddNode("MatMul", [x, B.AddInitializer(prefix + "/weights", weights.Floats!, weights.Shape)], Fresh(prefix + "/matmul"));
        return B.AddNode("Add", [product, Bias(prefix + "/bias", weights.Shape[1])], Fresh(prefix));
    }

    public string Softmax(string x, string output) => B.AddNode("Softmax", [x], Fresh(output), null, OnnxAttribute.Int("axis", -1));

    /// <summary>An NCHW value back in face-api's NHWC layout.</summary>
    public string ToNhwc(string x, string output) =>
        B.AddNode("Transpose", [x], Fresh(output), null, OnnxAttribute.Ints("perm", 0, 2, 3, 1));

    /// <summary>Makes <paramref name="value"/> the graph output <paramref name="name"/> when it was requested.</summary>
    public void Expose(string name, string value, params long[] dims)
    {
        if (!_requested.Contains(name)) return;
        B.AddNode("Identity", [value], name);
        B.AddOutput(name, dims);
        _exposed.Add(name);
    }

    public byte[] ToBytes()
    {
        var missing = _requested.Where(r => !_exposed.Contains(r)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Requested face-api tensors never built: {string.Join(", ", missing)} (of {string.Join(", ", _available)}).");
        return B.ToBytes();
    }

    /// <summary>A rank-1 bias weight (Conv's bias input; broadcasts over a MatMul's rows).</summary>
    private string Bias(string name, long count)
    {
        var bias = Weights.Float(name, 1);
        if (bias.Count != count) throw new FaceCompatException($"{Weights.Source}: weight '{name}' has {bias.Count} values, {count} expected.");
        return B.AddInitializer(name, bias.Floats!, count);
    }

    private string Fresh(string hint) => B.UniqueName(hint);

    private static global::Onnx.AttributeProto[] SameConv(long kh, long kw, int stride, long group) =>
    [
        OnnxAttribute.Ints("kernel_shape", kh, kw),
        OnnxAttribute.Ints("strides", stride, stride),
        OnnxAttribute.Int("group", group),
        OnnxAttribute.String("auto_pad", "SAME_UPPER"),
    ];
}
