using System.Numerics.Tensors;

namespace FaceCompat.Evaluation;

/// <summary>
/// Similarity of a block of query rows against every gallery row (dot products of row-major float32
/// vectors), the one GEMM that identification and neighbour searches are built on.
/// </summary>
internal static class SimilarityBlocks
{
    /// <summary>Block height so that one block of scores stays near 64 MiB whatever the gallery size.</summary>
    public static int BlockRows(int galleryCount) => Math.Clamp((16 << 20) / Math.Max(1, galleryCount), 16, 2048);

    /// <summary>scores[r, g] = dot(queries[r], gallery[g]) for the <paramref name="rows"/> query rows given.</summary>
    public static void Multiply(ReadOnlySpan<float> queries, int rows, ReadOnlySpan<float> gallery, int galleryCount,
        int dimension, Span<float> scores)
    {
        for (var r = 0; r < rows; r++)
        {
            var q = queries.Slice(r * dimension, dimension);
            var row = scores.Slice(r * galleryCount, galleryCount);
            for (var g = 0; g < galleryCount; g++)
                row[g] = TensorPrimitives.Dot(q, gallery.Slice(g * dimension, dimension));
        }
    }
}
