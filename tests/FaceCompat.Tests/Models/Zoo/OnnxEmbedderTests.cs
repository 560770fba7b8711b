using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using FaceCompat.Models.Onnx;

namespace FaceCompat.Tests.Models.Zoo;

/// <summary>Any ONNX export runs from a user card: small nets built here, checked against a hand computation.</summary>
public class OnnxEmbedderTests
{
    private const int Size = 8;

    private static RgbImage Image(int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[Size * Size * 3];
        rng.NextBytes(pixels);
        return new RgbImage(Size, Size, pixels);
    }

    private static readonly float[] PointwiseWeights = Enumerable.Range(0, 4 * 3).Select(i => MathF.Sin(i + 1)).ToArray();
    private static readonly float[] PointwiseBias = [0.1f, -0.2f, 0.3f, 0f];

    // NCHW conv net: 1x1 Conv (3 -> 4 channels) + Relu, output [B, 4, 8, 8] pooled by mean over space.
    private static string ConvNet(TempDirectory dir)
    {
        var b = new OnnxGraphBuilder("convnet");
        var x = b.AddInput("image", OnnxGraphBuilder.Batch, 3, Size, Size);
        var w = b.AddInitializer("w", PointwiseWeights, 4, 3, 1, 1);
        var bias = b.AddInitializer("b", PointwiseBias, 4);
        b.AddOutput(b.AddNode("Relu", [b.AddNode("Conv", [x, w, bias])], output: "features"));
        var path = dir.Sub("convnet.onnx");
        File.WriteAllBytes(path, b.ToBytes());
        return path;
    }

    private static readonly float[] TokenWeights = Enumerable.Range(0, 12 * 4).Select(i => MathF.Cos(i * 0.7f)).ToArray();

    // Token net: NHWC [B, 8, 8, 3] -> Reshape [B, 16, 12] -> MatMul [12, 4] -> [B, 16, 4].
    private static string TokenNet(TempDirectory dir)
    {
        var b = new OnnxGraphBuilder("tokennet");
        var x = b.AddInput("pixels", OnnxGraphBuilder.Batch, Size, Size, 3);
        var tokens = b.AddNode("Reshape", [x, b.ConstantInt64("shape", 0, 16, 12)]);
        b.AddOutput(b.AddNode("MatMul", [tokens, b.AddInitializer("proj", TokenWeights, 12, 4)], output: "last_hidden_state"));
        var path = dir.Sub("tokennet.onnx");
        File.WriteAllBytes(path, b.ToBytes());
        return path;
    }

    private static ModelCard Card(string path, string input, TensorLayout layout, ColourOrder colour, string output, OutputPooling pooling) => new()
    {
        Id = "user",
        Family = ModelFamily.GenericVision,
        Format = ModelFormat.Onnx,
        Origin = path,
        Source = new ModelSource { Manager = PackageManager.File, Files = [new SourceFile(Path.GetFileName(path), null)], Entry = Path.GetFileName(path) },
        Input = new ModelInput { Name = input, Width = Size, Height = Size, Layout = layout, Colour = colour, Scale = 1 / 255f, Mean = [0.5f, 0.4f, 0.3f], Std = [0.2f, 0.25f, 0.3f] },
        Output = new ModelOutput { Name = output, Dimension = 4, Pooling = pooling },
    };

    private static float Normalised(ModelInput input, RgbImage image, int pixel, int tensorChannel)
    {
        var source = input.Colour == ColourOrder.Rgb ? tensorChannel : 2 - tensorChannel;
        return (image.Pixels[pixel * 3 + source] * input.Scale - input.Mean[tensorChannel]) / input.Std[tensorChannel];
    }

    private static float[] L2(float[] v)
    {
        var n = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / n).ToArray();
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(MathF.Abs(expected[i] - actual[i]) < 1e-5f, $"[{i}] expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(ColourOrder.Rgb, 1)]
    [InlineData(ColourOrder.Bgr, 2)]
    [InlineData(ColourOrder.Rgb, 32)]
    public void NchwConvNetWithSpatialMeanMatchesAHandComputation(ColourOrder colour, int batchSize)
    {
        using var dir = new TempDirectory();
        var card = Card(ConvNet(dir), "image", TensorLayout.Nchw, colour, "features", OutputPooling.MeanSpaceNchw);
        var images = Enumerable.Range(0, 5).Select(Image).ToList();
        using var embedder = EmbedderFactory.Create(card, new EmbedderOptions { BatchSize = batchSize, Threads = 1, CacheRoot = dir.Sub("cache") });
        var output = new float[images.Count * 4];
        embedder.Embed(images, output);
        for (var n = 0; n < images.Count; n++)
        {
            var expected = new float[4];
            for (var o = 0; o < 4; o++)
            {
                double sum = 0;
                for (var p = 0; p < Size * Size; p++)
                {
                    var v = PointwiseBias[o];
                    for (var c = 0; c < 3; c++) v += PointwiseWeights[o * 3 + c] * Normalised(card.Input, images[n], p, c);
                    sum += Math.Max(0, v);
                }
                expected[o] = (float)(sum / (Size * Size));
            }
            AssertClose(L2(expected), output.AsSpan(n * 4, 4));
        }
    }

    [Theory]
    [InlineData(OutputPooling.ClsToken)]
    [InlineData(OutputPooling.MeanTokens)]
    public void TokenNetPoolsTokensAsTheCardSays(OutputPooling pooling)
    {
        using var dir = new TempDirectory();
        var card = Card(TokenNet(dir), "pixels", TensorLayout.Nhwc, ColourOrder.Rgb, "last_hidden_state", pooling);
        var images = Enumerable.Range(10, 3).Select(Image).ToList();
        using var embedder = EmbedderFactory.Create(card, new EmbedderOptions { BatchSize = 2, Threads = 1, CacheRoot = dir.Sub("cache") });
        var output = new float[images.Count * 4];
        embedder.Embed(images, output);
        for (var n = 0; n < images.Count; n++)
        {
            var tensor = new float[Size * Size * 3];
            for (var p = 0; p < Size * Size; p++)
                for (var c = 0; c < 3; c++) tensor[p * 3 + c] = Normalised(card.Input, images[n], p, c);
            var tokens = pooling == OutputPooling.ClsToken ? 1 : 16;
            var expected = new float[4];
            for (var t = 0; t < tokens; t++)
                for (var o = 0; o < 4; o++)
                    for (var k = 0; k < 12; k++) expected[o] += tensor[t * 12 + k] * TokenWeights[k * 4 + o] / tokens;
            AssertClose(L2(expected), output.AsSpan(n * 4, 4));
        }
    }

    [Fact]
    public void ACardNamingAMissingInputGivesAClearError()
    {
        using var dir = new TempDirectory();
        var card = Card(ConvNet(dir), "pixel_values", TensorLayout.Nchw, ColourOrder.Rgb, "features", OutputPooling.MeanSpaceNchw);
        var ex = Assert.Throws<FaceCompatException>(() => EmbedderFactory.Create(card, new EmbedderOptions { CacheRoot = dir.Sub("cache") }));
        Assert.Equal("Model user: its card names input 'pixel_values', but the ONNX graph's inputs are: image.", ex.Message);
    }

    [Fact]
    public void ACardNamingAMissingOutputOrTheWrongLayoutGivesAClearError()
    {
        using var dir = new TempDirectory();
        var path = ConvNet(dir);
        var badOutput = Card(path, "image", TensorLayout.Nchw, ColourOrder.Rgb, "embedding", OutputPooling.None);
        Assert.Contains("the ONNX graph has no tensor named 'embedding'", Assert.Throws<FaceCompatException>(() => EmbedderFactory.Create(badOutput, new EmbedderOptions { CacheRoot = dir.Sub("cache") })).Message);
        var badLayout = Card(path, "image", TensorLayout.Nhwc, ColourOrder.Rgb, "features", OutputPooling.MeanSpaceNchw);
        Assert.Contains("but the card describes NHWC", Assert.Throws<FaceCompatException>(() => EmbedderFactory.Create(badLayout, new EmbedderOptions { CacheRoot = dir.Sub("cache") })).Message);
    }

    [Fact]
    public void AnOutputOfTheWrongSizeWithoutPoolingIsAClearError()
    {
        using var dir = new TempDirectory();
        var card = Card(ConvNet(dir), "image", TensorLayout.Nchw, ColourOrder.Rgb, "features", OutputPooling.None);
        using var embedder = EmbedderFactory.Create(card, new EmbedderOptions { CacheRoot = dir.Sub("cache"), Threads = 1 });
        var ex = Assert.Throws<FaceCompatException>(() => embedder.Embed([Image(1)], new float[4]));
        Assert.Contains("expects 4 values per image", ex.Message);
    }

    [Fact]
    public void AskingForCudaWithoutTheProviderIsAClearError()
    {
        using var dir = new TempDirectory();
        var card = Card(ConvNet(dir), "image", TensorLayout.Nchw, ColourOrder.Rgb, "features", OutputPooling.MeanSpaceNchw);
        // The CPU build of ONNX Runtime (what the project references) has no CUDA provider.
        var ex = Assert.Throws<FaceCompatException>(() => EmbedderFactory.Create(card, new EmbedderOptions { CacheRoot = dir.Sub("cache"), Device = ExecutionDevice.Cuda }));
        Assert.Contains("CUDA execution provider is not available", ex.Message);
    }

    [Fact]
    public void AUserCardFileRunsThroughTheCatalog()
    {
        using var dir = new TempDirectory();
        TokenNet(dir);
        var yaml = ModelCardReaderTests.UserCard.Replace("vit.onnx", "tokennet.onnx").Replace("pixel_values", "pixels").Replace("layout: NCHW", "layout: NHWC");
        File.WriteAllText(dir.Sub("card.yaml"), yaml);
        using var embedder = EmbedderFactory.Create(dir.Sub("card.yaml"), new EmbedderOptions { CacheRoot = dir.Sub("cache"), Threads = 1 });
        var output = new float[4];
        embedder.Embed([Image(3)], output);
        Assert.Equal(1.0, Math.Sqrt(output.Sum(x => (double)x * x)), 5);
        Assert.Single(Directory.GetFiles(dir.Sub("cache", "onnx"), "my-vit-*.onnx"));
    }
}
