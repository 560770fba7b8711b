using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// Gallery migration into target spaces smaller and larger than the source, checked coordinate by
/// coordinate against map.json's formula: q = prep_source(x) W, restored = q[:d_target] + target
/// train mean, L2-normalised (the target mean is computed here from the raw rows, not read from the map).
/// </summary>
public sealed class MigrationCoordinateTests
{
    [Theory]
    [InlineData(24, 16, "lstsq")]
    [InlineData(16, 24, "lstsq")]
    [InlineData(24, 16, "ridge:alpha=0.5")]
    [InlineData(16, 24, "procrustes")]
    public void MigratedRowsFollowTheFormulaCoordinateByCoordinate(int sourceDim, int targetDim, string spec)
    {
        var x = SyntheticEmbeddings.Gaussian(60, sourceDim, 11);
        // A target that is a linear image of the source plus noise, so the map carries real structure.
        var y = x.Multiply(SyntheticEmbeddings.Gaussian(sourceDim, targetDim, 12));
        var noise = SyntheticEmbeddings.Gaussian(60, targetDim, 13);
        for (var i = 0; i < y.Data.Length; i++) y.Data[i] += 0.05 * noise.Data[i];
        var map = MapSpec.Parse(spec).CreateFitter().Fit(x, y);

        var probe = SyntheticEmbeddings.Gaussian(7, sourceDim, 14);
        var migrated = map.MigrateToTarget(probe);
        Assert.Equal(targetDim, migrated.Cols);

        var q = map.TransformSource(probe);
        var mean = UnitRowMean(y);
        for (var i = 0; i < probe.Rows; i++)
        {
            var restored = new double[targetDim];
            for (var j = 0; j < targetDim; j++) restored[j] = q[i, j] + mean[j];
            var norm = Math.Sqrt(restored.Sum(v => v * v));
            for (var j = 0; j < targetDim; j++)
                Assert.True(Math.Abs(migrated[i, j] - restored[j] / norm) < 1e-12, $"row {i} coordinate {j}: {migrated[i, j]} vs {restored[j] / norm}");
        }
    }

    [Fact]
    public void MigrationIntoASmallerSpaceRecoversTheTargetRows()
    {
        // Target = the source's first 16 coordinates (unit rows): a least-squares map carries the train
        // source rows onto their own target rows, so migrated rows must equal the normalised targets.
        var x = SyntheticEmbeddings.Gaussian(80, 24, 21);
        var y = new Matrix(80, 16);
        for (var i = 0; i < 80; i++) x.Row(i)[..16].CopyTo(y.Row(i));
        var map = MapSpec.Parse("lstsq").CreateFitter().Fit(x, y);
        var migrated = map.MigrateToTarget(x);
        var expected = SpacePreparation.NormalizeRows(y, "y");
        var cosines = Enumerable.Range(0, 80).Select(i => Dot(migrated.Row(i), expected.Row(i))).ToArray();
        Assert.True(cosines.Min() > 0.9, $"min cosine {cosines.Min():F4}");
    }

    private static double[] UnitRowMean(Matrix rows)
    {
        var unit = SpacePreparation.NormalizeRows(rows, "rows");
        var mean = new double[rows.Cols];
        for (var i = 0; i < unit.Rows; i++)
            for (var j = 0; j < unit.Cols; j++) mean[j] += unit[i, j] / unit.Rows;
        return mean;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
