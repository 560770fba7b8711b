using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Inference;

/// <summary>Reads each image's embedding from a batched output tensor, pooling tokens or space as the card says.</summary>
internal static class EmbeddingPooling
{
    /// <summary>Writes batch row <paramref name="row"/> of <paramref name="output"/> (shape <paramref name="shape"/>) into <paramref name="embedding"/>.</summary>
    public static void Extract(ReadOnlySpan<float> output, ReadOnlySpan<long> shape, int row, OutputPooling pooling, Span<float> embedding, string modelId)
    {
        var dim = embedding.Length;
        var batch = shape.Length > 0 ? shape[0] : 1;
        var perRow = (int)(output.Length / Math.Max(1, batch));
        var data = output.Slice(row * perRow, perRow);
        switch (pooling)
        {
            case OutputPooling.None:
                if (perRow != dim) throw ShapeError(modelId, shape, $"{dim} values per image");
                data.CopyTo(embedding);
                break;
            case OutputPooling.ClsToken:
            case OutputPooling.MeanTokens:
                if (shape.Length != 3 || shape[2] != dim) throw ShapeError(modelId, shape, $"[batch, tokens, {dim}]");
                var tokens = (int)shape[1];
                if (pooling == OutputPooling.ClsToken) { data[..dim].CopyTo(embedding); break; }
                embedding.Clear();
                for (var t = 0; t < tokens; t++) Accumulate(embedding, data.Slice(t * dim, dim));
                Scale(embedding, 1f / tokens);
                break;
            case OutputPooling.MeanSpaceNhwc:
                if (shape.Length != 4 || shape[3] != dim) throw ShapeError(modelId, shape, $"[batch, H, W, {dim}]");
                var positions = (int)(shape[1] * shape[2]);
                embedding.Clear();
                for (var p = 0; p < positions; p++) Accumulate(embedding, data.Slice(p * dim, dim));
                Scale(embedding, 1f / positions);
                break;
            case OutputPooling.MeanSpaceNchw:
                if (shape.Length != 4 || shape[1] != dim) throw ShapeError(modelId, shape, $"[batch, {dim}, H, W]");
                var area = (int)(shape[2] * shape[3]);
                for (var c = 0; c < dim; c++)
                {
                    var plane = data.Slice(c * area, area);
                    double sum = 0;
                    for (var i = 0; i < plane.Length; i++) sum += plane[i];
                    embedding[c] = (float)(sum / area);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(pooling));
        }
    }

    /// <summary>Divides by the Euclidean norm (a zero vector stays zero).</summary>
    public static void L2Normalise(Span<float> v)
    {
        double sum = 0;
        for (var i = 0; i < v.Length; i++) sum += (double)v[i] * v[i];
        if (sum <= 0) return;
        Scale(v, (float)(1.0 / Math.Sqrt(sum)));
    }

    private static void Accumulate(Span<float> into, ReadOnlySpan<float> x)
    {
        for (var i = 0; i < into.Length; i++) into[i] += x[i];
    }

    private static void Scale(Span<float> v, float factor)
    {
        for (var i = 0; i < v.Length; i++) v[i] *= factor;
    }

    private static FaceCompatException ShapeError(string modelId, ReadOnlySpan<long> shape, string expected) =>
        new($"Model {modelId}: the embedding output has shape [{string.Join(",", shape.ToArray())}], but its card expects {expected}.");
}
