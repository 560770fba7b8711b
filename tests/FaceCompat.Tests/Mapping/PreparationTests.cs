using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>The preparation's statistics against their definitions: PCA's axes, variances and whitening, padding, norms.</summary>
public class PreparationTests
{
    private static readonly PreparationOptions Pca = new() { L2Normalize = false, Matching = DimensionMatching.Pca };

    /// <summary>Rows with clearly different variances along their coordinates, scaled up so the largest variance is far from 1.</summary>
    private static Matrix Rows(int n, int d, uint seed, double scale = 1000)
    {
        var x = SyntheticEmbeddings.Gaussian(n, d, seed);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) x[i, j] = scale * (x[i, j] * (j + 1) + 0.5 * j);
        return x;
    }

    private static Matrix Covariance(Matrix rows)
    {
        var centred = rows.Clone();
        for (var j = 0; j < rows.Cols; j++)
        {
            var mean = 0.0;
            for (var i = 0; i < rows.Rows; i++) mean += rows[i, j];
            mean /= rows.Rows;
            for (var i = 0; i < rows.Rows; i++) centred[i, j] -= mean;
        }
        var c = Matrix.Multiply(centred, true, centred, false);
        for (var i = 0; i < c.Data.Length; i++) c.Data[i] /= rows.Rows - 1;
        return c;
    }

    [Fact]
    public void WhitenedPcaRowsHaveIdentityCovarianceAndTheAxesAreSignedByTheirLargestCoefficient()
    {
        var x = Rows(40, 6, 1);
        var y = Rows(40, 6, 2);
        var preparation = Preparation.Fit(x, y, Pca with { PcaDimension = 3, Whiten = true });
        var prepared = preparation.Source.Apply(x);
        Assert.Equal((40, 3), (prepared.Rows, prepared.Cols));
        Assert.True(Covariance(prepared).MaxAbsDifference(Matrix.Identity(3)) < 1e-9, "whitened train rows: covariance I (ddof 1)");
        var projection = preparation.Source.Projection!;
        for (var c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 6).Select(i => projection[i, c]).ToArray();
            Assert.True(column.MaxBy(Math.Abs) > 0, $"axis {c} is signed so its largest coefficient is positive");
        }
        Assert.Equal((6, 3, 3), (preparation.Source.InputDimension, preparation.Source.OutputDimension, preparation.Source.ActiveDimension));
    }

    [Fact]
    public void UnwhitenedPcaKeepsTheLeadingVariancesInOrderAndRestoresEveryRowAtFullDimension()
    {
        var x = Rows(30, 5, 3);
        var y = Rows(30, 5, 4);
        var preparation = Preparation.Fit(x, y, Pca with { PcaDimension = 5 });
        var prepared = preparation.Source.Apply(x);
        var expected = Decompositions.SymmetricEigenvalues(Covariance(x)).Reverse().ToArray();
        var covariance = Covariance(prepared);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, covariance[i, i] / expected[i], 9);
            for (var j = 0; j < 5; j++)
                if (i != j) Assert.True(Math.Abs(covariance[i, j]) < 1e-9 * expected[0]);
        }
        Assert.True(preparation.Source.Restore(prepared).MaxAbsDifference(x) < 1e-9 * 1000);
        var whitened = Preparation.Fit(x, y, Pca with { PcaDimension = 5, Whiten = true });
        Assert.True(whitened.Source.Restore(whitened.Source.Apply(x)).MaxAbsDifference(x) < 1e-9 * 1000, "whitening is undone on the way back");
    }

    [Fact]
    public void PcaDimensionsOutsideOneToTheRankAreRefused()
    {
        var x = Rows(30, 5, 5);
        var y = Rows(30, 5, 6);
        Assert.Throws<FaceCompatException>(() => Preparation.Fit(x, y, Pca with { PcaDimension = 0 }));
        Assert.Throws<FaceCompatException>(() => Preparation.Fit(x, y, Pca with { PcaDimension = 6 }));
        Assert.Equal(1, Preparation.Fit(x, y, Pca with { PcaDimension = 1 }).Source.OutputDimension);
        // rank 3 in 5 columns (two columns copy others): the fourth component has no variance
        var deficient = x.Clone();
        for (var i = 0; i < 30; i++) { deficient[i, 3] = deficient[i, 0]; deficient[i, 4] = 2 * deficient[i, 1]; }
        Assert.Equal(3, Preparation.Fit(deficient, y, Pca with { PcaDimension = 3 }).Source.OutputDimension);
        var error = Assert.Throws<FaceCompatException>(() => Preparation.Fit(deficient, y, Pca with { PcaDimension = 4 }));
        Assert.Contains("rank", error.Message);
    }

    [Fact]
    public void ZeroPaddingKeepsTheInputAsTheActiveBlock()
    {
        var preparation = Preparation.Fit(Rows(10, 4, 7, 1), Rows(10, 7, 8, 1));
        Assert.Equal((4, 7, 4), (preparation.Source.InputDimension, preparation.Source.OutputDimension, preparation.Source.ActiveDimension));
        Assert.Equal((7, 7, 7), (preparation.Target.InputDimension, preparation.Target.OutputDimension, preparation.Target.ActiveDimension));
    }

    [Fact]
    public void RowsWithoutAFiniteNonZeroNormAreRefused()
    {
        var zero = new Matrix(2, 3, [1, 2, 3, 0, 0, 0]);
        Assert.Throws<FaceCompatException>(() => SpacePreparation.NormalizeRows(zero, "rows"));
        Assert.Throws<FaceCompatException>(() => SpacePreparation.NormalizeRows(new Matrix(1, 2, [double.PositiveInfinity, 1]), "rows"));
        Assert.Throws<FaceCompatException>(() => SpacePreparation.NormalizeRows(new Matrix(1, 2, [double.NaN, 1]), "rows"));
        var normalised = SpacePreparation.NormalizeRows(new Matrix(1, 2, [3, 4]), "rows");
        Assert.Equal(0.6, normalised[0, 0], 15);
        Assert.Equal(0.8, normalised[0, 1], 15);
    }

    [Theory]
    [InlineData(true, true, false, null, false, "l2,center,zero-pad")]
    [InlineData(false, true, false, null, false, "center,zero-pad")]
    [InlineData(true, false, false, null, false, "l2,zero-pad")]
    [InlineData(false, false, true, null, false, "pca")]
    [InlineData(true, true, true, 64, false, "l2,center,pca-64")]
    [InlineData(false, true, true, 32, true, "center,pca-32-whiten")]
    [InlineData(false, false, true, null, true, "pca-whiten")]
    public void OptionsReadAsTheirParts(bool l2, bool center, bool pca, int? dimension, bool whiten, string text)
    {
        var options = new PreparationOptions
        {
            L2Normalize = l2, Center = center, Matching = pca ? DimensionMatching.Pca : DimensionMatching.ZeroPad, PcaDimension = dimension, Whiten = whiten,
        };
        Assert.Equal(text, options.ToString());
        Assert.True(new PreparationOptions().L2Normalize);
    }

    [Fact]
    public void PcaDefaultsToTheSmallerDimensionAndRowsMustMatch()
    {
        var x = Rows(30, 6, 9, 1);
        var y = Rows(30, 4, 10, 1);
        Assert.Equal(4, Preparation.Fit(x, y, Pca).Source.OutputDimension);
        Assert.Throws<FaceCompatException>(() => Preparation.Fit(x, Rows(29, 4, 10, 1)));
        Assert.Throws<FaceCompatException>(() => Preparation.Fit(new Matrix(0, 6), new Matrix(0, 4)));
        var preparation = Preparation.Fit(x, y);
        Assert.Throws<ArgumentException>(() => preparation.Source.Restore(new Matrix(2, 5)));
    }
}
