using FaceCompat.Imaging;
using FaceCompat.Models;

namespace FaceCompat.Extraction;

/// <summary>
/// Collects prepared images into batches for the embedder. With the flip test each image goes in with
/// its mirror and its row is the L2-normalised mean of the two embeddings.
/// </summary>
internal sealed class BatchEmbedder
{
    private readonly IImageEmbedder _embedder;
    private readonly int _batchSize;
    private readonly bool _flip;
    private readonly List<RgbImage> _images;
    private float[] _output;
    private int _count;

    public BatchEmbedder(IImageEmbedder embedder, int batchSize, bool flip)
    {
        _embedder = embedder;
        _batchSize = batchSize;
        _flip = flip;
        _images = new List<RgbImage>(flip ? 2 * batchSize : batchSize);
        _output = new float[(flip ? 2 : 1) * batchSize * embedder.Dimension];
    }

    public bool IsEmpty => _count == 0;

    /// <summary>Adds an image; true when the batch is full and should be flushed.</summary>
    public bool Add(PreparedImage item)
    {
        _images.Add(item.Input!);
        if (_flip) _images.Add(item.Mirror!);
        _count++;
        return _count >= _batchSize;
    }

    /// <summary>Embeds the collected images into <paramref name="destination"/>; returns the number of rows written.</summary>
    public int Flush(Span<float> destination)
    {
        if (_count == 0) return 0;
        var dim = _embedder.Dimension;
        var outputs = _output.AsSpan(0, _images.Count * dim);
        _embedder.Embed(_images, outputs);
        if (!_flip)
        {
            outputs.CopyTo(destination);
        }
        else
        {
            for (var i = 0; i < _count; i++)
            {
                var row = destination.Slice(i * dim, dim);
                var a = outputs.Slice(2 * i * dim, dim);
                var b = outputs.Slice((2 * i + 1) * dim, dim);
                double norm = 0;
                for (var k = 0; k < dim; k++)
                {
                    var v = (a[k] + b[k]) * 0.5f;
                    row[k] = v;
                    norm += (double)v * v;
                }
                var scale = norm > 0 ? (float)(1.0 / Math.Sqrt(norm)) : 0f;
                for (var k = 0; k < dim; k++) row[k] *= scale;
            }
        }
        var written = _count;
        _images.Clear();
        _count = 0;
        return written;
    }
}
