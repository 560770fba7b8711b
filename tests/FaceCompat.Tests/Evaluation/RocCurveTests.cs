using FaceCompat.Evaluation;
using FsCheck.Xunit;

namespace FaceCompat.Tests.Evaluation;

public class RocCurveTests
{
    // Descending: 0.9 G, 0.8 G, 0.7 I, 0.4 G, 0.3 I, 0.2 I.
    private static readonly double[] Scores = [0.9, 0.8, 0.4, 0.7, 0.3, 0.2];
    private static readonly bool[] Genuine = [true, true, true, false, false, false];

    [Fact]
    public void CurveDropsCollinearPointsLikeSklearn()
    {
        var roc = RocCurve.Compute(Scores, Genuine);
        // sklearn.metrics.roc_curve: fpr [0,0,0,1/3,1/3,1], tpr [0,1/3,2/3,2/3,1,1] (the point at 0.3 is dropped).
        Assert.Equal([0, 0, 0, 1 / 3.0, 1 / 3.0, 1], roc.Fmr);
        Assert.Equal([0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 1, 1], roc.Tmr);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.8, 0.7, 0.4, 0.2], roc.Thresholds);
    }

    [Fact]
    public void AucEerAndTmrMatchHandComputedValues()
    {
        var roc = RocCurve.Compute(Scores, Genuine);
        Assert.Equal(8.0 / 9, roc.Auc(), 12); // 8 of 9 genuine-impostor pairs ordered correctly
        Assert.Equal(1.0 / 3, roc.Eer(), 12); // |FNMR - FMR| = 0 at (1/3, 2/3)
        // Nearest point to FMR 0.1 is the first of three points at FMR 0: TMR 0 (the reference's quirk).
        Assert.Equal(0, roc.TmrAtFmrNearest(0.1), 12);
        Assert.Equal(2.0 / 3, roc.TmrAtFmrNearest(0.3), 12);
        Assert.Equal(2.0 / 3, roc.TmrAtFmrInterpolated(0.1), 12);
        Assert.Equal(1.0, roc.TmrAtFmrInterpolated(0.5), 12);
        Assert.Equal((1 / 3.0, 0.0), roc.DetPoints()[4]);
    }

    [Fact]
    public void TiedScoresFormOnePoint()
    {
        var roc = RocCurve.Compute([0.5, 0.5, 0.5, 0.5], [true, false, true, false]);
        Assert.Equal([0, 1], roc.Fmr);
        Assert.Equal([0, 1], roc.Tmr);
        Assert.Equal(0.5, roc.Auc(), 12);
    }

    [Property(MaxTest = 200)]
    public bool PerfectlySeparatedScoresHaveAucOneAndEerZero(byte genuineCount, byte impostorCount, int seed)
    {
        var g = genuineCount % 50 + 1;
        var i = impostorCount % 50 + 1;
        var rng = new Random(seed);
        var scores = new double[g + i];
        var labels = new bool[g + i];
        for (var k = 0; k < g; k++) { scores[k] = 1 + rng.NextDouble(); labels[k] = true; }
        for (var k = 0; k < i; k++) scores[g + k] = -rng.NextDouble();
        var roc = RocCurve.Compute(scores, labels);
        return roc.Auc() == 1 && roc.Eer() == 0 && roc.TmrAtFmrInterpolated(1e-4) == 1;
    }

    [Property(MaxTest = 200)]
    public bool EerOfInformativeScoresLiesInHalfInterval(int seed)
    {
        var rng = new Random(seed);
        var n = 40 + rng.Next(200);
        var scores = new double[2 * n];
        var labels = new bool[2 * n];
        for (var k = 0; k < n; k++)
        {
            scores[k] = 0.5 + rng.NextDouble(); // genuine shifted up: informative
            labels[k] = true;
            scores[n + k] = rng.NextDouble();
        }
        var roc = RocCurve.Compute(scores, labels);
        var eer = roc.Eer();
        return eer >= 0 && eer <= 0.5 && roc.Auc() > 0.5;
    }
}
