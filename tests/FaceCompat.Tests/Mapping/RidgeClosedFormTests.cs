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

    [Theory]
    [InlineData(12, 12)]
    [InlineData(6, 11)]
    [InlineData(11, 6)]
    public void EveryAlphaOfOneTrainingSetSolvesFromOneDecomposition(int sourceDim, int targetDim)
    {
        var x = SyntheticEmbeddings.Gaussian(30, sourceDim, 8);
        var y = SyntheticEmbeddings.Gaussian(30, targetDim, 9);
        var preparation = Preparation.Fit(x, y);
        var memo = new WorkMemo();
        var pair = preparation.PrepareTraining(x, y, memo);
        var again = preparation.PrepareTraining(x, y, memo); // a second sweep of the same rows
        var (xp, yp) = (pair.PaddedSource, pair.PaddedTarget);
        var cross = Matrix.Multiply(xp, true, yp, false);

        var solved = new List<Matrix>();
        foreach (var (alpha, p) in new[] { (0.001, pair), (0.1, pair), (1.0, again), (100.0, again), (0.1, again) })
        {
            var weights = ((LinearHead)MapSpec.Parse($"ridge:alpha={alpha}").CreateFitter().Fit(p).SourceHead).Weights;
            var gram = Matrix.Multiply(xp, true, xp, false);
            for (var i = 0; i < gram.Rows; i++) gram[i, i] += alpha;
            var expected = GaussJordan.Solve(gram, cross);
            Assert.True(weights.MaxAbsDifference(expected) < 1e-10, $"alpha {alpha}: max |W - W*| = {weights.MaxAbsDifference(expected):E3}");
            solved.Add(weights);
        }
        // Distinct penalties give distinct maps; the same penalty on the shared decomposition the same one.
        Assert.True(solved[0].MaxAbsDifference(solved[1]) > 1e-6);
        Assert.True(solved[2].MaxAbsDifference(solved[3]) > 1e-6);
        Assert.Equal(0.0, solved[1].MaxAbsDifference(solved[4]));
        // One tridiagonal form served both pairs (and least squares reads its conditioning from the same one).
        Assert.Same(pair.GramTridiagonal, again.GramTridiagonal);
        var notes = new Dictionary<string, string>();
        LinearSolvers.MinNormLeastSquares(again, null, notes);
        var values = Decompositions.SymmetricEigenvalues(pair.SourceGram);
        Assert.Equal((values[0] / values[^1]).ToString("G6", System.Globalization.CultureInfo.InvariantCulture), notes["gram_eigenvalue_ratio"]);
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
