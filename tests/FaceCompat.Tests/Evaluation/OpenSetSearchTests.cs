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
}
