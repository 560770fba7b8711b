using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>The LFW View-2 threshold search at its edges, the sample std over more than two folds, and pair scores by index.</summary>
public class TenFoldThresholdTests
{
    [Fact]
    public void AllGenuineKeepsTheThresholdBelowEveryScore() =>
        Assert.Equal(0.2 - 1, TenFoldVerification.BestThreshold([0.4, 0.2, 0.9], [true, true, true]), 12);

    [Fact]
    public void AllImpostorsPutTheThresholdAboveEveryScore() =>
        Assert.Equal(0.9 + 1, TenFoldVerification.BestThreshold([0.4, 0.2, 0.9], [false, false, false]), 12);

    [Fact]
    public void NoScoresGiveZero() => Assert.Equal(0.0, TenFoldVerification.BestThreshold([], []));

    [Fact]
    public void TiedScoresAreNeverSplit()
    {
        // 0.5 is held by an impostor and a genuine pair; a split between them is not a threshold: the best is below 0.5
        // (3 of 4 right: 0.3 rejected, both 0.5 and 0.8 accepted) rather than the impossible 4 of 4
        Assert.Equal((0.3 + 0.5) / 2, TenFoldVerification.BestThreshold([0.3, 0.5, 0.5, 0.8], [false, false, true, true]), 12);
    }

    [Fact]
    public void StdIsTheSampleStdOverThreeFolds()
    {
        // each fold is tested with the threshold of the other two; per-fold accuracies 1, 1, 0.5
        VerificationPair[] pairs =
        [
            new(0, 0, true, 1), new(0, 0, false, 1),
            new(0, 0, true, 2), new(0, 0, false, 2),
            new(0, 0, true, 3), new(0, 0, false, 3),
        ];
        double[] scores = [0.9, 0.1, 0.8, 0.2, 0.3, 0.4];
        var result = TenFoldVerification.Evaluate(pairs, scores);
        var accuracy = result.FoldAccuracy.ToArray();
        var mean = accuracy.Average();
        var std = Math.Sqrt(accuracy.Sum(a => (a - mean) * (a - mean)) / 2);
        Assert.Equal([1.0, 1.0, 0.5], accuracy);
        Assert.Equal(mean, result.MeanAccuracy, 12);
        Assert.Equal(std, result.StdAccuracy, 12);
        Assert.True(std > 0.28 && std < 0.29); // sqrt(1/12): ddof 1, not the population's sqrt(1/18)
    }

    [Fact]
    public void CosineScoresReadTheRowsThePairNamesAndGiveZeroForAZeroRow()
    {
        float[] probe = [1, 0, 3, 4, 0, 0];
        float[] reference = [0, 1, 4, 3, 1, 1];
        var scores = TenFoldVerification.CosineScores(probe, reference, 2,
            [new VerificationPair(1, 1, true), new VerificationPair(1, 0, false), new VerificationPair(2, 2, false)]);
        Assert.Equal(24.0 / 25, scores[0], 6);
        Assert.Equal(4.0 / 5, scores[1], 6);
        Assert.Equal(0.0, scores[2]);
    }
}
