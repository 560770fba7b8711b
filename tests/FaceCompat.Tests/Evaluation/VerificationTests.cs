using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Evaluation;

public class VerificationTests
{
    [Fact]
    public void SplitMixMatchesThePublishedSequence()
    {
        // Reference values of SplitMix64 seeded with 0 (as in Vigna's splitmix64.c).
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.Next());
        Assert.Equal(0x06C45D188009454FUL, rng.Next());
    }

    [Fact]
    public void ReferencePairsAreAllGenuineWithinIdentitiesPlusAsManyImpostors()
    {
        int[] ids = [0, 0, 1, 0, 1, 2];
        var pairs = Verification.ReferencePairs(ids, 42);
        var genuine = pairs.Where(p => p.Genuine).Select(p => (p.IndexA, p.IndexB)).ToArray();
        Assert.Equal([(0, 1), (0, 3), (1, 3), (2, 4)], genuine);
        var impostors = pairs.Where(p => !p.Genuine).ToArray();
        Assert.Equal(4, impostors.Length);
        Assert.All(impostors, p => Assert.NotEqual(ids[p.IndexA], ids[p.IndexB]));
        Assert.Equal(pairs, Verification.ReferencePairs(ids, 42));
        Assert.NotEqual(pairs, Verification.ReferencePairs(ids, 43));
    }

    [Fact]
    public void OneIdentityOrNoGenuinePairIsAClearError()
    {
        Assert.Throws<FaceCompatException>(() => Verification.ReferencePairs([3, 3, 3], 1));
        Assert.Throws<FaceCompatException>(() => Verification.ReferencePairs([1, 2, 3], 1));
    }

    [Fact]
    public void ScoresAreCrossModelDotProducts()
    {
        float[] probe = [1, 0, 0, 1];
        float[] reference = [0.6f, 0.8f, 1, 0];
        var scores = Verification.Scores(probe, reference, 2, [new VerificationPair(0, 0, true), new VerificationPair(1, 1, false)]);
        Assert.Equal(0.6f, scores[0], 12);
        Assert.Equal(0, scores[1], 12);
    }

    [Fact]
    public void SimdDoubleDotMatchesScalarSum()
    {
        var rng = new Random(3);
        foreach (var length in new[] { 1, 7, 8, 17, 1027 })
        {
            var x = Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var y = Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            double expected = 0;
            for (var i = 0; i < length; i++) expected += (double)x[i] * y[i];
            Assert.Equal(expected, Verification.DotDouble(x, y), 1e-12);
        }
    }

    [Fact]
    public void TenFoldChoosesThresholdOnOtherFoldsAndReportsSampleStd()
    {
        VerificationPair[] pairs =
        [
            new(0, 0, true, 1), new(0, 0, false, 1),
            new(0, 0, true, 2), new(0, 0, false, 2), new(0, 0, false, 2),
        ];
        // Fold 1: 0.9 G, 0.1 I. Fold 2: 0.8 G, 0.5 I, 0.85 I.
        double[] scores = [0.9, 0.1, 0.8, 0.5, 0.85];
        var result = TenFoldVerification.Evaluate(pairs, scores);
        // Fold 1 is tested with fold 2's best threshold: 0.65 (2 of 3 right; 0.875 ties it, the lower wins).
        Assert.Equal(0.65, result.FoldThreshold[0], 12);
        Assert.Equal(1.0, result.FoldAccuracy[0], 12);
        // Fold 2 is tested with fold 1's threshold 0.5: 0.8 accepted (right), 0.5 rejected (right), 0.85 accepted (wrong).
        Assert.Equal(0.5, result.FoldThreshold[1], 12);
        Assert.Equal(2.0 / 3, result.FoldAccuracy[1], 12);
        Assert.Equal(5.0 / 6, result.MeanAccuracy, 12);
        Assert.Equal(Math.Sqrt(2 * Math.Pow(1.0 / 6, 2)), result.StdAccuracy, 12);
    }

    [Fact]
    public void CosineScoresNormaliseRows()
    {
        float[] e = [3, 4, 0, 2];
        var scores = TenFoldVerification.CosineScores(e, 2, [new VerificationPair(0, 1, true)]);
        Assert.Equal(0.8, scores[0], 12);
    }
}
