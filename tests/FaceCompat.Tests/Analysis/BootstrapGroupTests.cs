using FaceCompat.Analysis;

namespace FaceCompat.Tests.Analysis;

/// <summary>
/// The bootstrap resamples identities, not rows, and weighs each resample by its rows. Two identities:
/// A with one row of value 1, B with nine rows of value 0. Drawing two identities gives AA (mean 1),
/// AB or BA (1 / 10 = 0.1) or BB (0) with probabilities 1/4, 1/2, 1/4 — so the resampled means take only
/// the values 0, 0.1 and 1. With 1,001 resamples the quantile positions below are whole numbers, so
/// the bounds are resampled means themselves.
/// </summary>
public sealed class BootstrapGroupTests
{
    private static readonly double[] Values = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly int[] Groups = [5, 9, 9, 9, 9, 9, 9, 9, 9, 9];

    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    [InlineData(777UL)]
    public void WideIntervalSpansTheIdentityOutcomes(ulong seed)
    {
        // 90%: the 5% and 95% quantiles fall inside the BB (25%) and AA (25%) masses.
        // Resampling rows instead (k ones of 10, k ~ Binomial(10, 0.1)) would give an upper bound near 0.3.
        var ci = Bootstrap.GroupedMean(Values, Groups, resamples: 1001, level: 0.9, seed: seed);
        Assert.Equal(0.1, ci.Estimate, 12);
        Assert.Equal(0.0, ci.Lower, 12);
        Assert.Equal(1.0, ci.Upper, 12);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    [InlineData(777UL)]
    public void NarrowIntervalSitsOnTheMixedOutcome(ulong seed)
    {
        // 20%: the 40% and 60% quantiles fall inside the AB/BA mass (25% .. 75%), whose mean is 1/10 of
        // the rows; a mean of per-identity means would give 0.5 there.
        var ci = Bootstrap.GroupedMean(Values, Groups, resamples: 1001, level: 0.2, seed: seed);
        Assert.Equal(0.1, ci.Lower, 12);
        Assert.Equal(0.1, ci.Upper, 12);
    }

    [Fact]
    public void NaNRowsAreLeftOutButTheirIdentityIsStillDrawn()
    {
        // Identity 5 has one counted row (1) and one left out; identity 9 has nine counted zeros and a left-out row.
        double[] values = [1, double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, double.NaN];
        int[] groups = [5, 5, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9];
        var withNaN = Bootstrap.GroupedMean(values, groups, resamples: 1001, level: 0.9, seed: 3);
        var without = Bootstrap.GroupedMean(Values, Groups, resamples: 1001, level: 0.9, seed: 3);
        Assert.Equal(without, withNaN);
    }
}
