using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

public class DecompositionTests
{
    [Theory]
    [InlineData(40, 15, false)]
    [InlineData(15, 40, false)]
    [InlineData(40, 15, true)]
    [InlineData(15, 40, true)]
    public void ThinSvdReconstructsWithOrthonormalFactors(int rows, int cols, bool managed)
    {
        var a = RandomMatrices.Gaussian(rows, cols, 7);
        using var _ = RandomMatrices.Backend(managed);
        var svd = Decompositions.ThinSvd(a);
        var r = Math.Min(rows, cols);
        Assert.Equal((rows, r), (svd.U.Rows, svd.U.Cols));
        Assert.Equal((r, cols), (svd.Vt.Rows, svd.Vt.Cols));
        for (var i = 1; i < r; i++) Assert.True(svd.S[i - 1] >= svd.S[i]);

        var us = svd.U.Clone();
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < r; j++) us[i, j] *= svd.S[j];
        Assert.True(us.Multiply(svd.Vt).MaxAbsDifference(a) < 1e-10);
        Assert.True(Matrix.Multiply(svd.U, true, svd.U, false).MaxAbsDifference(Matrix.Identity(r)) < 1e-10);
        Assert.True(Matrix.Multiply(svd.Vt, false, svd.Vt, true).MaxAbsDifference(Matrix.Identity(r)) < 1e-10);
    }

    [Theory]
    [InlineData(30, 12, false)]
    [InlineData(12, 30, false)]
    [InlineData(30, 12, true)]
    [InlineData(12, 30, true)]
    public void FullSvdHasSquareOrthogonalFactorsAndReconstructs(int rows, int cols, bool managed)
    {
        var a = RandomMatrices.Gaussian(rows, cols, 17);
        using var _ = RandomMatrices.Backend(managed);
        var svd = Decompositions.FullSvd(a);
        Assert.Equal((rows, rows), (svd.U.Rows, svd.U.Cols));
        Assert.Equal((cols, cols), (svd.Vt.Rows, svd.Vt.Cols));
        Assert.True(Matrix.Multiply(svd.U, true, svd.U, false).MaxAbsDifference(Matrix.Identity(rows)) < 1e-10);
        Assert.True(Matrix.Multiply(svd.Vt, false, svd.Vt, true).MaxAbsDifference(Matrix.Identity(cols)) < 1e-10);
        var sigma = new Matrix(rows, cols);
        for (var i = 0; i < svd.S.Length; i++) sigma[i, i] = svd.S[i];
        Assert.True(svd.U.Multiply(sigma).Multiply(svd.Vt).MaxAbsDifference(a) < 1e-10);
    }

    [Fact]
    public void NativeAndManagedSingularValuesAgree()
    {
        var a = RandomMatrices.Gaussian(30, 20, 8);
        var native = Decompositions.ThinSvd(a).S;
        double[] managed;
        using (Blas.ForceManaged()) managed = Decompositions.ThinSvd(a).S;
        for (var i = 0; i < native.Length; i++) Assert.Equal(native[i], managed[i], 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SymmetricEigenDiagonalisesAscending(bool managed)
    {
        var x = RandomMatrices.Gaussian(30, 12, 9);
        var a = x.Gram();
        using var _ = RandomMatrices.Backend(managed);
        var eig = Decompositions.SymmetricEigen(a);
        for (var i = 1; i < eig.Values.Length; i++) Assert.True(eig.Values[i - 1] <= eig.Values[i]);
        var av = a.Multiply(eig.Vectors);
        var vl = eig.Vectors.Clone();
        for (var i = 0; i < 12; i++)
            for (var j = 0; j < 12; j++) vl[i, j] *= eig.Values[j];
        Assert.True(av.MaxAbsDifference(vl) < 1e-9);
        Assert.True(Matrix.Multiply(eig.Vectors, true, eig.Vectors, false).MaxAbsDifference(Matrix.Identity(12)) < 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LeastSquaresOnRankDeficientInputGivesTheMinimumNormSolution(bool managed)
    {
        // A = L R has rank 4 with 10 columns: infinitely many least-squares solutions, one of minimum norm.
        var l = RandomMatrices.Gaussian(60, 4, 10);
        var r = RandomMatrices.Gaussian(4, 10, 11);
        var a = l.Multiply(r);
        var b = RandomMatrices.Gaussian(60, 3, 12);
        using var _ = RandomMatrices.Backend(managed);
        var x = Decompositions.LeastSquares(a, b);

        // Least squares: the residual is orthogonal to the columns of A.
        var residual = a.Multiply(x);
        for (var i = 0; i < residual.Data.Length; i++) residual.Data[i] -= b.Data[i];
        Assert.True(Matrix.Multiply(a, true, residual, false).FrobeniusNorm() < 1e-9);

        // Minimum norm: X lies in the row space of A (= row space of R), so projecting onto it changes nothing.
        var projector = Matrix.Multiply(r, true, Decompositions.SolveSpd(Matrix.Multiply(r, false, r, true), r), false);
        Assert.True(projector.Multiply(x).MaxAbsDifference(x) < 1e-9);
        Assert.True(x.FrobeniusNorm() > 1e-3);
    }

    [Fact]
    public void LeastSquaresNativeAndManagedAgreeOnFullRankInput()
    {
        var a = RandomMatrices.Gaussian(50, 8, 13);
        var b = RandomMatrices.Gaussian(50, 2, 14);
        var native = Decompositions.LeastSquares(a, b);
        Matrix managed;
        using (Blas.ForceManaged()) managed = Decompositions.LeastSquares(a, b);
        Assert.True(native.MaxAbsDifference(managed) < 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SolveSpdSolvesAndRefusesIndefinite(bool managed)
    {
        var a = RandomMatrices.Gaussian(40, 10, 15).Gram();
        var b = RandomMatrices.Gaussian(10, 3, 16);
        using var _ = RandomMatrices.Backend(managed);
        var x = Decompositions.SolveSpd(a, b);
        Assert.True(a.Multiply(x).MaxAbsDifference(b) < 1e-9);
        var indefinite = Matrix.Identity(3);
        indefinite[1, 1] = -1;
        Assert.Throws<InvalidOperationException>(() => Decompositions.SolveSpd(indefinite, Matrix.Identity(3)));
    }
}
