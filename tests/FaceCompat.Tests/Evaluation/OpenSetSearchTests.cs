using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

public class OpenSetSearchTests
{
    [Fact]
    public void MatedSearchesHitOnlyWhenTheMateIsStrictlyFirstAndNonMatedGiveTheirTopScore()
    {
        // Gallery: identity 10 at (1, 0), identity 20 at (0, 1). 1-d... 2-d unit rows.
        float[] gallery = [1, 0, 0, 1];
        int[] galleryIds = [10, 20];
        var s = (float)Math.Sqrt(0.5);
        float[] probes =
        [
            0.8f, 0.6f, // identity 10: mate 0.8 beats 0.6 -> hit at 0.8
            0.6f, 0.8f, // identity 10: the other template scores higher -> miss at any threshold
            s, s,       // identity 20: a tie with the other template -> miss (the mate must be strictly first)
            0.28f, 0.96f, // identity 30 (not enrolled): top score 0.96
        ];
        int[] probeIds = [10, 10, 20, 30];
        var searches = OpenSetSearch.Score(gallery, galleryIds, probes, probeIds, 2);
        Assert.Equal((3L, 1L), (searches.GenuineCount, searches.ImpostorCount));
        var threshold = new OperatingThreshold(0.5, 1, 0.5f, 0);
        var result = Assert.Single(OperatingPointCounter.Count(searches, [threshold]));
        Assert.Equal(new Proportion(1, 3), result.GenuineAccepted);   // FNIR = 2/3
        Assert.Equal(new Proportion(1, 1), result.ImpostorAccepted);  // 0.96 > 0.5
        var strict = new OperatingThreshold(0.5, 1, 0.8f, 0);         // the hit's score is not above 0.8
        Assert.Equal(0, OperatingPointCounter.Count(searches, [strict])[0].GenuineAccepted.Events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void ProbesScoredInManyBlocksGiveTheScoresOfOneBlock(int blockRows)
    {
        // 10 probes over blocks of 1, 3 (a short last block) and 4 rows: the same searches, in order, as one block
        var random = new Random(3);
        const int dimension = 5, galleryCount = 6, probeCount = 10;
        float[] Rows(int n) => Enumerable.Range(0, n * dimension).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var gallery = Rows(galleryCount);
        var probes = Rows(probeCount);
        int[] galleryIds = [0, 1, 2, 3, 4, 5];
        int[] probeIds = [0, 7, 1, 2, 8, 3, 3, 9, 4, 5];
        var whole = ScoreCollector.Collect(OpenSetSearch.Score(gallery, galleryIds, probes, probeIds, dimension));
        var blocked = ScoreCollector.Collect(OpenSetSearch.Score(gallery, galleryIds, probes, probeIds, dimension, blockRows));
        Assert.Equal((7, 3), (whole.Genuine.Count, whole.Impostors.Count));
        Assert.Equal(whole.Genuine, blocked.Genuine);
        Assert.Equal(whole.Impostors, blocked.Impostors);
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenSetSearch.Score(gallery, galleryIds, probes, probeIds, dimension, -1));
    }
}
