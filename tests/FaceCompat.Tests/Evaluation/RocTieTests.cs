using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// EER and the reference's nearest-point TMR@FMR on a curve where two ROC points tie for the minimum:
/// both take the first point in ROC order (ascending FMR), as numpy's argmin does.
/// </summary>
public sealed class RocTieTests
{
    // Descending scores: impostor, genuine, genuine, impostor, impostor, genuine, genuine, impostor.
    // Kept ROC points (collinear ones dropped): (0,0) (.25,0) (.25,.5) (.75,.5) (.75,1) (1,1).
    private static RocCurve Curve() => RocCurve.Compute(
        [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2],
        [false, true, true, false, false, true, true, false]);

    [Fact]
    public void TheCurveHasTheHandComputedPoints()
    {
        var roc = Curve();
        Assert.Equal([0, 0.25, 0.25, 0.75, 0.75, 1], roc.Fmr);
        Assert.Equal([0, 0, 0.5, 0.5, 1, 1], roc.Tmr);
    }

    [Fact]
    public void EerTakesTheFirstPointOfATie()
    {
        // |FNMR - FMR| is 0.25 at (.25,.5) and at (.75,.5); the first gives (0.25 + 0.5) / 2, the last 0.625.
        Assert.Equal(0.375, Curve().Eer(), 12);
    }

    [Fact]
    public void NearestTmrAtFmrTakesTheFirstPointOfATie()
    {
        // |FMR - 0.5| is 0.25 at four points; the first, (.25, 0), gives TMR 0 (the last would give 1).
        Assert.Equal(0.0, Curve().TmrAtFmrNearest(0.5), 12);
        // Two points share the nearest FMR: 0.7 is nearest to 0.75, where (.75,.5) comes before (.75,1);
        // 0.3 is nearest to 0.25, where (.25,0) comes before (.25,.5).
        Assert.Equal(0.5, Curve().TmrAtFmrNearest(0.7), 12);
        Assert.Equal(0.0, Curve().TmrAtFmrNearest(0.3), 12);
    }
}
