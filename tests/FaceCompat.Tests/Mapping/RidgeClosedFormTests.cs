using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// Ridge's weights against its closed form, W = (X^T X + alpha I)^-1 X^T Y on the prepared rows,
/// solved here by Gauss-Jordan elimination, at penalties where ridge differs clearly from least squares.
/// </summary>
public sealed class RidgeClosedFormTests
{
    [Theory]
    [InlineData(0.01, 12, 12)]
    [InlineData(0.1, 12, 8)]
    [InlineData(1.0, 8, 12)]
    [InlineData(10.0, 12, 12)]
    public void WeightsSolveThePenalisedNormalEquations(double alpha, int sourceDim, int targetDim)
    {
        var x = SyntheticEmbeddings.Gaussian(30, sourceDim, 5);
        var y = SyntheticEmbeddings.Gaussian(30, targetDim, 6);
        var map = MapSpec.Parse($"ridge:alpha={alpha}").CreateFitter().Fit(x, y);

        var xp = map.Preparation.Source.Apply(x);
        var yp = map.Preparation.Target.Apply(y);
        var gram = Matrix.Multiply(xp, true, xp, false);
        for (var i = 0; i < gram.Rows; i++) gram[i, i] += alpha;
        var expected = GaussJordan.Solve(gram, Matrix.Multiply(xp, true, yp, false));
        var weights = ((LinearHead)map.SourceHead).Weights;

        Assert.Equal(expected.Rows, weights.Rows);
        Assert.Equal(expected.Cols, weights.Cols);
        Assert.True(weights.MaxAbsDifference(expected) < 1e-10, $"max |W - W*| = {weights.MaxAbsDifference(expected):E3}");
        // The penalty matters at these sizes: least squares gives other weights.
        var leastSquares = ((LinearHead)MapSpec.Parse("lstsq").CreateFitter().Fit(x, y).SourceHead).Weights;
        Assert.True(weights.MaxAbsDifference(leastSquares) > 1e-3);
    }
}

/// <summary>Dense Gauss-Jordan with partial pivoting: an independent solver for small closed-form checks.</summary>
internal static class GaussJordan
{
    public static Matrix Solve(Matrix a, Matrix b)
    {
        var n = a.Rows;
        var m = a.Clone();
        var x = b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (pivot != col) { Swap(m, pivot, col); Swap(x, pivot, col); }
            var d = m[col, col];
            for (var j = 0; j < n; j++) m[col, j] /= d;
            for (var j = 0; j < x.Cols; j++) x[col, j] /= d;
            for (var r = 0; r < n; r++)
            {
                if (r == col || m[r, col] == 0) continue;
                var f = m[r, col];
                for (var j = 0; j < n; j++) m[r, j] -= f * m[col, j];
                for (var j = 0; j < x.Cols; j++) x[r, j] -= f * x[col, j];
            }
        }
        return x;
    }

    private static void Swap(Matrix m, int a, int b)
    {
        for (var j = 0; j < m.Cols; j++) (m[a, j], m[b, j]) = (m[b, j], m[a, j]);
    }
}
