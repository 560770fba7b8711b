using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

/// <summary>Argument checks, empty shapes, cut-offs and the triangle read, on both backends.</summary>
public class DecompositionEdgeTests
{
    private static Matrix Diagonal(int rows, int cols, params double[] values)
    {
        var m = new Matrix(rows, cols);
        for (var i = 0; i < values.Length; i++) m[i, i] = values[i];
        return m;
    }

    private static Matrix Spd(int n, int seed) => RandomMatrices.Gaussian(3 * n, n, seed).Gram();

    /// <summary>The same matrix with its upper triangle overwritten: only the lower triangle may be read.</summary>
    private static Matrix WithGarbageAbove(Matrix a)
    {
        var g = a.Clone();
        for (var i = 0; i < a.Rows; i++)
            for (var j = i + 1; j < a.Cols; j++) g[i, j] = 1e6 * (i + 2 * j + 1);
        return g;
    }

    [Fact]
    public void NonSquareAndMismatchedInputsAreRefused()
    {
        var wide = new Matrix(2, 3);
        Assert.Contains("Expected a square matrix, got 2x3", Assert.Throws<ArgumentException>(() => Decompositions.SymmetricEigen(wide)).Message);
        Assert.Throws<ArgumentException>(() => Decompositions.SymmetricEigenvalues(wide));
        Assert.Throws<ArgumentException>(() => Decompositions.SolveSpd(wide, new Matrix(2, 1)));
        Assert.Throws<ArgumentException>(() => Decompositions.Cholesky(wide));
        Assert.Contains("A is 3x3 but B has 2 rows", Assert.Throws<ArgumentException>(() => Decompositions.SolveSpd(Matrix.Identity(3), new Matrix(2, 1))).Message);
        Assert.Throws<ArgumentException>(() => Decompositions.LeastSquares(new Matrix(4, 2), new Matrix(3, 1)));
        Assert.Contains("A is 3x3 but B has 2 rows", Assert.Throws<ArgumentException>(() => Decompositions.Cholesky(Spd(3, 1)).Solve(new Matrix(2, 1))).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmptyInputsGiveEmptyFactorsOfTheRightShapes(bool managed)
    {
        using var _ = RandomMatrices.Backend(managed);
        var tall = Decompositions.ThinSvd(new Matrix(3, 0));
        Assert.Equal((3, 0, 0, 0, 0), (tall.U.Rows, tall.U.Cols, tall.S.Length, tall.Vt.Rows, tall.Vt.Cols));
        var wide = Decompositions.ThinSvd(new Matrix(0, 3));
        Assert.Equal((0, 0, 0, 0, 3), (wide.U.Rows, wide.U.Cols, wide.S.Length, wide.Vt.Rows, wide.Vt.Cols));
        // a full SVD's factors are square and orthogonal even when there is no singular value
        var fullTall = Decompositions.FullSvd(new Matrix(3, 0));
        Assert.Equal(0, fullTall.U.MaxAbsDifference(Matrix.Identity(3)));
        Assert.Equal((0, 0), (fullTall.Vt.Rows, fullTall.Vt.Cols));
        var fullWide = Decompositions.FullSvd(new Matrix(0, 2));
        Assert.Equal((0, 0), (fullWide.U.Rows, fullWide.U.Cols));
        Assert.Equal(0, fullWide.Vt.MaxAbsDifference(Matrix.Identity(2)));

        Assert.Equal((0, 2), Shape(Decompositions.LeastSquares(new Matrix(3, 0), new Matrix(3, 2))));
        var noRows = Decompositions.LeastSquares(new Matrix(0, 3), new Matrix(0, 2));
        Assert.Equal(0, noRows.MaxAbsDifference(new Matrix(3, 2)));
        Assert.Equal((2, 0), Shape(Decompositions.LeastSquares(RandomMatrices.Gaussian(3, 2, 1), new Matrix(3, 0))));
        Assert.Equal((3, 0), Shape(Decompositions.SolveSpd(Spd(3, 2), new Matrix(3, 0))));
        Assert.Equal((0, 2), Shape(Decompositions.SolveSpd(new Matrix(0, 0), new Matrix(0, 2))));
        Assert.Equal((3, 0), Shape(Decompositions.Cholesky(Spd(3, 3)).Solve(new Matrix(3, 0))));
        Assert.Empty(Decompositions.SymmetricEigenvalues(new Matrix(0, 0)));

        static (int, int) Shape(Matrix m) => (m.Rows, m.Cols);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheDefaultCutoffIsEpsilonTimesTheLargerDimension(bool managed)
    {
        using var _ = RandomMatrices.Backend(managed);
        // singular values 1, 1, 1e-14 of a 200 x 3 matrix: numpy's default cut-off, 200 eps = 4.4e-14 (relative),
        // drops the third direction; 3 eps = 6.7e-16, the smaller dimension's, would keep it (x = 1e14).
        var a = Diagonal(200, 3, 1, 1, 1e-14);
        var b = new Matrix(200, 1);
        b[2, 0] = 1;
        b[0, 0] = 2;
        var x = Decompositions.LeastSquares(a, b);
        Assert.Equal(2, x[0, 0], 12);
        Assert.Equal(0, x[2, 0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AGivenCutoffReplacesTheDefaultAndAZeroCutoffStillDropsZeroSingularValues(bool managed)
    {
        using var _ = RandomMatrices.Backend(managed);
        var a = Diagonal(2, 2, 1, 1e-12);
        var b = new Matrix(2, 1, [0, 1]);
        Assert.Equal(1e12, Decompositions.LeastSquares(a, b)[1, 0], 1e-3); // default 2 eps keeps 1e-12
        Assert.Equal(0, Decompositions.LeastSquares(a, b, rcond: 1e-10)[1, 0]);
        var singular = Diagonal(2, 2, 1, 0);
        var x = Decompositions.LeastSquares(singular, new Matrix(2, 1, [3, 1]), rcond: 0);
        Assert.Equal(3.0, x[0, 0], 12);
        Assert.Equal(0.0, x[1, 0]); // not 1/0 x 0
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnlyTheLowerTriangleIsRead(bool managed)
    {
        using var _ = RandomMatrices.Backend(managed);
        var a = Spd(6, 4);
        var b = RandomMatrices.Gaussian(6, 2, 5);
        var garbled = WithGarbageAbove(a);
        Assert.Equal(Decompositions.SymmetricEigenvalues(a), Decompositions.SymmetricEigenvalues(garbled), new Tolerance(1e-9));
        Assert.Equal(Decompositions.SymmetricEigen(a).Values, Decompositions.SymmetricEigen(garbled).Values, new Tolerance(1e-9));
        Assert.True(Decompositions.SolveSpd(garbled, b).MaxAbsDifference(Decompositions.SolveSpd(a, b)) < 1e-9);
        Assert.True(Decompositions.Cholesky(garbled).Solve(b).MaxAbsDifference(Decompositions.SolveSpd(a, b)) < 1e-9);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACholeskyFactorSolvesAsSolveSpdDoesAndRefusesAnIndefiniteMatrix(bool managed)
    {
        using var _ = RandomMatrices.Backend(managed);
        var a = Spd(8, 6);
        var factor = Decompositions.Cholesky(a);
        foreach (var seed in new[] { 7, 8 })
        {
            var b = RandomMatrices.Gaussian(8, 3, seed);
            var x = factor.Solve(b);
            Assert.True(a.Multiply(x).MaxAbsDifference(b) < 1e-9);
            Assert.True(x.MaxAbsDifference(Decompositions.SolveSpd(a, b)) < 1e-12);
        }
        var indefinite = Matrix.Identity(3);
        indefinite[2, 2] = -1;
        Assert.Throws<InvalidOperationException>(() => Decompositions.Cholesky(indefinite).Solve(Matrix.Identity(3)));
    }

    [Fact]
    public void NegativeLapackInfoNamesTheBadArgument()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NativeLapack.Check("dgesdd", -3));
        Assert.Equal("dgesdd: argument 3 is invalid.", error.Message);
        NativeLapack.Check("dgesdd", 0);
        NativeLapack.Check("dgesdd", 2); // positive info is each routine's own failure, reported by the caller
    }

    [Fact]
    public void EigenvaluesAloneComeWithoutVectors()
    {
        if (!Blas.UseNative) return; // the wrapper below is the native one; the managed route has no such switch
        var result = NativeLapack.SymmetricEigen(Spd(5, 9), vectors: false);
        Assert.Equal((5, 0, 0), (result.Values.Length, result.Vectors.Rows, result.Vectors.Cols));
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));
        public int GetHashCode(double obj) => 0;
    }
}
