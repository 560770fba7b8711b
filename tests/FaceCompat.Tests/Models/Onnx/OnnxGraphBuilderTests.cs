using FaceCompat.Models.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceCompat.Tests.Models.Onnx;

public class OnnxGraphBuilderTests
{
    [Fact]
    public void ConvNetWithSymbolicBatchRunsAndMatchesHandComputation()
    {
        var b = new OnnxGraphBuilder("tiny");
        var x = b.AddInput("input", OnnxGraphBuilder.Batch, 1, 2, 2);
        // 1x1 convolution with weight 2 and bias 1, then Relu.
        var w = b.AddInitializer("w", [2f], 1, 1, 1, 1);
        var bias = b.AddInitializer("b", [1f], 1);
        var y = b.AddNode("Conv", [x, w, bias]);
        b.AddOutput(b.AddNode("Relu", [y], output: "features"));

        using var session = new InferenceSession(b.ToBytes());
        var input = new DenseTensor<float>(new float[] { 1, -3, 0.5f, 2, -1, 4, 0, 0 }, [2, 1, 2, 2]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var output = results.Single(r => r.Name == "features").AsTensor<float>().ToArray();
        Assert.Equal(new float[] { 3, 0, 2, 5, 0, 9, 1, 1 }, output);
        Assert.Equal("batch", session.InputMetadata["input"].SymbolicDimensions[0]);
    }

    [Fact]
    public void BuildingTheSameGraphTwiceGivesIdenticalBytes()
    {
        static byte[] Make()
        {
            var b = new OnnxGraphBuilder("g");
            var x = b.AddInput("x", 4);
            b.AddOutput(b.AddNode("Mul", [x, b.Scalar("two", 2f)], output: "y"));
            return b.ToBytes();
        }
        Assert.Equal(Make(), Make());
    }

    [Fact]
    public void UniqueNamesNeverCollideAndDuplicateExplicitNamesAreRefused()
    {
        var b = new OnnxGraphBuilder();
        var a = b.UniqueName("t");
        var c = b.UniqueName("t");
        Assert.NotEqual(a, c);
        b.AddInput("x", 1);
        Assert.Throws<ArgumentException>(() => b.AddInput("x", 1));
        Assert.Throws<ArgumentException>(() => b.AddInitializer("w", [1f, 2f], 3));
    }
}
