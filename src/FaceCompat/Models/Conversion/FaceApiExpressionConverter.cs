using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// Rebuilds face-api's face expression net as an ONNX graph from
/// <c>face_expression_model-weights_manifest.json</c> and its shard, following @vladmandic/face-api
/// 1.7.15 op for op: <c>src/faceFeatureExtractor/FaceFeatureExtractor.ts</c> (four
/// <c>denseBlock4</c>s of <c>denseBlock.ts</c>, then a 7x7 average pool), and
/// <c>src/faceProcessor/FaceProcessor.ts</c> / <c>src/faceExpressionNet/FaceExpressionNet.ts</c>
/// (<c>runNet</c>: a fully connected layer; <c>forwardInput</c>: its softmax).
/// <para>
/// Input <c>input</c>: float32 [batch, 112, 112, 3], NHWC, RGB, 0..255 — face-api's
/// <c>toBatchTensor(112, true)</c>. The graph subtracts the mean RGB and divides by 255 itself, once,
/// as <c>FaceFeatureExtractor.forwardInput</c> does.
/// Tensors it can expose: <c>pooled</c> [batch, 256], the feature extractor's output (the 7x7 average
/// of the last dense block) that the classifier reads (the default); <c>expressions</c> [batch, 7], the
/// softmax over face-api's FACE_EXPRESSION_LABELS (neutral, happy, sad, angry, fearful, disgusted, surprised).
/// </para>
/// </summary>
internal static class FaceApiExpressionConverter
{
    public const int InputSize = 112;
    public const string Pooled = "pooled";

    public static IReadOnlyList<string> Tensors { get; } = [Pooled, "expressions"];

    /// <param name="outputs">Names from <see cref="Tensors"/> to expose; null means <c>pooled</c>.</param>
    public static byte[] Convert(string weightsManifestPath, IReadOnlyList<string>? outputs = null)
    {
        var weights = FaceApiWeights.Load(weightsManifestPath, "face_expression_model-weights_manifest.json");
        var b = new OnnxGraphBuilder("face_expression_net")
        {
            DocString = "face-api.js face expression net (FaceFeatureExtractor + fc), rebuilt by FaceCompat. Input: RGB 0..255 NHWC; the graph normalises.",
        };
        var g = new FaceApiGraph(b, weights, outputs, [Pooled], Tensors);

        var x = g.NormalizeMeanRgb(g.Input(InputSize));
        x = DenseBlock4(g, x, "dense0", isFirstLayer: true);
        x = DenseBlock4(g, x, "dense1", isFirstLayer: false);
        x = DenseBlock4(g, x, "dense2", isFirstLayer: false);
        x = DenseBlock4(g, x, "dense3", isFirstLayer: false);
        // tf.avgPool(out, [7, 7], [2, 2], 'valid'), then runNet's bottleneckFeatures.as2D(batch, -1)
        var pooled = g.Flatten(g.AvgPoolValid(x, 7, 2, "avg_pool"), "pooled/2d");
        g.Expose(Pooled, pooled, OnnxGraphBuilder.Batch, weights.Float("fc/weights", 2).Shape[0]);
        if (g.Wants("expressions"))
            g.Expose("expressions", g.Softmax(g.FullyConnected(pooled, "fc"), "fc/softmax"), OnnxGraphBuilder.Batch, weights.Float("fc/weights", 2).Shape[1]);
        return g.ToBytes();
    }

    /// <summary><c>denseBlock4(x, params, isFirstLayer, isScaleDown = true)</c>, sums in face-api's order.</summary>
    private static string DenseBlock4(FaceApiGraph g, string x, string prefix, bool isFirstLayer)
    {
        var conv0 = isFirstLayer
            ? g.Conv(x, prefix + "/conv0/filters", prefix + "/conv0/bias", 2, prefix + "/conv0")
            : g.SeparableConv(x, prefix + "/conv0", 2);
        var out1 = g.Relu(conv0, prefix + "/out1");
        var out2 = g.SeparableConv(out1, prefix + "/conv1", 1);
        var in3 = g.Relu(g.Add(out1, out2, prefix + "/add3"), prefix + "/in3");
        var out3 = g.SeparableConv(in3, prefix + "/conv2", 1);
        var in4 = g.Relu(g.Add(out1, g.Add(out2, out3, prefix + "/add23"), prefix + "/add4"), prefix + "/in4");
        var out4 = g.SeparableConv(in4, prefix + "/conv3", 1);
        var sum = g.Add(out1, g.Add(out2, g.Add(out3, out4, prefix + "/add34"), prefix + "/add234"), prefix + "/add1234");
        return g.Relu(sum, prefix);
    }
}
