using FaceCompat.Alignment;

namespace FaceCompat.Tests.Alignment;

public class SimilarityTransformTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.0, 0.0)]
    [InlineData(0.3, 1.7, 12.5, -4.0)]
    [InlineData(-2.5, 0.4, -100.0, 33.3)]
    [InlineData(3.1, 2.0, 0.5, 0.25)]
    public void Umeyama_recovers_an_exact_similarity(double angle, double scale, double tx, double ty)
    {
        var truth = new SimilarityTransform(scale * Math.Cos(angle), scale * Math.Sin(angle), tx, ty);
        var random = new Random(7);
        var source = new float[10];
        for (var i = 0; i < source.Length; i++) source[i] = (float)(random.NextDouble() * 200 - 50);
        var target = new float[10];
        for (var i = 0; i < 5; i++)
        {
            var (x, y) = truth.Apply(source[2 * i], source[2 * i + 1]);
            target[2 * i] = (float)x;
            target[2 * i + 1] = (float)y;
        }
        var estimate = SimilarityTransform.Estimate(source, target);
        Assert.Equal(truth.A, estimate.A, 4);
        Assert.Equal(truth.B, estimate.B, 4);
        Assert.Equal(truth.Tx, estimate.Tx, 2);
        Assert.Equal(truth.Ty, estimate.Ty, 2);
    }

    [Fact]
    public void Umeyama_is_the_least_squares_fit_for_noisy_points()
    {
        // Any perturbation of the estimate must not lower the squared error.
        float[] source = [0, 0, 10, 0, 5, 6, 1, 11, 9, 12];
        float[] target = [3, 4, 13.5f, 4.2f, 8, 10.5f, 3.6f, 15, 12.4f, 16.1f];
        var best = SimilarityTransform.Estimate(source, target);
        var bestError = Error(best, source, target);
        foreach (var d in new[] { 1e-3, -1e-3 })
        {
            Assert.True(Error(best with { A = best.A + d }, source, target) >= bestError);
            Assert.True(Error(best with { B = best.B + d }, source, target) >= bestError);
            Assert.True(Error(best with { Tx = best.Tx + d }, source, target) >= bestError);
            Assert.True(Error(best with { Ty = best.Ty + d }, source, target) >= bestError);
        }
    }

    [Fact]
    public void Inverse_undoes_the_transform()
    {
        var t = new SimilarityTransform(0.8, -0.6, 5, 7);
        var (x, y) = t.Inverse().Apply(t.Apply(3, -2).X, t.Apply(3, -2).Y);
        Assert.Equal(3, x, 9);
        Assert.Equal(-2, y, 9);
    }

    [Fact]
    public void Coincident_points_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate([1, 1, 1, 1], [0, 0, 2, 2]));
    }

    private static double Error(SimilarityTransform t, float[] s, float[] d)
    {
        double e = 0;
        for (var i = 0; i < s.Length / 2; i++)
        {
            var (x, y) = t.Apply(s[2 * i], s[2 * i + 1]);
            e += (x - d[2 * i]) * (x - d[2 * i]) + (y - d[2 * i + 1]) * (y - d[2 * i + 1]);
        }
        return e;
    }
}
