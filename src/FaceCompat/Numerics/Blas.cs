namespace FaceCompat.Numerics;

/// <summary>
/// Row-major matrix products on the fastest route this machine has: native OpenBLAS, else the
/// system's reference BLAS, else a managed SIMD kernel. <c>FACECOMPAT_BLAS=managed</c> (or
/// <c>reference</c>, <c>openblas</c>) picks a backend; <see cref="ForceManaged"/> does so for one scope.
/// </summary>
internal static class Blas
{
    private static readonly AsyncLocal<bool> ManagedOverride = new();

    /// <summary>"openblas", "reference-blas" or "managed": the backend the calls on this flow use.</summary>
    public static string Backend => UseNative ? NativeBlas.Name : NativeBlas.ManagedName;

    /// <summary>The native library bound at start-up, whatever <see cref="ForceManaged"/> says.</summary>
    public static string NativeBackend => NativeBlas.Name;

    internal static bool UseNative => NativeBlas.Available && !ManagedOverride.Value;

    /// <summary>Sets the native library's thread count (OpenBLAS defaults here to the processor count).</summary>
    public static void SetThreadCount(int threads) => NativeBlas.SetThreadCount(threads);

    /// <summary>Makes the calls on this async flow use managed code until the scope is disposed (tests compare backends).</summary>
    internal static IDisposable ForceManaged()
    {
        var previous = ManagedOverride.Value;
        ManagedOverride.Value = true;
        return new Scope(() => ManagedOverride.Value = previous);
    }

    /// <summary>C = alpha * op(A) * op(B) + beta * C, all row-major; op(A) is m x k, op(B) is k x n.</summary>
    public static unsafe void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        CheckGemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        // Stryker disable once Logical,Statement : BLAS and the managed kernel both return at once when C is empty, and the count adds 0
        if (m == 0 || n == 0) return;
        FlopCounter.SingleGemm(m, n, k);
        // Stryker disable once Logical,Equality,Boolean,Block : both routes compute the same product (BlasTests compare them); which one ran is not visible in the values (BLAS also scales C by beta when k = 0)
        if (k == 0 || !UseNative)
        {
            ManagedGemm.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: swap the operands.
        byte ta = transB ? (byte)'T' : (byte)'N', tb = transA ? (byte)'T' : (byte)'N';
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            NativeBlas.Sgemm(&ta, &tb, &n, &m, &k, &alpha, pb, &ldb, pa, &lda, &beta, pc, &ldc, 1, 1);
    }

    /// <summary>C = alpha * op(A) * op(B) + beta * C, all row-major; op(A) is m x k, op(B) is k x n.</summary>
    public static unsafe void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        CheckGemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        // Stryker disable once Logical,Statement : BLAS and the managed kernel both return at once when C is empty, and the count adds 0
        if (m == 0 || n == 0) return;
        FlopCounter.DoubleGemm(m, n, k);
        // Stryker disable once Logical,Equality,Boolean,Block : both routes compute the same product (BlasTests compare them); which one ran is not visible in the values (BLAS also scales C by beta when k = 0)
        if (k == 0 || !UseNative)
        {
            ManagedGemm.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        byte ta = transB ? (byte)'T' : (byte)'N', tb = transA ? (byte)'T' : (byte)'N';
        fixed (double* pa = a) fixed (double* pb = b) fixed (double* pc = c)
            NativeBlas.Dgemm(&ta, &tb, &n, &m, &k, &alpha, pb, &ldb, pa, &lda, &beta, pc, &ldc, 1, 1);
    }

    /// <summary>The Gram matrix G = A^T A (n x n) of a row-major m x n matrix A (symmetric; both triangles filled).</summary>
    public static void Gram(int m, int n, ReadOnlySpan<double> a, Span<double> g) => Gram(m, n, a, n, g, n);

    /// <summary>G = A^T A for the row-major m x n matrix A stored with leading dimension lda (so a
    /// block of leading columns can be used); G is written with leading dimension ldg.</summary>
    public static void Gram(int m, int n, ReadOnlySpan<double> a, int lda, Span<double> g, int ldg)
    {
        GramLower(m, n, a, lda, 0.0, g, ldg);
        MirrorLower(n, g, ldg);
    }

    /// <summary>
    /// The lower triangle (row-major, diagonal included) of G = A^T A + beta G; the upper triangle is left as it is
    /// (or, on the managed route, written too). Blocks of rows accumulate with beta 1 and one <see cref="MirrorLower"/>
    /// at the end: mirroring after every block would read the whole upper triangle across rows each time.
    /// </summary>
    public static unsafe void GramLower(int m, int n, ReadOnlySpan<double> a, int lda, double beta, Span<double> g, int ldg)
    {
        if (lda < Math.Max(1, n) || ldg < Math.Max(1, n)) throw new ArgumentException("Leading dimension too small.");
        // Stryker disable once Equality : with m = 0 (or n = 0) the length needed, (m - 1) lda + n, is at most n - lda <= 0, so the check cannot fire either way
        if (m > 0 && n > 0 && a.Length < (long)(m - 1) * lda + n) throw new ArgumentException("A is too short.", nameof(a));
        // Stryker disable once Equality : with n = 0 the length needed, (n - 1) ldg + n, is negative
        if (n > 0 && g.Length < (long)(n - 1) * ldg + n) throw new ArgumentException("G is too short.", nameof(g));
        // Stryker disable once Statement : an n = 0 Gram matrix has nothing to write on either route
        if (n == 0) return;
        // Stryker disable once Logical : dsyrk with k = 0 and beta = 0 writes the zero matrix, as the product route does
        if (m == 0 || !UseNative)
        {
            Dgemm(true, false, n, n, m, 1.0, a, lda, a, lda, beta, g, ldg);
            return;
        }
        FlopCounter.Gram(m, n); // the managed route above is a Dgemm, counted there
        // Row-major A (m x n) is column-major A^T (n x m); C = (A^T)(A^T)^T is dsyrk 'N'. Upper of column-major = row-major lower.
        byte uplo = (byte)'U', trans = (byte)'N';
        double one = 1;
        fixed (double* pa = a) fixed (double* pg = g)
            NativeBlas.Dsyrk(&uplo, &trans, &n, &m, &one, pa, &lda, &beta, pg, &ldg, 1, 1);
    }

    /// <summary>Copies the lower triangle of the n x n row-major G (leading dimension ldg) onto its upper triangle.</summary>
    public static void MirrorLower(int n, Span<double> g, int ldg)
    {
        // Tiles of 64 x 64 keep the column reads of the lower triangle within a few cache lines per row.
        const int tile = 64;
        for (var i0 = 0; i0 < n; i0 += tile)
            for (var j0 = i0; j0 < n; j0 += tile)
                for (var i = i0; i < Math.Min(i0 + tile, n); i++)
                    for (var j = Math.Max(j0, i + 1); j < Math.Min(j0 + tile, n); j++)
                        g[i * ldg + j] = g[j * ldg + i];
    }

    private static void CheckGemm(bool transA, bool transB, int m, int n, int k, int aLength, int lda,
        int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "Dimensions must be non-negative.");
        // Stored shapes: A is m x k (or k x m when transposed), B is k x n (or n x k), C is m x n.
        var (aRows, aCols) = transA ? (k, m) : (m, k);
        var (bRows, bCols) = transB ? (n, k) : (k, n);
        CheckOperand("A", aRows, aCols, aLength, lda);
        CheckOperand("B", bRows, bCols, bLength, ldb);
        CheckOperand("C", m, n, cLength, ldc);
    }

    private static void CheckOperand(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"Leading dimension of {name} ({ld}) is smaller than its {cols} columns.");
        // Stryker disable once Equality : with rows = 0 the length needed, (rows - 1) ld + cols, is at most cols - ld <= 0
        if (rows > 0 && cols > 0 && (long)(rows - 1) * ld + cols > length)
            throw new ArgumentException($"{name} holds {length} values, too few for {rows}x{cols} with leading dimension {ld}.");
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
