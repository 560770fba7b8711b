using FaceCompat.Infrastructure;
using FaceCompat.Models.Conversion;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Tests.Models.Conversion;

/// <summary>Weights decoding, inputs/outputs, layout, determinism and errors of the TF.js converter.</summary>
public class TfjsGraphConverterBehaviourTests
{
    [Fact]
    public void Float16AndUint8QuantisedWeightsDecodeAsTfjsDoes()
    {
        float[] f32 = [0.1f, -2.5f, 3.75f, 1e-3f];
        float[] f16 = [0.5f, -1.25f, 3f, 1e-3f];
        byte[] q = [0, 1, 128, 255];
        const double scale = 0.0123, min = -1.5;
        var model = new TfjsTestModel()
            .Placeholder("x", -1, 4)
            .Const("w32", f32, 4).ConstFloat16("w16", f16, 4).ConstUint8("wq", q, scale, min, 4)
            .Node("a", "Add", ["x", "w32"]).Node("b", "Add", ["x", "w16"]).Node("c", "Add", ["x", "wq"]);
        using var dir = new TempDirectory();
        var outputs = OnnxRun.Run(TfjsGraphConverter.Convert(model.Write(dir.Path)), "x", new float[4], 1, 4);

        Assert.Equal(f32, outputs["a"].Values);
        Assert.Equal(f16.Select(v => (float)(Half)v).ToArray(), outputs["b"].Values);
        Assert.Equal(q.Select(v => (float)(v * scale + min)).ToArray(), outputs["c"].Values);
    }

    [Fact]
    public void UnsupportedOpIsNamedWithItsNode()
    {
        var model = new TfjsTestModel().Placeholder("x", -1, 4).Node("weird/node", "Cumprod", ["x"]);
        using var dir = new TempDirectory();
        var path = model.Write(dir.Path);
        var e = Assert.Throws<FaceCompatException>(() => TfjsGraphConverter.Convert(path));
        Assert.Contains("'Cumprod'", e.Message);
        Assert.Contains("'weird/node'", e.Message);
    }

    [Fact]
    public void OnlyTheSubgraphOfTheRequestedOutputsIsConverted()
    {
        var model = new TfjsTestModel().Placeholder("x", -1, 4)
            .Node("good", "Relu", ["x"]).Node("bad", "Cumprod", ["x"]);
        using var dir = new TempDirectory();
        var path = model.Write(dir.Path);
        Assert.Throws<FaceCompatException>(() => TfjsGraphConverter.Convert(path));
        var outputs = OnnxRun.Run(TfjsGraphConverter.Convert(path, new TfjsConversionOptions { Outputs = ["good"] }), "x", [-1, 2, -3, 4], 1, 4);
        Assert.Equal([0f, 2, 0, 4], outputs["good"].Values);
        Assert.Single(outputs);
    }

    [Fact]
    public void SignatureInUserDefinedMetadataWinsAndBatchIsSymbolic()
    {
        var model = new TfjsTestModel().Placeholder("img", -1, 2)
            .Node("first", "Relu", ["img"]).Node("second", "Abs", ["img"])
            .Signature([], ["second:0"], inMetadata: true);
        using var dir = new TempDirectory();
        var bytes = TfjsGraphConverter.Convert(model.Write(dir.Path));
        using var session = new InferenceSession(bytes);
        Assert.Equal(["img"], session.InputMetadata.Keys);
        Assert.Equal(-1, session.InputMetadata["img"].Dimensions[0]);
        Assert.Equal(["second"], session.OutputMetadata.Keys);
        var outputs = OnnxRun.Run(bytes, "img", [-1, 2, -3, 4, -5, 6], 3, 2);
        Assert.Equal([1f, 2, 3, 4, 5, 6], outputs["second"].Values);
    }

    [Fact]
    public void ConversionIsDeterministic()
    {
        var model = new TfjsTestModel().Placeholder("x", -1, 3, 3, 2)
            .Const("f", OnnxRun.Random(2 * 2 * 2 * 2, 5), 2, 2, 2, 2)
            .Node("conv", "Conv2D", ["x", "f"], Attr.Padding("SAME"), Attr.Strides(1, 1), Attr.Nhwc);
        using var dir = new TempDirectory();
        var path = model.Write(dir.Path);
        Assert.Equal(TfjsGraphConverter.Convert(path), TfjsGraphConverter.Convert(path));
    }

    [Fact]
    public void ConvolutionChainTransposesOnlyAtTheGraphInputAndOutput()
    {
        var model = new TfjsTestModel().Placeholder("x", -1, 6, 6, 2)
            .Const("f", OnnxRun.Random(3 * 3 * 2 * 2, 5), 3, 3, 2, 2).Const("s", [0.5f, 2f], 2)
            .Node("c1", "Conv2D", ["x", "f"], Attr.Padding("SAME"), Attr.Strides(1, 1), Attr.Nhwc)
            .Node("m", "Mul", ["c1", "s"]).Node("r", "Relu", ["m"])
            .Node("c2", "DepthwiseConv2dNative", ["r", "f"], Attr.Padding("VALID"), Attr.Strides(1, 1), Attr.Nhwc)
            .Node("sum", "AddV2", ["c2", "s"]);
        using var dir = new TempDirectory();
        var onnx = global::Onnx.ModelProto.Parser.ParseFrom(TfjsGraphConverter.Convert(model.Write(dir.Path)));
        Assert.Equal(2, onnx.Graph.Node.Count(n => n.OpType == "Transpose"));
    }

    [Fact]
    public void MissingOrTruncatedWeightShardIsAClearError()
    {
        var model = new TfjsTestModel().Placeholder("x", -1, 4).Const("w", [1, 2, 3, 4], 4).Node("a", "Add", ["x", "w"]);
        using var dir = new TempDirectory();
        var path = model.Write(dir.Path);
        var shard = Path.Combine(dir.Path, "weights.bin");
        File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..10]);
        Assert.Contains("too short", Assert.Throws<FaceCompatException>(() => TfjsGraphConverter.Convert(path)).Message);
        File.Delete(shard);
        Assert.Contains("weights.bin", Assert.Throws<FaceCompatException>(() => TfjsGraphConverter.Convert(path)).Message);
        Assert.Throws<FaceCompatException>(() => TfjsGraphConverter.Convert(Path.Combine(dir.Path, "absent.json")));
    }

    [Fact]
    public void WeightShardOutsideTheModelFolderIsRefused()
    {
        using var dir = new TempDirectory();
        var modelDir = Path.Combine(dir.Path, "model");
        var path = new TfjsTestModel().Placeholder("x", -1, 4).Const("w", [1, 2, 3, 4], 4).Node("a", "Add", ["x", "w"]).Write(modelDir);
        File.Move(Path.Combine(modelDir, "weights.bin"), Path.Combine(dir.Path, "weights.bin"));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"weights.bin\"", "\"../weights.bin\""));
        Assert.Contains("outside", Assert.Throws<FaceCompatException>(() => TfjsGraphConverter.Convert(path)).Message);
    }

    [Fact]
    public void FaceApiConverterRefusesAManifestWithoutTheNetworksWeights()
    {
        var model = new TfjsTestModel().Placeholder("x", -1, 4).Const("w", [1, 2, 3, 4], 4);
        using var dir = new TempDirectory();
        model.Write(dir.Path);
        var manifest = Path.Combine(dir.Path, "manifest.json");
        File.WriteAllText(manifest, """[{"paths":["weights.bin"],"weights":[{"name":"w","shape":[4],"dtype":"float32"}]}]""");
        var e = Assert.Throws<FaceCompatException>(() => FaceApiRecognitionConverter.Convert(manifest));
        Assert.Contains("conv32_down/conv/filters", e.Message);
    }

    [Theory]
    [InlineData("age-gender", "entry_flow/conv_in/filters", "age_gender_model-weights_manifest.json")]
    [InlineData("expression", "dense0/conv0/filters", "face_expression_model-weights_manifest.json")]
    [InlineData("ssd", "MobilenetV1/Conv2d_0_pointwise/weights", "ssd_mobilenetv1_model-weights_manifest.json")]
    public void FaceApiNetConvertersNameTheFirstMissingWeightAndTheManifestTheyExpect(string net, string weight, string manifestName)
    {
        using var dir = new TempDirectory();
        new TfjsTestModel().Placeholder("x", -1, 4).Const("w", [1, 2, 3, 4], 4).Write(dir.Path);
        var manifest = Path.Combine(dir.Path, "manifest.json");
        File.WriteAllText(manifest, """[{"paths":["weights.bin"],"weights":[{"name":"w","shape":[4],"dtype":"float32"}]}]""");
        var e = Assert.Throws<FaceCompatException>(() => ConvertFaceApiNet(net, manifest, null));
        Assert.Contains(weight, e.Message);
        Assert.Contains(manifestName, e.Message);
    }

    [Theory]
    [InlineData("age-gender", "pooled, age, gender")]
    [InlineData("expression", "pooled, expressions")]
    [InlineData("ssd", "mobilenetv1, mobilenetv1/conv11")]
    public void FaceApiNetConvertersRefuseATensorTheyDoNotHave(string net, string available)
    {
        using var dir = new TempDirectory();
        new TfjsTestModel().Placeholder("x", -1, 4).Const("w", [1, 2, 3, 4], 4).Write(dir.Path);
        var manifest = Path.Combine(dir.Path, "manifest.json");
        File.WriteAllText(manifest, """[{"paths":["weights.bin"],"weights":[{"name":"w","shape":[4],"dtype":"float32"}]}]""");
        var e = Assert.Throws<FaceCompatException>(() => ConvertFaceApiNet(net, manifest, ["logits"]));
        Assert.Contains("'logits'", e.Message);
        Assert.Contains(available, e.Message);
    }

    private static byte[] ConvertFaceApiNet(string net, string manifest, IReadOnlyList<string>? outputs) => net switch
    {
        "age-gender" => FaceApiAgeGenderConverter.Convert(manifest, outputs),
        "expression" => FaceApiExpressionConverter.Convert(manifest, outputs),
        _ => FaceApiSsdMobilenetV1Converter.Convert(manifest, outputs),
    };
}
