using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// A training pair made from raw rows prepares them a block at a time for X^T X, X^T Y and their digests: the
/// products are those of the whole prepared rows, and the rows are held only when a fitter asks for them.
/// </summary>
public sealed class TrainingPairBlockTests
{
    // two whole blocks and a partial one
    private static readonly int Rows = 2 * TrainingPair.BlockRows + 37;

    [Theory]
    [InlineData(7, 12)]
    [InlineData(12, 7)]
    public void ProductsFromBlocksOfRawRowsAreThoseOfTheWholePreparedRows(int sourceDim, int targetDim)
    {
        var (x, y) = (SyntheticEmbeddings.Gaussian(Rows, sourceDim, 31), SyntheticEmbeddings.Gaussian(Rows, targetDim, 32));
        var preparation = Preparation.Fit(x, y);
        var (px, py) = (preparation.Source.ApplyActive(x), preparation.Target.ApplyActive(y));

        var pair = preparation.PrepareTraining(x, y);

        Assert.Equal(Rows, pair.Count);
        Assert.Equal((sourceDim, targetDim), (pair.SourceActive, pair.TargetActive));
        AssertClose(Naive(px, px), pair.SourceGram);
        AssertClose(Naive(px, py), pair.Cross);
        Assert.Equal(WorkMemo.Digest(px), pair.SourceDigest);
        Assert.Equal(WorkMemo.Digest(py), pair.TargetDigest);
        Assert.False(pair.HoldsRows); // the products and digests alone never held the rows
        Assert.Equal(px.Data, pair.Source.Data); // asked for, they are the prepared rows
        Assert.True(pair.HoldsRows);
        // The products of a pair made from the whole prepared rows (padded, as other code builds them) are the same.
        var (paddedX, paddedY) = (preparation.Source.Apply(x), preparation.Target.Apply(y));
        var held = new TrainingPair(preparation, paddedX, paddedY);
        AssertClose(pair.SourceGram, held.SourceGram);
        AssertClose(pair.Cross, held.Cross);
        Assert.Equal((WorkMemo.Digest(paddedX), WorkMemo.Digest(paddedY)), (held.SourceDigest, held.TargetDigest));
    }

    [Fact]
    public void LeastSquaresRidgeAndProcrustesFitWithoutHoldingTheRows()
    {
        var (x, y) = (SyntheticEmbeddings.Gaussian(Rows, 6, 33), SyntheticEmbeddings.Gaussian(Rows, 9, 34));
        var pair = Preparation.Fit(x, y).PrepareTraining(x, y);
        foreach (var spec in new[] { "procrustes", "lstsq", "ridge" })
            MapSpec.Parse(spec).CreateFitter(1).Fit(pair);
        Assert.False(pair.HoldsRows);
    }

    [Fact]
    public void APcaPreparationIsNotPreparedInBlocksAndRowsOfAnotherWidthAreRefused()
    {
        var (x, y) = (SyntheticEmbeddings.Gaussian(40, 6, 35), SyntheticEmbeddings.Gaussian(40, 9, 36));
        var pca = Preparation.Fit(x, y, PreparationOptions.Reference with { Matching = DimensionMatching.Pca, PcaDimension = 4 });
        Assert.Throws<InvalidOperationException>(() => pca.Source.PrepareBlock(x, 0, 3, new double[12]));
        var padded = Preparation.Fit(x, y);
        Assert.Throws<FaceCompat.Infrastructure.FaceCompatException>(() => padded.Source.PrepareBlock(y, 0, 3, new double[27]));
        // A PCA pair holds its rows to prepare them, and its products are still those of the prepared rows.
        var pair = pca.PrepareTraining(x, y);
        var px = pca.Source.ApplyActive(x);
        Assert.Equal(4, px.Cols);
        AssertClose(Naive(px, px), pair.SourceGram);
        Assert.True(pair.HoldsRows);
    }

    private static Matrix Naive(Matrix a, Matrix b)
    {
        var c = new Matrix(a.Cols, b.Cols);
        for (var i = 0; i < a.Cols; i++)
            for (var j = 0; j < b.Cols; j++)
            {
                double s = 0;
                for (var r = 0; r < a.Rows; r++) s += a[r, i] * b[r, j];
                c[i, j] = s;
            }
        return c;
    }

    private static void AssertClose(Matrix expected, Matrix actual)
    {
        Assert.Equal((expected.Rows, expected.Cols), (actual.Rows, actual.Cols));
        var scale = Math.Max(1.0, expected.Data.Max(Math.Abs));
        Assert.True(expected.MaxAbsDifference(actual) < 1e-12 * scale, $"max |difference| {expected.MaxAbsDifference(actual):E3}");
    }
}
