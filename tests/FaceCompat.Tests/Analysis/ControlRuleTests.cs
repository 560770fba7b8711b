using FaceCompat.Analysis;

namespace FaceCompat.Tests.Analysis;

/// <summary>The control rule's numbers computed by hand: floors, lifts, margin, the Student-t interval and the verdict.</summary>
public class ControlRuleTests
{
    [Fact]
    public void TheLiftIsOverTheHigherOfBaselineAndChanceAndTheIntervalIsStudentT()
    {
        // floors: max(0.10, 0.20) = 0.20; max(0.12, 0) = 0.12; max(0.11, unknown chance) = 0.11
        var j = ControlRule.Judge([0.30, 0.32, 0.34], [0.10, 0.12, 0.11], [0.20, 0.0, double.NaN], [0.90, 0.80, 0.85]);
        double[] lift = [0.10, 0.20, 0.23];
        var mean = lift.Average();
        var std = Math.Sqrt(lift.Sum(v => (v - mean) * (v - mean)) / 2);
        var half = 4.303 * std / Math.Sqrt(3); // t_0.975 with 2 degrees of freedom
        var margin = 0.1 * new[] { 0.70, 0.68, 0.74 }.Average(); // 10% of the best map's mean gain over the same floors
        Assert.Equal(mean, j.MeanLift, 12);
        Assert.Equal(mean - half, j.Lower, 12);
        Assert.Equal(mean + half, j.Upper, 12);
        Assert.Equal(margin, j.Margin, 12);
        Assert.Equal(3, j.Seeds);
        Assert.True(j.AtBaseline); // lower end 0.0076 is not above the margin 0.0707
    }

    [Fact]
    public void ALiftWhoseWholeIntervalIsAboveTheMarginIsAboveBaseline()
    {
        var j = ControlRule.Judge([0.50, 0.52, 0.51], [0.10, 0.10, 0.10], [], [0.90, 0.90, 0.90]);
        Assert.Equal(0.08, j.Margin, 12);
        Assert.True(j.Lower > j.Margin);
        Assert.False(j.AtBaseline);
    }

    [Fact]
    public void TwoSeedsAlreadyUseTheIntervalWhichAWideSpreadKeepsAtBaseline()
    {
        // lifts 0 and 0.1: the point rule (mean 0.05 > 0.01) would flag it; t_0.975(1) = 12.706 makes the interval wide
        var j = ControlRule.Judge([0.0, 0.1], [0.0, 0.0], [], []);
        Assert.Equal(0.05 - 12.706 * Math.Sqrt(0.005) / Math.Sqrt(2), j.Lower, 12);
        Assert.True(j.AtBaseline);
    }

    [Fact]
    public void OneSeedComparesThePointLiftWithTheMargin()
    {
        var exactly = ControlRule.Judge([0.01], [0.0], [], []);
        Assert.Equal(ControlRule.MinimumMargin, exactly.Margin);
        Assert.True(exactly.AtBaseline); // a lift equal to the margin is allowed
        Assert.True(double.IsNaN(exactly.Lower) && double.IsNaN(exactly.Upper));
        Assert.False(ControlRule.Judge([0.02], [0.0], [], []).AtBaseline);
        Assert.Equal(0.015, ControlRule.Judge([0.02], [0.005], [double.NaN], []).MeanLift, 15);
    }

    [Fact]
    public void TheMarginIsAtLeastOnePointAndNeverFromALoss()
    {
        Assert.Equal(ControlRule.MinimumMargin, ControlRule.Judge([0.1, 0.1], [0.1, 0.1], [], [0.15, 0.13]).Margin); // 10% of 0.04 < 0.01
        Assert.Equal(ControlRule.MinimumMargin, ControlRule.Judge([0.1, 0.1], [0.1, 0.1], [], [0.05, 0.05]).Margin); // the best map lost
        Assert.Equal(0.05, ControlRule.Judge([0.1, 0.1], [0.1, 0.1], [], [0.5, 0.7]).Margin, 12);
    }

    [Fact]
    public void ALowerEndExactlyAtTheMarginIsStillAtBaseline()
    {
        // two equal lifts of exactly one point: no spread, so the interval is the point 0.01 = the margin
        var judgement = ControlRule.Judge([0.01, 0.01], [0.0, 0.0], [], []);
        Assert.Equal((0.01, 0.01, 0.01), (judgement.Lower, judgement.Upper, judgement.Margin));
        Assert.True(judgement.AtBaseline);
    }

    [Fact]
    public void AnUnknownBaselineLeavesChanceAsTheFloor()
    {
        var judgement = ControlRule.Judge([0.3], [double.NaN], [0.2], []);
        Assert.Equal(0.1, judgement.MeanLift, 15);
        Assert.Equal(0.3, ControlRule.Judge([0.3], [double.NaN], [], []).MeanLift);
    }

    [Fact]
    public void AControlWithoutAValueIsNeverCalledAtBaseline()
    {
        // a seed whose control metric is missing: no interval can be formed, and nothing shows the control fell
        var judgement = ControlRule.Judge([double.NaN, 0.1], [0.1, 0.1], [], []);
        Assert.False(judgement.AtBaseline);
        Assert.True(double.IsNaN(judgement.Lower));
        Assert.Equal(ControlRule.MinimumMargin, ControlRule.Judge([0.1, 0.1], [0.1, 0.1], [], [double.NaN, double.NaN]).Margin);
    }

    [Fact]
    public void ValuesThatAreNotOnePerSeedAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ControlRule.Judge([], [], [], []));
        Assert.Throws<ArgumentException>(() => ControlRule.Judge([0.1, 0.2], [0.1], [], []));
        Assert.Throws<ArgumentException>(() => ControlRule.Judge([0.1, 0.2], [0.1, 0.1], [0.0], []));
        Assert.Throws<ArgumentException>(() => ControlRule.Judge([0.1, 0.2], [0.1, 0.1], [], [0.5]));
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(4, 2.776)]
    [InlineData(30, 2.042)]
    [InlineData(31, 2.000)]
    [InlineData(60, 2.000)]
    [InlineData(61, 1.980)]
    [InlineData(120, 1.980)]
    [InlineData(121, 1.960)]
    public void StudentQuantilesFollowTheTable(int dof, double expected) => Assert.Equal(expected, StudentT.Quantile975(dof));

    [Fact]
    public void StudentQuantilesNeedADegreeOfFreedom() => Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile975(0));
}
