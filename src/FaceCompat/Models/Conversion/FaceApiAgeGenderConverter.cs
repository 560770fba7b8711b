using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// Rebuilds face-api's age-gender net as an ONNX graph from <c>age_gender_model-weights_manifest.json</c>
/// and its shard, following @vladmandic/face-api 1.7.15 op for op: <c>src/xception/TinyXception.ts</c>
/// (<c>new TinyXception(2)</c>: entry flow, two main blocks, exit flow) and
/// <c>src/ageGenderNet/AgeGenderNet.ts</c> (<c>runNet</c>, <c>forwardInput</c>).
/// <para>
/// Input <c>input</c>: float32 [batch, 112, 112, 3], NHWC, RGB, 0..255 — face-api's
/// <c>toBatchTensor(112, true)</c>. The graph subtracts the mean RGB and divides by 255 itself, once,
/// as <c>TinyXception.forwardInput</c> does.
/// Tensors it can expose: <c>pooled</c> [batch, 512], the 7x7 average of the last feature map that both
/// heads read (the default); <c>age</c> [batch] (the age regression); <c>gender</c> [batch, 2]
/// (softmax of the gender logits, male first, as <c>forwardInput</c> returns it).
/// </para>
/// </summary>
internal static class FaceApiAgeGenderConverter
{
    public const int InputSize = 112;
    public const string Pooled = "pooled";
    public const int MainBlocks = 2;

    public static IReadOnlyList<string> Tensors { get; } = [Pooled, "age", "gender"];

    /// <param name="outputs">Names from <see cref="Tensors"/> to expose; null means <c>pooled</c>.</param>
    public static byte[] Convert(string weightsManifestPath, IReadOnlyList<string>? outputs = null)
    {
        var weights = FaceApiWeights.Load(weightsManifestPath, "age_gender_model-weights_manifest.json");
        var b = new OnnxGraphBuilder("age_gender_net")
        {
            DocString = "face-api.js age-gender net (TinyXception + age/gender heads), rebuilt by FaceCompat. Input: RGB 0..255 NHWC; the graph normalises.",
        };
        var g = new FaceApiGraph(b, weights, outputs, [Pooled], Tensors);

        var x = g.NormalizeMeanRgb(g.Input(InputSize));
        var out1 = g.Relu(g.Conv(x, "entry_flow/conv_in/filters", "entry_flow/conv_in/bias", 2, "entry_flow/conv_in"), "entry_flow/conv_in/relu");
        out1 = ReductionBlock(g, out1, "entry_flow/reduction_block_0", activateInput: false);
        out1 = ReductionBlock(g, out1, "entry_flow/reduction_block_1", activateInput: true);
        for (var i = 0; i < MainBlocks; i++) out1 = MainBlock(g, out1, $"middle_flow/main_block_{i}");
        out1 = ReductionBlock(g, out1, "exit_flow/reduction_block", activateInput: true);
        out1 = g.Relu(g.SeparableConv(out1, "exit_flow/separable_conv", 1), "bottleneck_features");

        // tf.avgPool(bottleneckFeatures, [7, 7], [2, 2], 'valid').as2D(batch, -1)
        var pooled = g.Flatten(g.AvgPoolValid(out1, 7, 2, "avg_pool"), "pooled/2d");
        g.Expose(Pooled, pooled, OnnxGraphBuilder.Batch, weights.Float("fc/age/weights", 2).Shape[0]);
        if (g.Wants("age"))
        {
            var age = g.FullyConnected(pooled, "fc/age");
            g.Expose("age", b.AddNode("Reshape", [age, b.ConstantInt64("as1d", -1)], b.UniqueName("fc/age/1d")), OnnxGraphBuilder.Batch);
        }
        if (g.Wants("gender"))
            g.Expose("gender", g.Softmax(g.FullyConnected(pooled, "fc/gender"), "fc/gender/softmax"), OnnxGraphBuilder.Batch, 2);
        return g.ToBytes();
    }

    private static string ReductionBlock(FaceApiGraph g, string x, string prefix, bool activateInput)
    {
        var out1 = activateInput ? g.Relu(x, prefix + "/relu_in") : x;
        out1 = g.SeparableConv(out1, prefix + "/separable_conv0", 1);
        out1 = g.SeparableConv(g.Relu(out1, prefix + "/relu0"), prefix + "/separable_conv1", 1);
        // tf.maxPool(out, [3, 3], [2, 2], 'same'): TF's padding never wins a max, nor does ONNX's.
        out1 = g.B.AddNode("MaxPool", [out1], g.B.UniqueName(prefix + "/max_pool"), null,
            OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("strides", 2, 2), OnnxAttribute.String("auto_pad", "SAME_UPPER"));
        var expansion = g.Conv(x, prefix + "/expansion_conv/filters", prefix + "/expansion_conv/bias", 2, prefix + "/expansion_conv");
        return g.Add(out1, expansion, prefix);
    }

    private static string MainBlock(FaceApiGraph g, string x, string prefix)
    {
        var out1 = g.SeparableConv(g.Relu(x, prefix + "/relu0"), prefix + "/separable_conv0", 1);
        out1 = g.SeparableConv(g.Relu(out1, prefix + "/relu1"), prefix + "/separable_conv1", 1);
        out1 = g.SeparableConv(g.Relu(out1, prefix + "/relu2"), prefix + "/separable_conv2", 1);
        return g.Add(out1, x, prefix);
    }
}
