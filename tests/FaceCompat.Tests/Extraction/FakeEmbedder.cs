using FaceCompat.Imaging;
using FaceCompat.Models;

namespace FaceCompat.Tests.Extraction;

/// <summary>
/// A deterministic stand-in model: the embedding of an image is the per-channel mean of each of four
/// quadrants plus a constant, L2-normalised (13 values). Records its calls for assertions.
/// </summary>
internal sealed class FakeEmbedder(int width = 16, int height = 16, string modelId = "fake") : IImageEmbedder
{
    public string ModelId { get; } = modelId;
    public int InputWidth { get; } = width;
    public int InputHeight { get; } = height;
    public int Dimension => 13;
    public List<int> BatchSizes { get; } = [];
    public int ImagesSeen { get; private set; }

    /// <summary>When set, called before each batch (lets a test cancel mid-run).</summary>
    public Action<int>? BeforeBatch { get; set; }

    public void Embed(IReadOnlyList<RgbImage> images, Span<float> output)
    {
        BeforeBatch?.Invoke(ImagesSeen);
        BatchSizes.Add(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            Assert.Equal(InputWidth, image.Width);
            Assert.Equal(InputHeight, image.Height);
            var row = output.Slice(i * Dimension, Dimension);
            Describe(image, row);
        }
        ImagesSeen += images.Count;
    }

    public static void Describe(RgbImage image, Span<float> row)
    {
        row.Clear();
        var counts = new int[4];
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var q = (y * 2 / image.Height) * 2 + x * 2 / image.Width;
            counts[q]++;
            for (var c = 0; c < 3; c++) row[q * 3 + c] += image.Pixels[(y * image.Width + x) * 3 + c];
        }
        for (var q = 0; q < 4; q++) for (var c = 0; c < 3; c++) row[q * 3 + c] /= counts[q] * 255f;
        row[12] = 1;
        double norm = 0;
        foreach (var v in row) norm += v * v;
        for (var k = 0; k < row.Length; k++) row[k] /= (float)Math.Sqrt(norm);
    }

    public void Dispose() { }
}
