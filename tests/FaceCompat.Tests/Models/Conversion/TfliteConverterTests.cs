using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Conversion.Tflite;
using FaceCompat.Models.Fetching;
using FaceCompat.Models.Onnx;
using FaceCompat.Tests.Models.Zoo;
using Tensor = FaceCompat.Tests.Models.Conversion.TfliteTestModel.Tensor;
using Operator = FaceCompat.Tests.Models.Conversion.TfliteTestModel.Operator;

namespace FaceCompat.Tests.Models.Conversion;

public class TfliteConverterTests
{
    private const int Add = 0, Softmax = 25, Reshape = 22;
    private const sbyte Float32 = 0, Int32 = 2, Int8 = 9;

    // x [2,1,1,3] (batch 2 fixed, as MobileFaceNet.tflite) + c, fused ReLU, then reshaped to [2,3].
    private static TfliteTestModel AddReluReshape(bool reshapeByDeprecatedCodeOnly = false)
    {
        var m = new TfliteTestModel();
        m.Tensors.Add(new Tensor("img/input", [2, 1, 1, 3]));
        m.Tensors.Add(new Tensor("bias", [3], Float32, Data: [0.5f, -1f, 2f]));
        m.Tensors.Add(new Tensor("sum", [2, 1, 1, 3]));
        m.Tensors.Add(new Tensor("shape", [2], Int32, Int32Data: [2, 3]));
        m.Tensors.Add(new Tensor("flat", [2, 3]));
        m.Operators.Add(new Operator(Add, [0, 1], [2], OptionsType: 11, Options: TfliteTestModel.FusedActivation(1)));
        m.Operators.Add(new Operator(Reshape, [2, 3], [4], DeprecatedCodeOnly: reshapeByDeprecatedCodeOnly));
        m.Inputs = [0];
        m.Outputs = [4];
        return m;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a file from before builtin_code existed names RESHAPE only in deprecated_builtin_code
    public void FusedActivationAndReshapeRunAtAnyBatch(bool deprecatedCodeOnly)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Sub("m.tflite"), AddReluReshape(deprecatedCodeOnly).ToBytes());
        var onnx = TfliteConverter.Convert(dir.Sub("m.tflite"));
        float[] x = [1, 1, 1, -3, -3, -3, 0, 0, 0]; // batch 3, not the file's 2
        var outputs = OnnxRun.Run(onnx, "img/input", x, 3, 1, 1, 3);
        var (values, shape) = outputs["flat"];
        Assert.Equal([3, 3], shape);
        Assert.Equal([1.5f, 0f, 3f, 0f, 0f, 0f, 0.5f, 0f, 2f], values);
    }

    [Fact]
    public void AnUnsupportedOperatorIsNamedAndNothingIsCached()
    {
        var m = new TfliteTestModel();
        m.Tensors.Add(new Tensor("logits", [1, 4]));
        m.Tensors.Add(new Tensor("probabilities", [1, 4]));
        m.Operators.Add(new Operator(Softmax, [0], [1]));
        m.Inputs = [0];
        m.Outputs = [1];
        var ex = PrepareFails(m.ToBytes(), "probabilities");
        Assert.Contains("TFLite operator SOFTMAX (operator 0, output 'probabilities') is not supported", ex.Message);
    }

    [Fact]
    public void AQuantisedTensorIsRefusedAndNothingIsCached()
    {
        var m = new TfliteTestModel();
        m.Tensors.Add(new Tensor("x", [1, 4]));
        m.Tensors.Add(new Tensor("q_weights", [4], Int8, Int8Data: [1, -2, 3, -4], Scale: [0.05f]));
        m.Tensors.Add(new Tensor("y", [1, 4]));
        m.Operators.Add(new Operator(Add, [0, 1], [2]));
        m.Inputs = [0];
        m.Outputs = [2];
        var ex = PrepareFails(m.ToBytes(), "y");
        Assert.Contains("tensor 'q_weights' (index 1, used by operator 0 ADD) is quantised (INT8 with quantisation scales)", ex.Message);
    }

    [Fact]
    public void ATruncatedFileIsOneClearErrorAndNothingIsCached()
    {
        var bytes = AddReluReshape().ToBytes();
        var ex = PrepareFails(bytes[..(bytes.Length / 2)], "flat");
        Assert.Contains("truncated or corrupt", ex.Message);
    }

    [Fact]
    public void EveryPrefixOfAModelFailsWithAFaceCompatExceptionOrLosesOnlyPadding()
    {
        using var dir = new TempDirectory();
        var bytes = AddReluReshape().ToBytes();
        File.WriteAllBytes(dir.Sub("m.tflite"), bytes);
        var whole = TfliteConverter.Convert(dir.Sub("m.tflite"));
        var failures = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(dir.Sub("m.tflite"), bytes[..length]);
            var ex = Record.Exception(() => Assert.Equal(whole, TfliteConverter.Convert(dir.Sub("m.tflite"))));
            Assert.True(ex is null or FaceCompatException, $"prefix of {length} bytes: {ex?.GetType().Name} {ex?.Message}");
            if (ex is not null) failures++;
        }
        Assert.True(failures > bytes.Length - 16, $"only {failures} of {bytes.Length} prefixes failed"); // FlatBuffers pad to 8-16 bytes at most
    }

    [Fact]
    public void AFileThatIsNotTfliteSaysSo()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Sub("m.tflite"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var ex = Assert.Throws<FaceCompatException>(() => TfliteConverter.Convert(dir.Sub("m.tflite")));
        Assert.Contains("not a TFLite model", ex.Message);
    }

    private static FaceCompatException PrepareFails(byte[] tflite, string output)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Sub("m.tflite"), tflite);
        var card = TestPackages.NpmCard("toy", "p", "1", ("m.tflite", tflite)) with
        {
            Format = ModelFormat.Tflite,
            Output = new ModelOutput { Name = output, Dimension = 4 },
            Origin = dir.Sub("card.yaml"),
            Source = new ModelSource { Manager = PackageManager.File, Files = [new("m.tflite", null)], Entry = "m.tflite" },
        };
        var store = new ModelStore(dir.Sub("cache"));
        var ex = Assert.Throws<FaceCompatException>(() => new OnnxPreparer(store).Prepare(card, new Dictionary<string, string> { ["m.tflite"] = dir.Sub("m.tflite") }));
        Assert.False(Directory.Exists(store.OnnxRoot) && Directory.EnumerateFileSystemEntries(store.OnnxRoot).Any(), "no ONNX file may be left in the cache");
        return ex;
    }
}
