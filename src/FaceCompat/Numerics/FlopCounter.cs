namespace FaceCompat.Numerics;

/// <summary>
/// Floating-point operations done, by kind, since the process started (or summed over a span of work).
/// GEMM counts are exact (2 m n k; a Gram matrix A^T A of an m x n A, m n (n + 1)); decompositions count the
/// textbook operations of their algorithm (Golub and Van Loan, Matrix Computations: Cholesky n³/3, symmetric
/// eigenvalues 4n³/3 and with vectors 9n³, thin SVD of m x n (m ≥ n) 6mn² + 20n³, SVD least squares
/// 4mn² + 8n³, triangular solves 2n² per right-hand side), not what a LAPACK build actually executes.
/// </summary>
internal sealed record FlopCount(double SingleGemm, double DoubleGemm, double Decomposition)
{
    public static FlopCount Zero { get; } = new(0, 0, 0);

    public double Total => SingleGemm + DoubleGemm + Decomposition;

    public static FlopCount operator -(FlopCount a, FlopCount b) =>
        new(a.SingleGemm - b.SingleGemm, a.DoubleGemm - b.DoubleGemm, a.Decomposition - b.Decomposition);

    public static FlopCount operator +(FlopCount a, FlopCount b) =>
        new(a.SingleGemm + b.SingleGemm, a.DoubleGemm + b.DoubleGemm, a.Decomposition + b.Decomposition);

    /// <summary>
    /// The seconds this work needs at the given peaks (float32 GEMM at <paramref name="singlePeak"/>, float64 GEMM
    /// and decompositions at <paramref name="doublePeak"/>, both in FLOP/s): the lower bound a wall time is compared with.
    /// </summary>
    public double SecondsAtPeak(double singlePeak, double doublePeak) =>
        SingleGemm / singlePeak + (DoubleGemm + Decomposition) / doublePeak;
}

/// <summary>The process-wide operation counts every <see cref="Blas"/> product and <see cref="Decompositions"/> call adds to.</summary>
internal static class FlopCounter
{
    private static long singleGemm, doubleGemm, decomposition; // whole operations; a long holds 9e18

    /// <summary>What has been counted so far; the work of a span is the difference of two snapshots.</summary>
    public static FlopCount Snapshot() =>
        new(Interlocked.Read(ref singleGemm), Interlocked.Read(ref doubleGemm), Interlocked.Read(ref decomposition));

    internal static void SingleGemm(long m, long n, long k) => Interlocked.Add(ref singleGemm, 2 * m * n * k);

    internal static void DoubleGemm(long m, long n, long k) => Interlocked.Add(ref doubleGemm, 2 * m * n * k);

    /// <summary>A^T A of an m x n A by a symmetric rank-k update: one triangle, m n (n + 1) operations.</summary>
    internal static void Gram(long m, long n) => Interlocked.Add(ref doubleGemm, m * n * (n + 1));

    internal static void Decomposition(double operations) => Interlocked.Add(ref decomposition, (long)operations);
}
