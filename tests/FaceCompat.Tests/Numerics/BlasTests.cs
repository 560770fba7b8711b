using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

public class BlasTests
{
    [Fact]
    public void NativeLibraryIsBoundWhenTheMachineHasOne()
    {
        Assert.Contains(Blas.NativeBackend, new[] { "openblas", "reference-blas", "managed" });
        // CI installs OpenBLAS (scripts/bootstrap.sh); a silent fall-back to managed code would cost 15x.
        if (File.Exists("/lib/x86_64-linux-gnu/libopenblas.so.0") && Environment.GetEnvironmentVariable("FACECOMPAT_BLAS") is null)
            Assert.Equal("openblas", Blas.NativeBackend);
        using (Blas.ForceManaged()) Assert.Equal("managed", Blas.Backend);
        // outside the override, the bound library is the one in use
        Assert.Equal(Blas.NativeBackend, Blas.Backend);
        Assert.Equal(Blas.NativeBackend != "managed", Blas.UseNative);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void DgemmNativeAndManagedAgreeWithNaiveProduct(bool transA, bool transB)
    {
        const int m = 37, n = 29, k = 53, pad = 3;
        var (aRows, aCols) = transA ? (k, m) : (m, k);
        var (bRows, bCols) = transB ? (n, k) : (k, n);
        var a = RandomMatrices.Gaussian(aRows, aCols + pad, 1).Data; // leading dimension wider than the operand
        var b = RandomMatrices.Gaussian(bRows, bCols + pad, 2).Data;
        var c0 = RandomMatrices.Gaussian(m, n + pad, 3).Data;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;

        var expected = (double[])c0.Clone();
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++)
                    sum += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                expected[i * ldc + j] = 1.5 * sum - 0.5 * c0[i * ldc + j];
            }

        foreach (var managed in new[] { false, true })
        {
            var c = (double[])c0.Clone();
            using (RandomMatrices.Backend(managed))
                Blas.Dgemm(transA, transB, m, n, k, 1.5, a, lda, b, ldb, -0.5, c, ldc);
            for (var i = 0; i < c.Length; i++) Assert.Equal(expected[i], c[i], 1e-10);
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void SgemmNativeAndManagedAgree(bool transA, bool transB)
    {
        const int m = 70, n = 45, k = 130;
        var a = RandomMatrices.Gaussian(m, k, 4).ToFloats();
        var b = RandomMatrices.Gaussian(n, k, 5).ToFloats();
        var native = new float[m * n];
        var managed = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        if (transA) a = RandomMatrices.Gaussian(k, m, 4).ToFloats();
        if (!transB) b = RandomMatrices.Gaussian(k, n, 5).ToFloats();
        Blas.Sgemm(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, native, n);
        using (Blas.ForceManaged())
            Blas.Sgemm(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, managed, n);
        for (var i = 0; i < native.Length; i++) Assert.Equal(native[i], managed[i], 1e-3f);
        Assert.Contains(native, v => Math.Abs(v) > 1f);
    }

    [Fact]
    public void BetaZeroIgnoresNaNInTheOutput()
    {
        var c = new[] { double.NaN, double.NaN };
        foreach (var managed in new[] { false, true })
        {
            using (RandomMatrices.Backend(managed))
                Blas.Dgemm(false, false, 1, 2, 1, 1.0, new[] { 2.0 }, 1, new[] { 3.0, 4.0 }, 2, 0.0, c, 2);
            Assert.Equal(new[] { 6.0, 8.0 }, c);
        }
    }

    [Fact]
    public void TooShortOperandIsRefused()
    {
        Assert.Throws<ArgumentException>(() =>
            Blas.Dgemm(false, false, 2, 2, 2, 1.0, new double[3], 2, new double[4], 2, 0.0, new double[4], 2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GramEqualsTransposeTimesItself(bool managed)
    {
        var a = RandomMatrices.Gaussian(50, 17, 6);
        using (RandomMatrices.Backend(managed))
        {
            var gram = a.Gram();
            var product = Matrix.Multiply(a, true, a, false);
            Assert.True(gram.MaxAbsDifference(product) < 1e-10);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GramLowerAccumulatesBlocksAndOneMirrorFillsTheUpperTriangle(bool managed)
    {
        // n spans several 64-wide mirror tiles and ends inside one; G's rows are wider than n (ldg) and start as noise.
        const int n = 150, ldg = 153, rows = 300;
        var a = RandomMatrices.Gaussian(rows, n, 7);
        var g = RandomMatrices.Gaussian(n, ldg, 8).Data;
        for (var i = 0; i < n; i++) g.AsSpan(i * ldg, n).Clear();
        using (managed ? Blas.ForceManaged() : null)
        {
            foreach (var first in new[] { 0, 128, 256 })
                Blas.GramLower(Math.Min(128, rows - first), n, a.Data.AsSpan(first * n), n, 1.0, g, ldg);
            Blas.MirrorLower(n, g, ldg);
        }
        var expected = Matrix.Multiply(a, true, a, false);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                Assert.True(Math.Abs(g[i * ldg + j] - expected[i, j]) < 1e-9, $"G[{i},{j}] = {g[i * ldg + j]}, expected {expected[i, j]}");
    }

    [Fact]
    public void MirrorLowerCopiesEveryLowerEntryAndKeepsTheLowerTriangleAndPadding()
    {
        const int n = 131, ldg = 133;
        var g = new double[n * ldg];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < ldg; j++)
                g[i * ldg + j] = j <= i ? 1000.0 * i + j : j >= n ? -7 : double.NaN;
        Blas.MirrorLower(n, g, ldg);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < ldg; j++)
                Assert.Equal(j >= n ? -7 : 1000.0 * Math.Max(i, j) + Math.Min(i, j), g[i * ldg + j]);
    }
}
