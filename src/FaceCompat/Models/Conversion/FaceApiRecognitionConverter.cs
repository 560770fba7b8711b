using FaceCompat.Infrastructure;
using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// Rebuilds face-api's face recognition network (dlib's ResNet-29 metric net) as an ONNX graph from
/// <c>face_recognition_model-weights_manifest.json</c> and its shard, following
/// <c>src/faceRecognitionNet/*.ts</c> of @vladmandic/face-api 1.7.15 op for op.
/// <para>
/// Input <c>input</c>: float32 [batch, 150, 150, 3], NHWC, RGB, 0..255 — what face-api's
/// <c>computeFaceDescriptor</c> takes. The graph itself subtracts the mean RGB (122.782, 117.001,
/// 104.298) and divides by 255, exactly once, as <c>forwardInput</c> does; callers must not normalise.
/// Output <c>descriptor</c>: float32 [batch, 128], the raw fully connected output (face-api does not
/// L2-normalise it).
/// </para>
/// </summary>
internal static class FaceApiRecognitionConverter
{
    public const string InputName = FaceApiGraph.InputName;
    public const string OutputName = "descriptor";
    public const int InputSize = 150;

    private static readonly string[] Layers =
    [
        "conv32_1", "conv32_2", "conv32_3", "conv64_down", "conv64_1", "conv64_2", "conv64_3",
        "conv128_down", "conv128_1", "conv128_2", "conv256_down", "conv256_1", "conv256_2", "conv256_down_out",
    ];

    public static byte[] Convert(string weightsManifestPath)
    {
        var weights = FaceApiWeights.Load(weightsManifestPath, "face_recognition_model-weights_manifest.json");
        var b = new OnnxGraphBuilder("face_recognition_net")
        {
            DocString = "face-api.js face recognition net (dlib ResNet-29), rebuilt by FaceCompat. Input: RGB 0..255 NHWC; the graph normalises.",
        };
        return new Builder(new FaceApiGraph(b, weights)).Build();
    }

    private sealed class Builder(FaceApiGraph g)
    {
        private readonly OnnxGraphBuilder b = g.B;
        private readonly string source = g.Weights.Source;
        private int _size = InputSize;

        public byte[] Build()
        {
            var x = g.NormalizeMeanRgb(g.Input(InputSize));

            x = ConvLayer(x, "conv32_down", stride: 2, relu: true, same: false);
            x = b.AddNode("MaxPool", [x], "max_pool", null,
                OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("strides", 2, 2), OnnxAttribute.Ints("pads", 0, 0, 0, 0));
            _size = (_size - 3) / 2 + 1;

            foreach (var layer in Layers)
                x = layer.Contains("down") ? ResidualDown(x, layer) : Residual(x, layer);

            x = b.AddNode("ReduceMean", [x], "global_avg", null, OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 0));
            var fc = Weight("fc", 2);
            b.AddNode("MatMul", [x, b.AddInitializer("fc", fc.Floats!, fc.Shape)], OutputName);
            b.AddOutput(OutputName, OnnxGraphBuilder.Batch, fc.Shape[1]);
            return b.ToBytes();
        }

        private string Residual(string x, string prefix)
        {
            var output = ConvLayer(x, prefix + "/conv1", 1, relu: true, same: true);
            output = ConvLayer(output, prefix + "/conv2", 1, relu: false, same: true);
            output = b.AddNode("Add", [output, x], prefix + "/add");
            return b.AddNode("Relu", [output], prefix);
        }

        private string ResidualDown(string x, string prefix)
        {
            var inSize = _size;
            var inChannels = Weight(prefix + "/conv1/conv/filters", 4).Shape[2];
            var output = ConvLayer(x, prefix + "/conv1", 2, relu: true, same: false);
            output = ConvLayer(output, prefix + "/conv2", 1, relu: false, same: true);
            var outChannels = Weight(prefix + "/conv2/conv/filters", 4).Shape[3];

            var pooled = b.AddNode("AveragePool", [x], prefix + "/pooled", null,
                OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2), OnnxAttribute.Ints("pads", 0, 0, 0, 0));
            var pooledSize = (inSize - 2) / 2 + 1;
            if (pooledSize != _size)
            {
                // face-api concatenates one row and one column of zeros to the conv branch.
                if (pooledSize != _size + 1) throw new FaceCompatException($"{source}: unexpected shapes in {prefix}.");
                output = b.AddNode("Pad", [output, b.ConstantInt64(prefix + "/pads", 0, 0, 0, 0, 0, 0, 1, 1)], prefix + "/padded");
                _size = pooledSize;
            }
            if (outChannels != inChannels)
            {
                // ... and doubles the shortcut's channels with zeros.
                if (outChannels != 2 * inChannels) throw new FaceCompatException($"{source}: unexpected channels in {prefix}.");
                pooled = b.AddNode("Pad", [pooled, b.ConstantInt64(prefix + "/channel_pads", 0, 0, 0, 0, 0, inChannels, 0, 0)], prefix + "/pooled_padded");
            }
            output = b.AddNode("Add", [pooled, output], prefix + "/add");
            return b.AddNode("Relu", [output], prefix);
        }

        /// <summary>conv2d + bias, then the scale layer (x * weights + biases), then optional relu.</summary>
        private string ConvLayer(string x, string prefix, int stride, bool relu, bool same)
        {
            var filters = Weight(prefix + "/conv/filters", 4);
            var (k, outC) = (filters.Shape[0], filters.Shape[3]);
            var w = TensorData.ConvFilter(filters.Floats!, filters.Shape, out var wShape);
            var bias = Weight(prefix + "/conv/bias", 1);
            var pad = same ? (k - 1) / 2 : 0;
            if (same && stride != 1) throw new FaceCompatException($"{source}: unexpected 'same' convolution with stride {stride} in {prefix}.");
            var conv = b.AddNode("Conv", [x, b.AddInitializer(prefix + "/conv/filters", w, wShape), b.AddInitializer(prefix + "/conv/bias", bias.Floats!, outC)],
                prefix + "/conv", null,
                OnnxAttribute.Ints("kernel_shape", k, k), OnnxAttribute.Ints("strides", stride, stride), OnnxAttribute.Ints("pads", pad, pad, pad, pad));
            _size = same ? _size : (_size - (int)k) / stride + 1;
            var scaleW = Weight(prefix + "/scale/weights", 1);
            var scaleB = Weight(prefix + "/scale/biases", 1);
            var scaled = b.AddNode("Mul", [conv, b.AddInitializer(prefix + "/scale/weights", scaleW.Floats!, outC, 1, 1)], prefix + "/scale/mul");
            scaled = b.AddNode("Add", [scaled, b.AddInitializer(prefix + "/scale/biases", scaleB.Floats!, outC, 1, 1)], relu ? prefix + "/scale" : prefix);
            return relu ? b.AddNode("Relu", [scaled], prefix) : scaled;
        }

        private TfjsTensor Weight(string name, int rank) => g.Weights.Float(name, rank);
    }
}
