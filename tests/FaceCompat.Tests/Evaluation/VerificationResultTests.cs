using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>A verification result from labelled pair scores, and row normalisation into a used buffer.</summary>
public class VerificationResultTests
{
    [Fact]
    public void PairsGiveTheCountsAndEveryRateOfTheirRoc()
    {
        // the sloped curve of RocInterpolationTests: (0,0) (0,.5) (.5,1) (1,1)
        double[] scores = [0.9, 0.5, 0.5, 0.1];
        VerificationPair[] pairs = [new(0, 1, true), new(2, 3, true), new(4, 5, false), new(6, 7, false)];
        var result = Verification.Evaluate(scores, pairs);
        var roc = RocCurve.Compute(scores, [true, true, false, false]);
        Assert.Equal(2, result.GenuineCount);
        Assert.Equal(2, result.ImpostorCount);
        Assert.Equal(roc.Auc(), result.Auc, 12);
        Assert.Equal(0.875, result.Auc, 12);
        Assert.Equal(roc.Eer(), result.Eer, 12);
        Assert.Equal(VerificationResult.StandardFmrs.Count, result.TmrAtFmrNearest.Count);
        Assert.Equal(VerificationResult.StandardFmrs.Select(roc.TmrAtFmrNearest), result.TmrAtFmrNearest);
        Assert.Equal(VerificationResult.StandardFmrs.Select(roc.TmrAtFmrInterpolated), result.TmrAtFmrInterpolated);
        // at FMR 0.1 the interpolated rate is 0.6 (see RocInterpolationTests); the nearest point (FMR 0) gives 0
        var at01 = VerificationResult.StandardFmrs.ToList().IndexOf(0.1);
        Assert.Equal(0.6, result.TmrAtFmrInterpolated[at01], 12);
        Assert.Throws<ArgumentException>(() => Verification.Evaluate(scores, pairs[..3]));
        // one genuine pair among three: the counts follow the labels, not the positions
        var uneven = Verification.Evaluate([0.9, 0.5, 0.1], [new(0, 1, false), new(2, 3, true), new(4, 5, false)]);
        Assert.Equal(1, uneven.GenuineCount);
        Assert.Equal(2, uneven.ImpostorCount);
    }

    [Fact]
    public void AZeroRowNormalisesToZerosEvenIntoAUsedBuffer()
    {
        float[] values = [3, 4, 0, 0, 0, 2];
        var result = Enumerable.Repeat(7f, 6).ToArray();
        Rows.Normalize(values, 3, 2, result);
        Assert.Equal([0.6f, 0.8f, 0, 0, 0, 1], result);
    }
}
