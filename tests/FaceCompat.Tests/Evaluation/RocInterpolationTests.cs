using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// TMR at an FMR interpolated on the piecewise-linear ROC (the <c>_interp</c> metrics), and the ROC's refusals, on a
/// hand-computed curve with a sloped segment.
/// </summary>
public class RocInterpolationTests
{
    // Descending: genuine 0.9; genuine and impostor tied at 0.5; impostor 0.1.
    // Points: (0,0) (0,.5) (.5,1) (1,1).
    private static RocCurve Curve() => RocCurve.Compute([0.9, 0.5, 0.5, 0.1], [true, true, false, false]);

    [Fact]
    public void TheCurveHasTheHandComputedPoints()
    {
        var roc = Curve();
        Assert.Equal([0, 0, 0.5, 1], roc.Fmr);
        Assert.Equal([0, 0.5, 1, 1], roc.Tmr);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.5, 0.1], roc.Thresholds);
    }

    [Theory]
    [InlineData(0.0, 0.5)]   // the highest TMR at FMR 0, not the origin
    [InlineData(0.1, 0.6)]   // 0.5 + (0.1 / 0.5) * 0.5
    [InlineData(0.25, 0.75)]
    [InlineData(0.4, 0.9)]
    [InlineData(0.5, 1.0)]   // on a point
    [InlineData(0.75, 1.0)]  // on the flat end
    [InlineData(1.0, 1.0)]   // the last point
    public void InterpolatedTmrFollowsTheSegmentBeyondTheLastPointAtOrBelowTheTarget(double fmr, double tmr) =>
        Assert.Equal(tmr, Curve().TmrAtFmrInterpolated(fmr), 12);

    [Fact]
    public void ASlopeThatStartsAboveFmrZeroIsInterpolatedFromItsOwnStart()
    {
        // genuine 0.9; impostor 0.7; genuine and impostor tied at 0.5; impostor 0.1: (0,0) (0,.5) (1/3,.5) (2/3,1) (1,1)
        var roc = RocCurve.Compute([0.9, 0.7, 0.5, 0.5, 0.1], [true, false, true, false, false]);
        Assert.Equal([0, 0, 1.0 / 3, 2.0 / 3, 1], roc.Fmr);
        Assert.Equal([0, 0.5, 0.5, 1, 1], roc.Tmr);
        Assert.Equal(0.75, roc.TmrAtFmrInterpolated(0.5), 12); // 0.5 + (0.5 - 1/3) / (1/3) * 0.5
    }

    [Fact]
    public void NearestTmrDiffersFromTheInterpolatedOneOnASlope()
    {
        // 0.2 is nearest to FMR 0 (gap 0.2, the first of those points: TMR 0), interpolated 0.7
        Assert.Equal(0.0, Curve().TmrAtFmrNearest(0.2), 12);
        Assert.Equal(0.7, Curve().TmrAtFmrInterpolated(0.2), 12);
    }

    [Fact]
    public void ScoresMustBeFiniteAndBothKindsPresent()
    {
        Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.9, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.9, 0.1], [true, true]));
        Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.9, 0.1], [false, false]));
        Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.9, 0.1], [true]));
    }
}
