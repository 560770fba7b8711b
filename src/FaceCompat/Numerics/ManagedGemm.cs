using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaceCompat.Numerics;

/// <summary>
/// The managed GEMM used when no native BLAS is present: operands are packed into zero-padded
/// contiguous panels, then a 4-row x 2-vector register-blocked SIMD kernel runs over cache-sized
/// blocks, rows split across cores.
/// </summary>
internal static class ManagedGemm
{
    private const int RowBlock = 4;
    private const int KBlock = 256;
    private const int RowsPerTask = 64;

    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, INumber<T>
    {
        var width = 2 * Vector<T>.Count;
        var mPad = (m + RowBlock - 1) / RowBlock * RowBlock;
        var nPad = (n + width - 1) / width * width;
        var ap = Pack(a, lda, transA, m, k, mPad, k);
        var bp = Pack(b, ldb, transB, k, n, k, nPad);
        var product = new T[(long)mPad * nPad];
        if (k > 0)
        {
            var tasks = (mPad + RowsPerTask - 1) / RowsPerTask;
            Parallel.For(0, tasks, t =>
            {
                var rowEnd = Math.Min(mPad, (t + 1) * RowsPerTask);
                Kernel(ap, bp, product, t * RowsPerTask, rowEnd, nPad, k);
            });
        }
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            var p = product.AsSpan(i * nPad, n);
            if (beta == T.Zero)
                for (var j = 0; j < n; j++) row[j] = alpha * p[j];
            else
                for (var j = 0; j < n; j++) row[j] = alpha * p[j] + beta * row[j];
        }
    }

    /// <summary>Copies op(X) (rows x cols) into a zero-padded row-major rowsPad x colsPad array.</summary>
    private static T[] Pack<T>(ReadOnlySpan<T> x, int ld, bool trans, int rows, int cols, int rowsPad, int colsPad)
        where T : unmanaged, INumber<T>
    {
        var packed = new T[(long)rowsPad * colsPad];
        for (var i = 0; i < rows; i++)
        {
            var dst = packed.AsSpan(i * colsPad, cols);
            if (!trans) x.Slice(i * ld, cols).CopyTo(dst);
            else for (var j = 0; j < cols; j++) dst[j] = x[j * ld + i];
        }
        return packed;
    }

    private static void Kernel<T>(T[] ap, T[] bp, T[] cp, int rowStart, int rowEnd, int nPad, int k)
        where T : unmanaged, INumber<T>
    {
        var w = Vector<T>.Count;
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(ap);
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(bp);
        ref var c0 = ref MemoryMarshal.GetArrayDataReference(cp);
        for (var kb = 0; kb < k; kb += KBlock)
        {
            var kEnd = Math.Min(k, kb + KBlock);
            for (var i = rowStart; i < rowEnd; i += RowBlock)
            {
                for (var j = 0; j < nPad; j += 2 * w)
                {
                    var c00 = Vector.LoadUnsafe(ref c0, (nuint)(i * nPad + j));
                    var c01 = Vector.LoadUnsafe(ref c0, (nuint)(i * nPad + j + w));
                    var c10 = Vector.LoadUnsafe(ref c0, (nuint)((i + 1) * nPad + j));
                    var c11 = Vector.LoadUnsafe(ref c0, (nuint)((i + 1) * nPad + j + w));
                    var c20 = Vector.LoadUnsafe(ref c0, (nuint)((i + 2) * nPad + j));
                    var c21 = Vector.LoadUnsafe(ref c0, (nuint)((i + 2) * nPad + j + w));
                    var c30 = Vector.LoadUnsafe(ref c0, (nuint)((i + 3) * nPad + j));
                    var c31 = Vector.LoadUnsafe(ref c0, (nuint)((i + 3) * nPad + j + w));
                    for (var p = kb; p < kEnd; p++)
                    {
                        var bv0 = Vector.LoadUnsafe(ref b0, (nuint)(p * nPad + j));
                        var bv1 = Vector.LoadUnsafe(ref b0, (nuint)(p * nPad + j + w));
                        var av = new Vector<T>(Unsafe.Add(ref a0, i * k + p));
                        c00 += av * bv0; c01 += av * bv1;
                        av = new Vector<T>(Unsafe.Add(ref a0, (i + 1) * k + p));
                        c10 += av * bv0; c11 += av * bv1;
                        av = new Vector<T>(Unsafe.Add(ref a0, (i + 2) * k + p));
                        c20 += av * bv0; c21 += av * bv1;
                        av = new Vector<T>(Unsafe.Add(ref a0, (i + 3) * k + p));
                        c30 += av * bv0; c31 += av * bv1;
                    }
                    c00.StoreUnsafe(ref c0, (nuint)(i * nPad + j));
                    c01.StoreUnsafe(ref c0, (nuint)(i * nPad + j + w));
                    c10.StoreUnsafe(ref c0, (nuint)((i + 1) * nPad + j));
                    c11.StoreUnsafe(ref c0, (nuint)((i + 1) * nPad + j + w));
                    c20.StoreUnsafe(ref c0, (nuint)((i + 2) * nPad + j));
                    c21.StoreUnsafe(ref c0, (nuint)((i + 2) * nPad + j + w));
                    c30.StoreUnsafe(ref c0, (nuint)((i + 3) * nPad + j));
                    c31.StoreUnsafe(ref c0, (nuint)((i + 3) * nPad + j + w));
                }
            }
        }
    }
}
