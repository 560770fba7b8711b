using FaceCompat.Models.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace FaceCompat.Tests.Models.Zoo;

public class OnnxEditTests
{
    // A net exported at batch 1, like ResNet18.onnx: Conv -> Reshape [1, -1] -> MatMul.
    private static ModelProto FixedBatchNet()
    {
        var b = new OnnxGraphBuilder("fixed", opset: 13);
        var x = b.AddInput("x", 1, 3, 4, 4);
        var w = b.AddInitializer("w", Enumerable.Range(0, 2 * 3 * 3 * 3).Select(i => MathF.Sin(i)).ToArray(), 2, 3, 3, 3);
        var conv = b.AddNode("Conv", [x, w], OnnxAttribute.Ints("pads", 1, 1, 1, 1));
        var shape = b.AddInitializer("shape", [1L, -1L], 2);
        var flat = b.AddNode("Reshape", [conv, shape]);
        var m = b.AddInitializer("m", Enumerable.Range(0, 32 * 5).Select(i => MathF.Cos(i)).ToArray(), 32, 5);
        b.AddOutput(b.AddNode("MatMul", [flat, m], output: "y"), 1, 5);
        return b.Build();
    }

    private static ModelProto MeanSubtraction()
    {
        var b = new OnnxGraphBuilder("pre", opset: 13);
        var x = b.AddInput("raw", 1, 3, 4, 4);
        var mean = b.AddInitializer("MeanImage", Enumerable.Range(0, 48).Select(i => i * 0.5f).ToArray(), 1, 3, 4, 4);
        b.AddOutput(b.AddNode("Sub", [x, mean], output: "prepared"), 1, 3, 4, 4);
        return b.Build();
    }

    private static float[] Run(ModelProto model, string input, float[] data, long[] shape)
    {
        using var session = new InferenceSession(model.ToByteArray());
        using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var results = session.Run(new RunOptions(), [input], [value], [session.OutputNames[0]]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static float[] Inputs(int batch) => Enumerable.Range(0, batch * 48).Select(i => (i * 37 % 101) / 10f).ToArray();

    [Fact]
    public void SymbolicBatchGivesTheBatchOneOutputsForEveryRow()
    {
        var model = FixedBatchNet();
        OnnxBatchDimension.MakeSymbolic(model);
        Assert.Equal(OnnxBatchDimension.Parameter, model.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        var data = Inputs(3);
        var batched = Run(model, "x", data, [3, 3, 4, 4]);
        Assert.Equal(15, batched.Length);
        for (var i = 0; i < 3; i++)
        {
            var single = Run(FixedBatchNet(), "x", data[(i * 48)..((i + 1) * 48)], [1, 3, 4, 4]);
            Assert.Equal(single, batched[(i * 5)..((i + 1) * 5)]);
        }
    }

    [Fact]
    public void PrependFeedsThePreprocessingOutputIntoTheModel()
    {
        var composed = OnnxGraphComposer.Prepend(MeanSubtraction(), FixedBatchNet());
        OnnxBatchDimension.MakeSymbolic(composed);
        Assert.Equal("raw", composed.Graph.Input.Single(i => composed.Graph.Initializer.All(t => t.Name != i.Name)).Name);
        var data = Inputs(2);
        var batched = Run(composed, "raw", data, [2, 3, 4, 4]);
        for (var i = 0; i < 2; i++)
        {
            var prepared = Run(MeanSubtraction(), "raw", data[(i * 48)..((i + 1) * 48)], [1, 3, 4, 4]);
            var expected = Run(FixedBatchNet(), "x", prepared, [1, 3, 4, 4]);
            Assert.Equal(expected, batched[(i * 5)..((i + 1) * 5)]);
        }
    }
}

public class OnnxPreparerTests
{
    [Fact]
    public void ACachedOnnxFileIsReusedAndATamperedOneIsMadeAgain()
    {
        using var dir = new TempDirectory();
        var b = new OnnxGraphBuilder("id");
        b.AddOutput(b.AddNode("Identity", [b.AddInput("x", OnnxGraphBuilder.Batch, 4)], output: "y"));
        File.WriteAllBytes(dir.Sub("m.onnx"), b.ToBytes());
        var card = TestPackages.NpmCard("toy", "p", "1", ("m.onnx", b.ToBytes())) with
        {
            Origin = dir.Sub("card.yaml"),
            Source = new FaceCompat.Models.Cards.ModelSource { Manager = FaceCompat.Models.Cards.PackageManager.File, Files = [new("m.onnx", null)], Entry = "m.onnx" },
        };
        var preparer = new OnnxPreparer(new FaceCompat.Models.Fetching.ModelStore(dir.Sub("cache")));
        var files = new Dictionary<string, string> { ["m.onnx"] = dir.Sub("m.onnx") };
        var lines = new List<string>();
        var path = preparer.Prepare(card, files, lines.Add);
        Assert.StartsWith(dir.Sub("cache", "onnx", "toy-"), path);
        var original = File.ReadAllBytes(path);
        Assert.Equal(path, preparer.Prepare(card, files, lines.Add));
        Assert.Single(lines); // converted once, then reused

        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(path, preparer.Prepare(card, files, lines.Add));
        Assert.Contains("fails its sha256 check", lines[^1]);
        Assert.Equal(original, File.ReadAllBytes(path));

        // A changed source gives a new cache key.
        var b2 = new OnnxGraphBuilder("id2");
        b2.AddOutput(b2.AddNode("Identity", [b2.AddInput("x", OnnxGraphBuilder.Batch, 4)], output: "y"));
        File.WriteAllBytes(dir.Sub("m.onnx"), b2.ToBytes());
        Assert.NotEqual(path, preparer.Prepare(card, files));
    }
}
