using System.Globalization;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>Least squares' solver choice and cut-off, ridge's refusal, and reduced-rank regression against their definitions.</summary>
public class LinearSolverTests
{
    private static readonly PreparationOptions Raw = new() { L2Normalize = false, Center = false };

    private static TrainingPair Pair(Matrix x, Matrix y) => Preparation.Fit(x, y, Raw).PrepareTraining(x, y);

    [Fact]
    public void WellConditionedRowsSolveTheNormalEquationsAndOthersTheMinimumNormSvd()
    {
        var x = SyntheticEmbeddings.Gaussian(6, 6, 1); // as many rows as columns: still the normal equations
        var y = SyntheticEmbeddings.Gaussian(6, 4, 2);
        var notes = new Dictionary<string, string>();
        var pair = Pair(x, y);
        var block = LinearSolvers.MinNormLeastSquares(pair, null, notes);
        Assert.Equal((6, 4), (block.Rows, block.Cols)); // the active block: Y has 4 columns, padded to 6
        var w = TrainingPair.Embed(block, pair.SourceDimension, pair.TargetDimension);
        Assert.StartsWith("normal equations", notes["solver"]);
        var eigenvalues = Decompositions.SymmetricEigenvalues(Matrix.Multiply(x, true, x, false));
        Assert.Equal(eigenvalues[0] / eigenvalues[^1], double.Parse(notes["gram_eigenvalue_ratio"], CultureInfo.InvariantCulture), 5);
        Assert.True(pair.PaddedSource.Multiply(w).MaxAbsDifference(pair.PaddedTarget) < 1e-8, "six rows, six unknowns: an exact fit");

        var fewer = SyntheticEmbeddings.Gaussian(5, 6, 3); // fewer rows than columns: rank-deficient Gram
        LinearSolvers.MinNormLeastSquares(Pair(fewer, SyntheticEmbeddings.Gaussian(5, 4, 4)), null, notes);
        Assert.StartsWith("dgelsd", notes["solver"]);
        LinearSolvers.MinNormLeastSquares(Pair(x, y), 1e-6, notes); // a given cut-off: always the SVD
        Assert.StartsWith("dgelsd", notes["solver"]);
    }

    [Fact]
    public void TheDefaultCutoffIsEpsilonTimesTheLargerOfRowsAndColumnsAndAGivenOneReplacesIt()
    {
        // 200 rows, 3 columns, singular values 1, 1, 1e-14: numpy's default 200 eps (4.4e-14) drops the third direction
        var x = new Matrix(200, 3);
        x[0, 0] = 1; x[1, 1] = 1; x[2, 2] = 1e-14;
        var y = new Matrix(200, 3);
        y[0, 0] = 2; y[2, 2] = 1;
        var w = LinearSolvers.MinNormLeastSquares(Pair(x, y), null, []);
        Assert.Equal(2, w[0, 0], 12);
        Assert.Equal(0, w[2, 2]);
        var square = new Matrix(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1e-5]);
        var target = new Matrix(3, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
        Assert.Equal(1e5, LinearSolvers.MinNormLeastSquares(Pair(square, target), null, [], forceLapack: true)[2, 2], 1e-3);
        Assert.Equal(0, LinearSolvers.MinNormLeastSquares(Pair(square, target), 1e-3, [])[2, 2]);
    }

    [Fact]
    public void RidgeWithoutPenaltyRefusesASingularGram()
    {
        var x = SyntheticEmbeddings.Gaussian(3, 5, 5); // rank 3 of 5
        var pair = Pair(x, SyntheticEmbeddings.Gaussian(3, 5, 6));
        Assert.Throws<InvalidOperationException>(() => LinearSolvers.Ridge(pair, 0));
        Assert.True(LinearSolvers.Ridge(pair, 1e-3).Data.All(double.IsFinite));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ReducedRankIsLeastSquaresProjectedOnTheLeadingDirectionsOfItsFittedValues(int rank)
    {
        var x = SyntheticEmbeddings.Gaussian(40, 6, 7);
        var y = SyntheticEmbeddings.Gaussian(40, 5, 8); // padded to 6
        var map = MapSpec.Parse($"rrr:rank={rank}").CreateFitter().Fit(x, y);
        var xp = map.Preparation.Source.Apply(x);
        var yp = map.Preparation.Target.Apply(y);
        var leastSquares = Decompositions.LeastSquares(xp, yp);
        var fitted = xp.Multiply(leastSquares);
        var eig = Decompositions.SymmetricEigen(Matrix.Multiply(fitted, true, fitted, false));
        var top = new Matrix(6, rank);
        for (var c = 0; c < rank; c++)
            for (var i = 0; i < 6; i++) top[i, c] = eig.Vectors[i, 5 - c];
        var expected = leastSquares.Multiply(Matrix.Multiply(top, false, top, true));
        var weights = ((LinearHead)map.SourceHead).Weights;
        Assert.True(weights.MaxAbsDifference(expected) < 1e-9, $"off by {weights.MaxAbsDifference(expected):E2}");
        Assert.Equal(rank.ToString(CultureInfo.InvariantCulture), map.Parameters["rank"]);
        Assert.Throws<FaceCompat.Infrastructure.FaceCompatException>(() => MapSpec.Parse("rrr:rank=7").CreateFitter().Fit(x, y));
    }
}
