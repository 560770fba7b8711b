using FaceCompat.Analysis;
using FaceCompat.Reporting.Charts;

namespace FaceCompat.Tests.Analysis;

public class ProbitTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.025, -1.959963984540054)]
    [InlineData(0.8413447460685429, 1.0)]
    [InlineData(1e-6, -4.753424308822899)]
    [InlineData(1e-3, -3.090232306167813)]
    [InlineData(0.999, 3.090232306167813)]
    public void InverseCdfMatchesTabulatedNormalDeviates(double p, double z) =>
        Assert.Equal(z, NormalDistribution.InverseCdf(p), 9);

    [Fact]
    public void TheLowerTailIsRefinedWithoutCancellation()
    {
        // Halley's step reads Φ(x) − p directly below 0: through 1 − p − Q(x) the tail would lose ~7 digits
        Assert.Equal(-6.361340902404056, NormalDistribution.InverseCdf(1e-10), 12);
        Assert.Equal(-4.753424308822899, NormalDistribution.InverseCdf(1e-6), 13);
    }

    [Fact]
    public void InverseCdfInvertsTheCdfAndHandlesItsEnds()
    {
        foreach (var p in new[] { 1e-12, 1e-7, 0.02, 0.02425, 0.3, 0.6, 0.97575, 0.99, 1 - 1e-9 })
            Assert.Equal(p, NormalDistribution.Cdf(NormalDistribution.InverseCdf(p)), Math.Max(p, 1 - p) * 1e-9 + 1e-15);
        Assert.Equal(double.NegativeInfinity, NormalDistribution.InverseCdf(0));
        Assert.Equal(double.PositiveInfinity, NormalDistribution.InverseCdf(1));
        Assert.True(double.IsNaN(NormalDistribution.InverseCdf(1.5)));
        Assert.True(double.IsNaN(NormalDistribution.InverseCdf(-0.5)));
        Assert.True(double.IsNaN(NormalDistribution.InverseCdf(double.NaN)));
    }

    [Fact]
    public void ProbitAxisPlacesRatesByTheirNormalDeviate()
    {
        var axis = new Axis(0.025, 0.975, AxisScale.Probit, 0, 100);
        Assert.Equal(50, axis.ToPixel(0.5), 9); // Φ⁻¹(0.5) = 0, half-way between ±1.96
        // 0.8413 is one deviate above the middle: 50 + 50 / 1.96
        Assert.Equal(50 + 50 / 1.959963984540054, axis.ToPixel(0.8413447460685429), 6);
        Assert.Equal(-1.959963984540054, axis.Transform(0.025), 9);
        Assert.False(axis.Contains(1.0));
        Assert.Equal([0.05, 0.2, 0.5, 0.8, 0.95], axis.Ticks());
        Assert.Throws<ArgumentException>(() => new Axis(0, 0.5, AxisScale.Probit, 0, 100));
    }
}
