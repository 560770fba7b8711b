using FaceCompat.Models;

namespace FaceCompat.Extraction;

/// <summary>
/// Runs an <see cref="InputBatch"/> through the embedder: its filled tensor for an
/// <see cref="ITensorEmbedder"/>, else its images. With the flip test each image went in with its mirror
/// and its row is the L2-normalised mean of the two embeddings.
/// </summary>
internal sealed class BatchEmbedder
{
    private readonly IImageEmbedder _embedder;
    private readonly bool _flip;
    private readonly float[] _output;

    public BatchEmbedder(IImageEmbedder embedder, int batchSize, bool flip)
    {
        _embedder = embedder;
        _flip = flip;
        _output = new float[(flip ? 2 : 1) * batchSize * embedder.Dimension];
    }

    /// <summary>Embeds the batch into <paramref name="destination"/>; returns the number of rows written.</summary>
    public int Embed(InputBatch batch, Span<float> destination)
    {
        if (batch.Count == 0) return 0;
        var dim = _embedder.Dimension;
        var outputs = _output.AsSpan(0, batch.Inputs * dim);
        if (batch.Tensor is { } tensor && _embedder is ITensorEmbedder tensors)
            tensors.RunBatch(tensor.AsMemory(0, batch.Inputs * batch.ValuesPerImage), batch.Inputs, outputs);
        else
            _embedder.Embed(batch.Images, outputs);
        if (!_flip)
        {
            outputs.CopyTo(destination);
            return batch.Count;
        }
        for (var i = 0; i < batch.Count; i++)
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
        return batch.Count;
    }
}
