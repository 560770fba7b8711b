using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>CCA and scaled Procrustes against their defining equations on the prepared train rows.</summary>
public class ClosedFormMapTests
{
    private static Matrix Weights(MapHead head) => ((LinearHead)head).Weights;

    private static Matrix Scaled(Matrix m, double s)
    {
        var c = m.Clone();
        for (var i = 0; i < c.Data.Length; i++) c.Data[i] *= s;
        return c;
    }

    private static double Trace(Matrix m) => Enumerable.Range(0, m.Rows).Sum(i => m[i, i]);

    [Theory]
    [InlineData(3, 0.1)]
    [InlineData(2, 0.0)]
    [InlineData(6, 1e-4)]
    public void CcaWhitensEachSideWithItsRegularisedCovarianceAndDiagonalisesTheCrossCovariance(int components, double reg)
    {
        const int n = 40;
        var x = SyntheticEmbeddings.Gaussian(n, 8, 11);
        var y = Matrix.Multiply(x, false, SyntheticEmbeddings.Gaussian(8, 6, 12), false);
        for (var i = 0; i < y.Data.Length; i++) y.Data[i] += 0.5 * SyntheticEmbeddings.Gaussian(n, 6, 13).Data[i];
        var map = MapSpec.Parse(FormattableString.Invariant($"cca:components={components}:reg={reg}")).CreateFitter().Fit(x, y);
        var xp = map.Preparation.Source.Apply(x);
        var yp = map.Preparation.Target.Apply(y); // zero-padded from 6 to 8 columns
        var (a, b) = (Weights(map.SourceHead), Weights(map.TargetHead));
        Assert.Equal((8, components, 8, components), (a.Rows, a.Cols, b.Rows, b.Cols));
        for (var j = 0; j < components; j++) Assert.True(b[6, j] == 0 && b[7, j] == 0, "the padding takes no weight");

        var cxx = Scaled(Matrix.Multiply(xp, true, xp, false), 1.0 / (n - 1));
        var cyy = Scaled(Matrix.Multiply(yp, true, yp, false), 1.0 / (n - 1));
        var cxy = Scaled(Matrix.Multiply(xp, true, yp, false), 1.0 / (n - 1));
        // (C + reg x mean eigenvalue x I) over each side's active coordinates: 8 for the source, 6 for the target
        var (sx, sy) = (reg * Trace(cxx) / 8, reg * Trace(cyy) / 6);
        var whiteX = Matrix.Multiply(a, true, cxx.Multiply(a), false);
        var whiteY = Matrix.Multiply(b, true, cyy.Multiply(b), false);
        var aa = Matrix.Multiply(a, true, a, false);
        var bb = Matrix.Multiply(b, true, b, false);
        for (var i = 0; i < whiteX.Data.Length; i++)
        {
            whiteX.Data[i] += sx * aa.Data[i];
            whiteY.Data[i] += sy * bb.Data[i];
        }
        Assert.True(whiteX.MaxAbsDifference(Matrix.Identity(components)) < 1e-9, $"A^T (Cxx + sI) A = I, off by {whiteX.MaxAbsDifference(Matrix.Identity(components)):E2}");
        Assert.True(whiteY.MaxAbsDifference(Matrix.Identity(components)) < 1e-9, $"B^T (Cyy + sI) B = I, off by {whiteY.MaxAbsDifference(Matrix.Identity(components)):E2}");

        var correlations = Matrix.Multiply(a, true, cxy.Multiply(b), false);
        var rho = Enumerable.Range(0, components).Select(i => correlations[i, i]).ToArray();
        for (var i = 0; i < components; i++)
            for (var j = 0; j < components; j++)
                if (i != j) Assert.True(Math.Abs(correlations[i, j]) < 1e-9, "A^T Cxy B is diagonal");
        Assert.True(rho.Zip(rho.Skip(1)).All(p => p.First >= p.Second - 1e-12) && rho[^1] > 0 && rho[0] < 1, string.Join(" ", rho));
        var top = string.Join(" ", rho.Take(Math.Min(5, components)).Select(r => r.ToString("F4", CultureInfo.InvariantCulture)));
        Assert.Equal(top, map.Notes["canonical_correlations_top"]);
        Assert.Equal(FormattableString.Invariant($"{components}"), map.Parameters["components"]);
        Assert.Equal(reg, double.Parse(map.Parameters["reg"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CcaTakesTheSmallerDimensionByDefaultAndRefusesMoreComponents()
    {
        var x = SyntheticEmbeddings.Gaussian(30, 8, 1);
        var y = SyntheticEmbeddings.Gaussian(30, 6, 2);
        var map = MapSpec.Parse("cca").CreateFitter().Fit(x, y);
        Assert.Equal(6, Weights(map.SourceHead).Cols);
        Assert.False(map.Parameters.ContainsKey("components"));
        Assert.Equal(1e-4, double.Parse(map.Parameters["reg"], CultureInfo.InvariantCulture));
        Assert.Equal(1, Weights(MapSpec.Parse("cca:components=1").CreateFitter().Fit(x, y).SourceHead).Cols);
        Assert.Throws<FaceCompatException>(() => MapSpec.Parse("cca:components=7").CreateFitter().Fit(x, y));
        // the source the smaller side (6 padded to 8): still the smaller dimension's 6 components
        Assert.Equal(6, Weights(MapSpec.Parse("cca").CreateFitter().Fit(y, x).SourceHead).Cols);
        // without regularisation a rank-deficient covariance cannot be whitened
        var deficient = SyntheticEmbeddings.Gaussian(30, 3, 4).Multiply(SyntheticEmbeddings.Gaussian(3, 6, 5));
        Assert.Contains("raise reg", Assert.Throws<FaceCompatException>(() => MapSpec.Parse("cca:reg=0").CreateFitter().Fit(deficient, y)).Message);
    }

    [Fact]
    public void ScaledProcrustesIsProcrustesTimesTheTraceOfTheSingularValuesOverTheSourceEnergy()
    {
        var x = SyntheticEmbeddings.Gaussian(30, 6, 3);
        var y = SyntheticEmbeddings.Gaussian(30, 6, 4);
        var scaled = MapSpec.Parse("procrustes-scaled").CreateFitter().Fit(x, y);
        var plain = MapSpec.Parse("procrustes").CreateFitter().Fit(x, y);
        var xp = scaled.Preparation.Source.Apply(x);
        var yp = scaled.Preparation.Target.Apply(y);
        var singular = Decompositions.ThinSvd(Matrix.Multiply(xp, true, yp, false)).S;
        var expected = singular.Sum() / xp.Data.Sum(v => v * v); // s = trace(S) / ||X||_F^2
        Assert.InRange(expected, 0.05, 0.95); // a scale that is not 1 (centred unit rows, unrelated spaces)
        Assert.Equal(expected, double.Parse(scaled.Notes["scale"], CultureInfo.InvariantCulture), 12);
        Assert.True(Weights(scaled.SourceHead).MaxAbsDifference(Scaled(Weights(plain.SourceHead), expected)) < 1e-12);
    }
}
