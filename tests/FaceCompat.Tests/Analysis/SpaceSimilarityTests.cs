using FaceCompat.Analysis;
using FaceCompat.Tests.Evaluation;

namespace FaceCompat.Tests.Analysis;

public class SpaceSimilarityTests
{
    [Fact]
    public void RotatedCopyIsFullySimilarOnEveryMeasure()
    {
        var (x, _, n, d) = IdentificationTests.Synthetic(120, 30, 6, seed: 8, noise: 0.3);
        var rotated = Rotate(x, n, d, 0.7);
        Assert.Equal(1, SpaceSimilarity.LinearCka(x, d, rotated, d, n), 9);
        Assert.Equal(1, SpaceSimilarity.Rsa(x, d, rotated, d, n), 6);
        Assert.Equal(1, SpaceSimilarity.MutualKnnOverlap(x, d, rotated, d, n), 12);
    }

    [Fact]
    public void UnrelatedSpacesScoreLow()
    {
        var (x, _, n, d) = IdentificationTests.Synthetic(200, 200, 32, seed: 1, noise: 0.1);
        var (y, _, _, _) = IdentificationTests.Synthetic(200, 200, 32, seed: 2, noise: 0.1);
        Assert.InRange(SpaceSimilarity.LinearCka(x, d, y, d, n), -0.1, 0.1);
        Assert.InRange(SpaceSimilarity.Rsa(x, d, y, d, n), -0.1, 0.1);
        Assert.InRange(SpaceSimilarity.MutualKnnOverlap(x, d, y, d, n), 0, 0.15);
    }

    [Fact]
    public void UnbiasedCkaMatchesDirectFormulaOnSmallCase()
    {
        // n = 5, 1-D spaces: compute the unbiased HSIC by its defining sums over distinct indices.
        float[] x = [1, 2, 3, 4, 6];
        float[] y = [2, 1, 4, 3, 5];
        double Hsic(float[] a, float[] b)
        {
            const int n = 5;
            double k(int i, int j) => i == j ? 0 : a[i] * a[j];
            double l(int i, int j) => i == j ? 0 : b[i] * b[j];
            double tr = 0, sk = 0, sl = 0, cross = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    tr += k(i, j) * l(j, i);
                    sk += k(i, j);
                    sl += l(i, j);
                    for (var t = 0; t < n; t++) cross += k(i, t) * l(t, j);
                }
            return (tr + sk * sl / ((n - 1) * (n - 2)) - 2.0 / (n - 2) * cross) / (n * (n - 3));
        }
        var expected = Hsic(x, y) / Math.Sqrt(Hsic(x, x) * Hsic(y, y));
        Assert.Equal(expected, SpaceSimilarity.LinearCka(x, 1, y, 1, 5), 12);
    }

    private static float[] Rotate(float[] x, int n, int d, double angle)
    {
        var result = (float[])x.Clone();
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        for (var i = 0; i < n; i++)
            for (var j = 0; j + 1 < d; j += 2)
            {
                double a = x[i * d + j], b = x[i * d + j + 1];
                result[i * d + j] = (float)(c * a - s * b);
                result[i * d + j + 1] = (float)(s * a + c * b);
            }
        return result;
    }
}
