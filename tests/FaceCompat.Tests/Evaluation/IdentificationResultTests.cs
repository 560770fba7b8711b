using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>The CMC, Rank-k and both mAP means from hand-made per-query outcomes, and the empty result.</summary>
public class IdentificationResultTests
{
    private static IdentificationResult Result(int maxRank, int[] firstHit, double[] ap, double[] publishedAp) =>
        new(IdentificationProtocol.Reference, maxRank, Enumerable.Range(0, firstHit.Length).ToArray(), firstHit, ap, publishedAp, 0, 0.1);

    [Fact]
    public void CmcCountsFirstHitsUpToEachRank()
    {
        // four queries: first mate at rank 1, beyond the top 3, at rank 3, at rank 2
        var r = Result(3, [1, 0, 3, 2], [0.5, 0, 1, 0.25], [1, double.NaN, 0.5, double.NaN]);
        Assert.Equal([0.25, 0.5, 0.75], r.Cmc);
        Assert.Equal(0.25, r.Rank1);
        Assert.Equal(0.5, r.RankK(2));
        // fewer ranks than 5, 10, 20: those rates are the top rank's
        Assert.Equal(0.75, r.Rank5);
        Assert.Equal(0.75, r.Rank10);
        Assert.Equal(0.75, r.Rank20);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.RankK(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.RankK(4));
    }

    [Fact]
    public void TheStandardMapAveragesEveryQueryAndThePublishedOneOnlyThoseThatFoundAMate()
    {
        var r = Result(3, [1, 0, 3, 2], [0.5, 0, 1, 0.25], [1, double.NaN, 0.5, double.NaN]);
        Assert.Equal((0.5 + 0 + 1 + 0.25) / 4, r.MeanAveragePrecision, 12);
        Assert.Equal((1 + 0.5) / 2, r.PublishedMeanAveragePrecision, 12);
    }

    [Fact]
    public void NoQueryGivesZerosNotNaN()
    {
        var r = Result(2, [], [], []);
        Assert.Equal([0.0, 0.0], r.Cmc);
        Assert.Equal(0.0, r.MeanAveragePrecision);
        Assert.Equal(0.0, r.PublishedMeanAveragePrecision);
    }

    [Fact]
    public void NoMateInTheTopKGivesAPublishedMapOfZero()
    {
        // as compute_all_metrics_chunked returns when no query found a mate in its top 50
        var r = Result(2, [0, 0], [0, 0], [double.NaN, double.NaN]);
        Assert.Equal(0.0, r.PublishedMeanAveragePrecision);
    }
}
