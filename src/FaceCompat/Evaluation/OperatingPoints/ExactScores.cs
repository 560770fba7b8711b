using FaceCompat.Numerics;

namespace FaceCompat.Evaluation;

/// <summary>
/// The score of two float32 templates in the operating-point evaluations: their dot product accumulated in double
/// (DGEMM on the widened rows), rounded once to float32. Rounding makes the value independent of the summation order
/// up to a vanishing chance, so an independent implementation (numpy: <c>(P.astype(f64) @ G.astype(f64).T).astype(f32)</c>)
/// finds exactly the same counts at a threshold.
/// </summary>
internal static class ExactScores
{
    /// <summary>Block height so that one block of double scores stays near 64 MiB.</summary>
    // Stryker disable once all : the block size is memory and speed only: blocks of any size give the same scores (AllPairsScoresTests)
    public static int BlockRows(int columns) => Math.Clamp((8 << 20) / Math.Max(1, columns), 16, 4096);

    public static double[] Widen(float[] values)
    {
        var wide = new double[values.Length];
        for (var i = 0; i < wide.Length; i++) wide[i] = values[i];
        return wide;
    }

    /// <summary>block[r, g] = probe row (first + r) · gallery row g, for <paramref name="rows"/> probe rows.</summary>
    public static void Block(double[] probes, int first, int rows, double[] gallery, int galleryCount, int dimension, Span<double> block) =>
        Blas.Dgemm(false, true, rows, galleryCount, dimension, 1.0, probes.AsSpan(first * dimension, rows * dimension), dimension,
            gallery, dimension, 0.0, block[..(rows * galleryCount)], galleryCount);

    /// <summary>The score of one pair (the same value a GEMM block gives, up to the rounding above).</summary>
    public static float Pair(ReadOnlySpan<float> probe, ReadOnlySpan<float> reference) => (float)Verification.DotDouble(probe, reference);
}
