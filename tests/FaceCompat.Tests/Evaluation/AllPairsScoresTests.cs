using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>All-pairs scoring: which pairs each rule takes, genuine vs impostor, the score of each, across blocks.</summary>
public class AllPairsScoresTests
{
    [Fact]
    public void EachRuleTakesItsPairsAndLabelsThemByIdentity()
    {
        // 4 images, identities 0, 0, 1, 2; 2-d unit rows; references differ from probes.
        float[] probes = [1, 0, 0, 1, 0.6f, 0.8f, -1, 0];
        float[] references = [0, 1, 1, 0, 0.8f, 0.6f, 0, -1];
        int[] ids = [0, 0, 1, 2];
        var ordered = ScoreCollector.Collect(new AllPairsScores(probes, references, 2, ids, PairRule.DistinctImages));
        // comparison (i, j) = reference i · probe j; genuine only (0, 1) and (1, 0)
        Assert.Equal(new[] { Dot(references, 0, probes, 1), Dot(references, 1, probes, 0) }.Order(), ordered.Genuine.Order());
        var expectedImpostors = new List<float>();
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                if (i != j && ids[i] != ids[j]) expectedImpostors.Add(Dot(references, i, probes, j));
        Assert.Equal(expectedImpostors.Order(), ordered.Impostors.Order());
        Assert.Equal(10, expectedImpostors.Count);

        var unordered = new AllPairsScores(references, references, 2, ids, PairRule.DistinctImagesUnordered);
        Assert.Equal((1L, 5L), (unordered.GenuineCount, unordered.ImpostorCount));
        var u = ScoreCollector.Collect(unordered);
        Assert.Equal([Dot(references, 0, references, 1)], u.Genuine);
        Assert.Equal(5, u.Impostors.Count);

        var same = ScoreCollector.Collect(new AllPairsScores(probes, references, 2, ids, PairRule.SameImage));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => Dot(references, i, probes, i)), same.Genuine);
        Assert.Empty(same.Impostors);
    }

    [Fact]
    public void ManyBlocksGiveTheCountsOfAPairByPairComputation()
    {
        // 400 images in blocks of 96 reference rows (four whole blocks and a partial one), 4-d, identities of unequal sizes.
        const int n = 400, d = 4, blockRows = 96;
        var rng = new Random(7);
        var ids = Enumerable.Range(0, n).Select(i => (int)Math.Sqrt(i * 25.0)).ToArray();
        float[] Unit()
        {
            var v = new float[n * d];
            for (var i = 0; i < n; i++)
            {
                double norm = 0;
                for (var c = 0; c < d; c++) { v[i * d + c] = (float)(rng.NextDouble() * 2 - 1 + 0.5 * Math.Sin(ids[i] + c)); norm += v[i * d + c] * v[i * d + c]; }
                for (var c = 0; c < d; c++) v[i * d + c] = (float)(v[i * d + c] / Math.Sqrt(norm));
            }
            return v;
        }
        var probes = Unit();
        var references = Unit();
        var scores = new AllPairsScores(new Templates(probes, d), new Templates(references, d), ids, PairRule.DistinctImages, blockRows);
        var thresholds = ThresholdCalibration.Calibrate(scores, [1e-2, 1e-3, 1e-4, 1e-6]);
        Assert.False(thresholds[3].Measurable); // ~157,000 impostors: 1e-6 allows no false accept
        var results = OperatingPointCounter.Count(scores, thresholds);

        var impostors = new List<float>();
        long genuine = 0;
        var genuineScores = new List<float>();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                if (i == j) continue;
                var s = Dot(references, i, probes, j, d);
                if (ids[i] == ids[j]) { genuine++; genuineScores.Add(s); } else impostors.Add(s);
            }
        Assert.Equal(genuine, scores.GenuineCount);
        Assert.Equal(impostors.Count, scores.ImpostorCount);
        var sorted = impostors.OrderDescending().ToArray();
        for (var t = 0; t < 3; t++)
        {
            var k = OperatingThreshold.AllowedFalseAccepts(thresholds[t].Rate, impostors.Count);
            Assert.Equal(sorted[k], thresholds[t].Score);
            Assert.Equal(genuineScores.Count(s => s > sorted[k]), results[t].GenuineAccepted.Events);
            Assert.Equal(impostors.Count(s => s > sorted[k]), results[t].ImpostorAccepted.Events);
        }
    }

    private static float Dot(float[] a, int i, float[] b, int j, int d = 2)
    {
        double sum = 0;
        for (var c = 0; c < d; c++) sum += (double)a[d * i + c] * b[d * j + c];
        return (float)sum;
    }
}
