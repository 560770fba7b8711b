using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// Thresholds at a nominal FMR (k = ⌊f·N⌋ false accepts allowed, τ = the (k+1)-th largest impostor score, accept when
/// score &gt; τ) and the counts at them, against hand-computed values with ties, and against a sort on many scores.
/// </summary>
public class OperatingPointTests
{
    // N = 10 impostor scores, descending: 0.9, 0.8, 0.8, 0.7, 0.5, 0.5, 0.5, 0.1, 0, -0.2 (shuffled on purpose).
    private static readonly float[] Impostors = [0.5f, 0.8f, -0.2f, 0.9f, 0.5f, 0.1f, 0.7f, 0f, 0.8f, 0.5f];
    private static readonly float[] Genuine = [0.8f, 0.95f, 0.5f, 0.75f, 0.7f];

    [Theory]
    // f, expected τ, impostors above τ, genuine above τ
    [InlineData(0.1, 0.8f, 1, 1)]   // k = 1: τ is the 2nd largest (0.8); only 0.9 is above it; genuine 0.8 is not accepted (not >)
    [InlineData(0.2, 0.8f, 1, 1)]   // k = 2: the 3rd largest is the tied 0.8, so still one false accept (FMR 0.1 ≤ 0.2)
    [InlineData(0.3, 0.7f, 3, 3)]   // k = 3: τ = 0.7; 0.9, 0.8, 0.8 above; genuine 0.95, 0.8, 0.75
    [InlineData(0.45, 0.5f, 4, 4)]  // k = 4: τ = 0.5 (5th largest); ties at 0.5 are all rejected
    [InlineData(0.7, 0.1f, 7, 5)]   // k = 7: τ = 0.1, the 8th largest; every genuine score is above it
    public void ThresholdIsTheKPlusFirstLargestImpostorAndAcceptanceIsStrict(double f, float tau, int falseAccepts, int genuineAccepts)
    {
        var scores = new ScoreList(Genuine, Impostors);
        var threshold = Assert.Single(ThresholdCalibration.Calibrate(scores, [f]));
        Assert.Equal(tau, threshold.Score);
        Assert.Equal(falseAccepts, threshold.CalibrationFalseAccepts);
        var result = Assert.Single(OperatingPointCounter.Count(scores, [threshold]));
        Assert.Equal(new Proportion(genuineAccepts, 5), result.GenuineAccepted);
        Assert.Equal(new Proportion(falseAccepts, 10), result.ImpostorAccepted);
        Assert.True(result.ImpostorAccepted.Value <= f);
    }

    [Fact]
    public void ARateBelowOneOverTheImpostorCountIsNotMeasurableNeverZero()
    {
        var scores = new ScoreList(Genuine, Impostors);
        var thresholds = ThresholdCalibration.Calibrate(scores, [0.099, 0.1]);
        Assert.False(thresholds[0].Measurable);
        Assert.Null(thresholds[0].Score);
        Assert.True(thresholds[1].Measurable);
        var results = OperatingPointCounter.Count(scores, thresholds);
        Assert.Null(results[0].GenuineAccepted.Value);
        Assert.Null(results[0].ImpostorAccepted.Events);
        Assert.Equal(5, results[0].GenuineAccepted.Total); // the comparisons behind the absent value are still reported
        Assert.Equal(0.2, results[1].GenuineAccepted.Value);
    }

    [Theory]
    [InlineData(1e-4, 10_000, 1)] // 1e-4 · 10,000 is 1.0000000000000002 in binary doubles and must give 1, not 0.99… floored
    [InlineData(1e-3, 999, 0)]
    [InlineData(1e-3, 7_880_000, 7_880)]
    [InlineData(0.3, 10, 3)]      // 0.3 · 10 = 3.0000000000000004 in doubles
    public void AllowedFalseAcceptsIsTheExactFloor(double f, long n, long k) => Assert.Equal(k, OperatingThreshold.AllowedFalseAccepts(f, n));

    [Fact]
    public void ScoreKeysOrderAsTheScoresAndMergeTheZeros()
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 2000).Select(_ => (float)(rng.NextDouble() * 4 - 2)).Concat([0f, -0f, 1e-30f, -1e-30f, float.MaxValue, float.MinValue]).ToArray();
        foreach (var x in values)
        {
            Assert.Equal(x, ScoreKey.ToScore(ScoreKey.Of(x)));
            var y = values[rng.Next(values.Length)];
            Assert.Equal(Math.Sign(x.CompareTo(y)), Math.Sign(ScoreKey.Of(x).CompareTo(ScoreKey.Of(y))));
        }
        Assert.Equal(ScoreKey.Of(0f), ScoreKey.Of(-0f));
    }

    [Fact]
    public void ManyScoresWithTiesAcrossBucketsAgreeWithASort()
    {
        // 200,000 impostor scores on a coarse grid (heavy ties, negative and positive, spread over many buckets).
        var rng = new Random(11);
        var impostors = Enumerable.Range(0, 200_000).Select(_ => (float)Math.Round(rng.NextDouble() * 1.6 - 0.6, 3)).ToArray();
        var genuine = Enumerable.Range(0, 5_000).Select(_ => (float)Math.Round(rng.NextDouble() * 0.8 + 0.2, 3)).ToArray();
        var sorted = impostors.OrderDescending().ToArray();
        double[] rates = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6];
        var scores = new ScoreList(genuine, impostors);
        var thresholds = ThresholdCalibration.Calibrate(scores, rates);
        var results = OperatingPointCounter.Count(scores, thresholds);
        for (var i = 0; i < rates.Length; i++)
        {
            var k = (long)Math.Floor((decimal)rates[i] * impostors.Length);
            if (k == 0)
            {
                Assert.False(thresholds[i].Measurable);
                continue;
            }
            var tau = sorted[k];
            Assert.Equal(tau, thresholds[i].Score);
            Assert.Equal(impostors.Count(s => s > tau), results[i].ImpostorAccepted.Events);
            Assert.Equal(genuine.Count(s => s > tau), results[i].GenuineAccepted.Events);
            Assert.True(results[i].ImpostorAccepted.Events <= k);
            // the largest accept set: also accepting the threshold's own score would exceed k false accepts
            Assert.True(impostors.Count(s => s >= tau) > k);
        }
    }
}
