using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

/// <summary>What the BLAS wrappers refuse (with the operand named), what they do with empty shapes, and Gram on a block of leading columns.</summary>
public class BlasArgumentTests
{
    private static ArgumentException Dgemm(bool transA, bool transB, int m, int n, int k, int aLength, int lda, int bLength, int ldb, int cLength, int ldc) =>
        Assert.ThrowsAny<ArgumentException>(() => Blas.Dgemm(transA, transB, m, n, k, 1.0, new double[aLength], lda, new double[bLength], ldb, 0.0,
            new double[cLength], ldc));

    [Fact]
    public void NegativeDimensionsAreRefused()
    {
        Assert.IsType<ArgumentOutOfRangeException>(Dgemm(false, false, -1, 2, 2, 4, 2, 4, 2, 4, 2));
        Assert.IsType<ArgumentOutOfRangeException>(Dgemm(false, false, 2, -1, 2, 4, 2, 4, 2, 4, 2));
        Assert.IsType<ArgumentOutOfRangeException>(Dgemm(false, false, 2, 2, -1, 4, 2, 4, 2, 4, 2));
    }

    [Fact]
    public void EachOperandTooShortOrTooNarrowIsNamed()
    {
        // m = 2, n = 3, k = 4: A 2x4, B 4x3, C 2x3
        Assert.Contains("A holds 7 values", Dgemm(false, false, 2, 3, 4, 7, 4, 12, 3, 6, 3).Message);
        Assert.Contains("B holds 11 values", Dgemm(false, false, 2, 3, 4, 8, 4, 11, 3, 6, 3).Message);
        Assert.Contains("C holds 5 values", Dgemm(false, false, 2, 3, 4, 8, 4, 12, 3, 5, 3).Message);
        Assert.Contains("Leading dimension of A (3)", Dgemm(false, false, 2, 3, 4, 8, 3, 12, 3, 6, 3).Message);
        Assert.Contains("Leading dimension of B (2)", Dgemm(false, false, 2, 3, 4, 8, 4, 12, 2, 6, 3).Message);
        Assert.Contains("Leading dimension of C (2)", Dgemm(false, false, 2, 3, 4, 8, 4, 12, 3, 6, 2).Message);
        // transposed: A stored 4x2, B stored 3x4
        Assert.Contains("A holds 7 values", Dgemm(true, true, 2, 3, 4, 7, 2, 12, 4, 6, 3).Message);
        Assert.Contains("B holds 11 values", Dgemm(true, true, 2, 3, 4, 8, 2, 11, 4, 6, 3).Message);
        // exactly long enough with a wide leading dimension: (rows - 1) * ld + cols values
        Blas.Dgemm(false, false, 2, 3, 4, 1.0, new double[9], 5, new double[12], 3, 0.0, new double[6], 3);
        Assert.Throws<ArgumentException>(() => Blas.Sgemm(false, false, 2, 3, 4, 1f, new float[7], 4, new float[12], 3, 0f, new float[6], 3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmptyShapesLeaveTheOutputOrScaleItByBeta(bool managed)
    {
        using (RandomMatrices.Backend(managed))
        {
            var c = new double[] { 5, 5, 5, 5 };
            Blas.Dgemm(false, false, 0, 2, 3, 1.0, [], 3, new double[6], 2, 0.0, c, 2);
            Blas.Dgemm(false, false, 2, 0, 3, 1.0, new double[6], 3, [], 1, 0.0, c, 1);
            Assert.Equal([5.0, 5, 5, 5], c);
            // k = 0: op(A) op(B) is the zero matrix, so C = beta C
            Blas.Dgemm(false, false, 2, 2, 0, 1.0, [], 1, [], 2, 0.5, c, 2);
            Assert.Equal([2.5, 2.5, 2.5, 2.5], c);
            var s = new float[] { 4, 4 };
            Blas.Sgemm(false, false, 1, 2, 0, 1f, [], 1, [], 2, 0.25f, s, 2);
            Assert.Equal([1f, 1f], s);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GramOfLeadingColumnsFillsBothTrianglesAndNothingElse(bool managed)
    {
        // A is 4 x 3 stored with lda 5 (two extra columns); G is 3 x 3 written with ldg 4 (the last column untouched)
        var a = RandomMatrices.Gaussian(4, 5, 9);
        var g = Enumerable.Repeat(-7.0, 12).ToArray();
        using (RandomMatrices.Backend(managed))
            Blas.Gram(4, 3, a.Data, 5, g, 4);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var expected = 0.0;
                for (var r = 0; r < 4; r++) expected += a[r, i] * a[r, j];
                Assert.Equal(expected, g[i * 4 + j], 12);
            }
            Assert.Equal(-7.0, g[i * 4 + 3]);
        }
        // no rows: the zero matrix
        var empty = Enumerable.Repeat(3.0, 4).ToArray();
        using (RandomMatrices.Backend(managed))
            Blas.Gram(0, 2, [], 2, empty, 2);
        Assert.Equal([0.0, 0, 0, 0], empty);
    }

    [Fact]
    public void GramRefusesShortOperandsAndNarrowLeadingDimensions()
    {
        Assert.Throws<ArgumentException>(() => Blas.Gram(4, 3, new double[12], 2, new double[9], 3));
        Assert.Throws<ArgumentException>(() => Blas.Gram(4, 3, new double[12], 3, new double[9], 2));
        Assert.Throws<ArgumentException>(() => Blas.Gram(4, 3, new double[11], 3, new double[9], 3));
        Assert.Throws<ArgumentException>(() => Blas.Gram(4, 3, new double[12], 3, new double[8], 3));
        Blas.Gram(4, 3, new double[15], 4, new double[11], 4); // (4 - 1) * 4 + 3 and (3 - 1) * 4 + 3 values suffice
        Blas.Gram(3, 0, [], 1, [], 1);
    }
}
