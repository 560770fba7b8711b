using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using FaceCompat.Tests.Models.Conversion;

namespace FaceCompat.Tests.Models.Zoo;

/// <summary>
/// A card's output can be any tensor inside a TF.js graph (a layer tap), pooled as the card says; gray
/// inputs are one channel; the tensor listing shows every tap with its shape.
/// </summary>
public class LayerTapTests
{
    private const int Size = 4;
    private static readonly float[] ChannelGain = [1f, -2f, 3f];

    // x [-1,4,4,3] -> "features" = x * gain (per channel) -> "head" = Sum(features over H,W,C) (the declared output).
    private static string Model(TempDirectory dir) => new TfjsTestModel()
        .Placeholder("x", -1, Size, Size, 3)
        .Const("gain", ChannelGain, 3)
        .Node("features", "Mul", ["x", "gain"], ("T", Attr.Type("DT_FLOAT")))
        .ConstInt("axes", [1, 2, 3], 3)
        .Node("head", "Sum", ["features", "axes"], ("keep_dims", Attr.B(false)))
        .Signature(["x"], ["head"])
        .Write(dir.Sub("net"));

    private static ModelCard Card(TempDirectory dir, string output, int dimension, OutputPooling pooling, ColourOrder colour = ColourOrder.Rgb) => new()
    {
        Id = "tapped",
        Family = ModelFamily.FaceAttribute,
        Format = ModelFormat.TfjsGraph,
        Origin = dir.Sub("card.yaml"),
        Source = new ModelSource
        {
            Manager = PackageManager.File,
            Files = [new SourceFile("net/model.json", null), new SourceFile("net/weights.bin", null)],
            Entry = "net/model.json",
        },
        Input = new ModelInput { Name = "x", Width = Size, Height = Size, Layout = TensorLayout.Nhwc, Colour = colour, Scale = 1f / 255 },
        Output = new ModelOutput { Name = output, Dimension = dimension, Pooling = pooling },
    };

    private static RgbImage Image()
    {
        var pixels = new byte[Size * Size * 3];
        new Random(7).NextBytes(pixels);
        return new RgbImage(Size, Size, pixels);
    }

    [Fact]
    public void AnInnerTensorIsTappedAndPooledOverSpace()
    {
        using var dir = new TempDirectory();
        Model(dir);
        using var embedder = EmbedderFactory.Create(Card(dir, "features", 3, OutputPooling.MeanSpaceNhwc), new EmbedderOptions { CacheRoot = dir.Sub("cache"), Threads = 1 });
        var image = Image();
        var actual = new float[3];
        embedder.Embed([image], actual);

        var expected = new double[3];
        for (var p = 0; p < Size * Size; p++)
            for (var c = 0; c < 3; c++) expected[c] += image.Pixels[p * 3 + c] / 255.0 * ChannelGain[c] / (Size * Size);
        var norm = Math.Sqrt(expected.Sum(v => v * v));
        for (var c = 0; c < 3; c++) Assert.Equal(expected[c] / norm, actual[c], 5);
    }

    [Fact]
    public void TappingAnotherTensorMakesAnotherCachedGraph()
    {
        using var dir = new TempDirectory();
        Model(dir);
        var options = new EmbedderOptions { CacheRoot = dir.Sub("cache"), Threads = 1 };
        var tap = EmbedderFactory.Prepare(Card(dir, "features", 3, OutputPooling.MeanSpaceNhwc), options);
        var head = EmbedderFactory.Prepare(Card(dir, "head", 1, OutputPooling.None), options);
        Assert.NotEqual(tap.OnnxPath, head.OnnxPath);
    }

    [Fact]
    public void TheTensorListingGivesEachComputedTensorWithItsShape()
    {
        using var dir = new TempDirectory();
        Model(dir);
        var tensors = ModelTensors.List(Card(dir, "head", 1, OutputPooling.None), new EmbedderOptions { CacheRoot = dir.Sub("cache"), Threads = 1 });
        Assert.Equal(["features", "head"], tensors.Select(t => t.Name));
        Assert.Equal([1L, Size, Size, 3], tensors[0].Shape);
        Assert.Equal("Mul", tensors[0].Op);
        Assert.Equal([1L], tensors[1].Shape);
    }

    [Fact]
    public void GrayInputIsHumansWeightedSumInOneChannel()
    {
        var input = new ModelInput { Name = "x", Width = 2, Height = 1, Layout = TensorLayout.Nhwc, Colour = ColourOrder.Gray, Scale = 2f / 255, Mean = [1f, 1f, 1f] };
        var pre = new TensorPreprocessor(input);
        Assert.Equal(2, pre.ValuesPerImage);
        var values = new float[2];
        pre.Fill(new RgbImage(2, 1, [255, 255, 255, 200, 100, 50]), values);
        Assert.Equal(1f, values[0], 3);
        var gray = 0.2989 * 200 + 0.5870 * 100 + 0.1140 * 50;
        Assert.Equal(gray * 2 / 255 - 1, values[1], 5);
    }
}
