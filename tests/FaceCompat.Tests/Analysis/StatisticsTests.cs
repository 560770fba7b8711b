using FaceCompat.Analysis;

namespace FaceCompat.Tests.Analysis;

public class StatisticsTests
{
    [Fact]
    public void SummaryUsesSampleStandardDeviation()
    {
        var s = Summary.Of([1.0, 2, 3, 4]);
        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), s.Std, 12);
    }

    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028516)]
    [InlineData(2.4, 0.0006885138966450789)]
    [InlineData(2.6, 0.000236034416529349)]
    [InlineData(3.0, 2.2090496998585445e-05)]
    [InlineData(5.0, 1.5374597944280347e-12)]
    public void ErfcMatchesScipy(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Erfc(x), expected * 1e-12);

    [Fact]
    public void WilcoxonExactMatchesScipy()
    {
        // scipy.stats.wilcoxon([1, 2, -3, 4, 5]) -> statistic 3, p 0.3125 (= 2 * 5/32).
        var r = PairedTests.Wilcoxon([1.0, 2, -3, 4, 5], [0.0, 0, 0, 0, 0]);
        Assert.Equal(3, r.Statistic);
        Assert.Equal(0.3125, r.PValue, 12);
        Assert.Equal("exact", r.Method);
    }

    [Fact]
    public void WilcoxonWithTiesStaysExactLikeScipy110()
    {
        // scipy 1.10: wilcoxon([1, 1, -2, 3]) -> statistic 3, p 0.625.
        var r = PairedTests.Wilcoxon([1.0, 1, -2, 3], [0.0, 0, 0, 0]);
        Assert.Equal(3, r.Statistic);
        Assert.Equal(0.625, r.PValue, 12);
    }

    [Fact]
    public void WilcoxonWithZerosUsesTieCorrectedNormalApproximation()
    {
        // scipy 1.10: wilcoxon([1, 1, -2, 3, 0]) -> statistic 3, p 0.4614509878333607.
        var r = PairedTests.Wilcoxon([1.0, 1, -2, 3, 0], [0.0, 0, 0, 0, 0]);
        Assert.Equal(3, r.Statistic);
        Assert.Equal(0.4614509878333607, r.PValue, 12);
        Assert.Equal("normal approximation", r.Method);
    }

    [Fact]
    public void SignFlipIsExactForSmallSamples()
    {
        // d = [1, 2, 3]: only +++ and --- reach |mean| >= 2 -> p = 2/8.
        var r = PairedTests.SignFlip([1.0, 2, 3], [0.0, 0, 0]);
        Assert.Equal(2, r.Statistic, 12);
        Assert.Equal(0.25, r.PValue, 12);
    }

    [Fact]
    public void SignFlipStaysExactAtTwentyPairs()
    {
        // 20 equal differences: only the all-plus and all-minus patterns reach |mean| = 1 -> p = 2 / 2^20
        var r = PairedTests.SignFlip(Enumerable.Repeat(1.0, 20).ToArray(), new double[20]);
        Assert.Equal("exact sign-flip", r.Method);
        Assert.Equal(2.0 / (1 << 20), r.PValue);
        Assert.StartsWith("sign-flip, 10000 random", PairedTests.SignFlip(Enumerable.Repeat(1.0, 21).ToArray(), new double[21]).Method);
    }

    [Fact]
    public void PairedTestsNameTheirEmptyAndCentredCases()
    {
        var allZero = PairedTests.Wilcoxon([1.0, 2], [1.0, 2]);
        Assert.Equal("none: all differences are zero", allZero.Method);
        Assert.True(double.IsNaN(allZero.PValue));
        Assert.Equal(new TestResult(0, 1, 0, "none: no pairs"), PairedTests.SignFlip([], []));
        // W+ = 3 of a maximum 6: the centre of the null distribution, p = 1 exactly
        var centre = PairedTests.Wilcoxon([1.0, 2, -3], [0.0, 0, 0]);
        Assert.Equal((1.0, "exact"), (centre.PValue, centre.Method));
    }

    [Fact]
    public void PairedSamplesOfDifferentLengthsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => PairedTests.Wilcoxon([1.0, 2], [1.0]));
        Assert.Throws<ArgumentException>(() => PairedTests.SignFlip([1.0, 2], [1.0]));
        Assert.Throws<ArgumentException>(() => Bootstrap.GroupedMean([1.0, 2], [0]));
    }

    [Fact]
    public void SignFlipMonteCarloIsSeededAndSensible()
    {
        var rng = new Random(1);
        var x = Enumerable.Range(0, 40).Select(_ => rng.NextDouble() + 0.5).ToArray();
        var y = new double[40];
        var r1 = PairedTests.SignFlip(x, y, 2000, 7);
        Assert.Equal(r1, PairedTests.SignFlip(x, y, 2000, 7));
        Assert.Equal(1.0 / 2001, r1.PValue, 12); // every difference positive: no random pattern is as extreme
        var noEffect = PairedTests.SignFlip(x, x.Select(v => v + (rng.NextDouble() - 0.5) * 1e-3).ToArray(), 2000, 7);
        Assert.True(noEffect.PValue > 0.01);
    }

    [Fact]
    public void BootstrapOfConstantValuesIsAPoint()
    {
        var ci = Bootstrap.GroupedMean([0.5, 0.5, 0.5, 0.5], [1, 1, 2, 3], 200, 0.95, 9);
        Assert.Equal(0.5, ci.Lower, 12);
        Assert.Equal(0.5, ci.Upper, 12);
    }

    [Fact]
    public void BootstrapIntervalContainsTheEstimateAndIsDeterministic()
    {
        var rng = new Random(4);
        var values = Enumerable.Range(0, 300).Select(_ => rng.NextDouble() < 0.7 ? 1.0 : 0.0).ToArray();
        var groups = Enumerable.Range(0, 300).Select(i => i / 3).ToArray();
        var ci = Bootstrap.GroupedMean(values, groups, 1000, 0.95, 11);
        Assert.InRange(ci.Estimate, ci.Lower, ci.Upper);
        Assert.True(ci.Upper - ci.Lower is > 0.03 and < 0.3);
        Assert.Equal(ci, Bootstrap.GroupedMean(values, groups, 1000, 0.95, 11));
    }

    [Fact]
    public void QuantileInterpolatesLikeNumpy()
    {
        // numpy.percentile([1, 2, 3, 4], 25) = 1.75
        Assert.Equal(1.75, Bootstrap.Quantile([1.0, 2, 3, 4], 0.25), 12);
    }

    [Fact]
    public void SpearmanOfHandExample()
    {
        // 1 - 6 * 2 / (4 * 15) = 0.8
        Assert.Equal(0.8, Ranking.Spearman([1.0, 2, 3, 4], [1.0, 3, 2, 4]), 12);
        Assert.Equal([1.5, 1.5, 3], Ranking.AverageRanks([5.0, 5, 7]));
    }
}
