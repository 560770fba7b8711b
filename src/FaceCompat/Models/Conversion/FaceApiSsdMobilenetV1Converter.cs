using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// Rebuilds the backbone of face-api's SSD MobileNetV1 face detector as an ONNX graph from
/// <c>ssd_mobilenetv1_model-weights_manifest.json</c> and its shard, following @vladmandic/face-api
/// 1.7.15 op for op: <c>SsdMobilenetv1.forwardInput</c> up to <c>mobileNetV1(x, params.mobilenetv1)</c>
/// (<c>src/ssdMobilenetv1/mobileNetV1.ts</c>, <c>pointwiseConvLayer.ts</c>). The prediction layers,
/// box decoding and NMS after it are not rebuilt: only backbone feature maps are exposed.
/// <para>
/// Input <c>input</c>: float32 [batch, 512, 512, 3], NHWC, RGB, 0..255 — face-api's
/// <c>toBatchTensor(512, false)</c>. The graph maps it to -1..1 itself (<c>x / 127.5 - 1</c>), once,
/// as <c>forwardInput</c> does.
/// Tensors it can expose (NHWC, face-api's layout): <c>mobilenetv1</c> [batch, 16, 16, 1024], the
/// backbone's output <c>features.out</c> (the default); <c>mobilenetv1/conv11</c> [batch, 32, 32, 512],
/// <c>features.conv11</c>, the map the first box predictor reads.
/// </para>
/// </summary>
internal static class FaceApiSsdMobilenetV1Converter
{
    public const int InputSize = 512;
    public const string Backbone = "mobilenetv1";
    public const string Conv11 = "mobilenetv1/conv11";

    /// <summary>tf.batchNorm's variance epsilon in mobileNetV1.ts.</summary>
    private const float Epsilon = 0.0010000000474974513f;

    public static IReadOnlyList<string> Tensors { get; } = [Backbone, Conv11];

    /// <param name="outputs">Names from <see cref="Tensors"/> to expose; null means <c>mobilenetv1</c>.</param>
    public static byte[] Convert(string weightsManifestPath, IReadOnlyList<string>? outputs = null)
    {
        var weights = FaceApiWeights.Load(weightsManifestPath, "ssd_mobilenetv1_model-weights_manifest.json");
        var b = new OnnxGraphBuilder("ssd_mobilenetv1")
        {
            DocString = "face-api.js SSD MobileNetV1 face detector, backbone only, rebuilt by FaceCompat. Input: RGB 0..255 NHWC; the graph maps it to -1..1.",
        };
        var g = new FaceApiGraph(b, weights, outputs, [Backbone], Tensors);

        var x = g.Input(InputSize);
        // tf.sub(tf.div(batchTensor, 127.5), 1)
        x = b.AddNode("Div", [x, b.Scalar("one_two_seven_five", 127.5f)], "normalized/div");
        x = b.AddNode("Sub", [x, b.Scalar("one", 1f)], "normalized");

        var out1 = PointwiseConvLayer(g, x, 0, stride: 2);
        for (var layer = 1; layer <= 13; layer++)
        {
            out1 = DepthwiseConvLayer(g, out1, layer, stride: layer is 2 or 4 or 6 or 12 ? 2 : 1);
            out1 = PointwiseConvLayer(g, out1, layer, stride: 1);
            if (layer == 11 && g.Wants(Conv11)) g.Expose(Conv11, g.ToNhwc(out1, "conv11/nhwc"), OnnxGraphBuilder.Batch, 32, 32, Channels(g, 11));
        }
        if (g.Wants(Backbone)) g.Expose(Backbone, g.ToNhwc(out1, "out/nhwc"), OnnxGraphBuilder.Batch, 16, 16, Channels(g, 13));
        return g.ToBytes();
    }

    private static long Channels(FaceApiGraph g, int layer) => g.Weights.Float($"MobilenetV1/Conv2d_{layer}_pointwise/convolution_bn_offset", 1).Shape[0];

    /// <summary><c>pointwiseConvLayer</c>: conv2d 'same' (1x1, or conv_0's 3x3), + batch_norm_offset, clip to 0..6.</summary>
    private static string PointwiseConvLayer(FaceApiGraph g, string x, int layer, int stride)
    {
        var prefix = $"MobilenetV1/Conv2d_{layer}_pointwise";
        return g.Clip06(g.Conv(x, prefix + "/weights", prefix + "/convolution_bn_offset", stride, prefix), prefix + "/relu6");
    }

    /// <summary><c>depthwiseConvLayer</c>: depthwiseConv2d 'same', batchNorm (epsilon 0.001), clip to 0..6.</summary>
    private static string DepthwiseConvLayer(FaceApiGraph g, string x, int layer, int stride)
    {
        var prefix = $"MobilenetV1/Conv2d_{layer}_depthwise";
        var conv = g.DepthwiseConv(x, prefix + "/depthwise_weights", stride, prefix);
        string Param(string name)
        {
            var t = g.Weights.Float($"{prefix}/BatchNorm/{name}", 1);
            return g.B.AddInitializer(t.Name, t.Floats!, t.Shape);
        }
        // ONNX BatchNormalization inputs: X, scale (gamma), B (beta), mean, var.
        var bn = g.B.AddNode("BatchNormalization", [conv, Param("gamma"), Param("beta"), Param("moving_mean"), Param("moving_variance")],
            g.B.UniqueName(prefix + "/batch_norm"), null, OnnxAttribute.Float("epsilon", Epsilon));
        return g.Clip06(bn, prefix + "/relu6");
    }
}
