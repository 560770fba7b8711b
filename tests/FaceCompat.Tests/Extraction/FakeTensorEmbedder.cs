using FaceCompat.Imaging;
using FaceCompat.Models;

namespace FaceCompat.Tests.Extraction;

/// <summary>
/// <see cref="FakeEmbedder"/>'s model behind the <see cref="ITensorEmbedder"/> split: the tensor holds the
/// pixel bytes as floats, and a run turns each image's slice back into pixels and describes them, so its
/// rows equal FakeEmbedder's exactly. Records the inputs per run.
/// </summary>
internal sealed class FakeTensorEmbedder(int width = 16, int height = 16, int batchSize = 64, string modelId = "fake") : ITensorEmbedder
{
    public string ModelId { get; } = modelId;
    public int InputWidth { get; } = width;
    public int InputHeight { get; } = height;
    public int Dimension => 13;
    public int BatchSize { get; } = batchSize;
    public int ValuesPerImage => InputWidth * InputHeight * 3;
    public List<int> BatchSizes { get; } = [];
    public int ImagesSeen { get; private set; }
    public int Fills;

    /// <summary>When set, called before each run (lets a test cancel mid-run).</summary>
    public Action<int>? BeforeBatch { get; set; }

    public void FillInput(RgbImage image, Span<float> destination)
    {
        Assert.Equal(ValuesPerImage, destination.Length);
        for (var i = 0; i < destination.Length; i++) destination[i] = image.Pixels[i];
        Interlocked.Increment(ref Fills);
    }

    public void RunBatch(Memory<float> input, int count, Span<float> output)
    {
        Assert.InRange(count, 1, BatchSize);
        BeforeBatch?.Invoke(ImagesSeen);
        BatchSizes.Add(count);
        var values = input.Span;
        for (var i = 0; i < count; i++)
        {
            var pixels = new byte[ValuesPerImage];
            for (var k = 0; k < pixels.Length; k++) pixels[k] = checked((byte)values[i * ValuesPerImage + k]);
            FakeEmbedder.Describe(new RgbImage(InputWidth, InputHeight, pixels), output.Slice(i * Dimension, Dimension));
        }
        ImagesSeen += count;
    }

    public void Embed(IReadOnlyList<RgbImage> images, Span<float> output) =>
        throw new InvalidOperationException("The pipeline should fill tensors ahead for a tensor embedder.");

    public void Dispose() { }
}
