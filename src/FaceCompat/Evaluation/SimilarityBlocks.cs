using FaceCompat.Numerics;

namespace FaceCompat.Evaluation;

/// <summary>
/// Similarity of a block of query rows against every gallery row (dot products of row-major float32
/// vectors), the one GEMM that identification and neighbour searches are built on.
/// </summary>
internal static class SimilarityBlocks
{
    /// <summary>Block height so that one block of scores stays near 64 MiB whatever the gallery size.</summary>
    // Stryker disable once all : the block size is memory and speed only: blocks of any size give the same scores
    public static int BlockRows(int galleryCount) => Math.Clamp((16 << 20) / Math.Max(1, galleryCount), 16, 2048);

    /// <summary>scores[r, g] = dot(queries[r], gallery[g]) for the <paramref name="rows"/> query rows given (one SGEMM).</summary>
    public static void Multiply(ReadOnlySpan<float> queries, int rows, ReadOnlySpan<float> gallery, int galleryCount,
        int dimension, Span<float> scores) =>
        Blas.Sgemm(false, true, rows, galleryCount, dimension, 1f, queries, dimension, gallery, dimension, 0f, scores, galleryCount);
}
