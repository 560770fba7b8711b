using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>The edges of the operating-point pieces: a mate that does not outrank a non-mate, the rate bounds, acceptance at τ, empty proportions, bad shapes.</summary>
public class OperatingPointEdgeTests
{
    [Fact]
    public void AMateBelowOrTiedWithANonMateCanNeverBeAHit()
    {
        // gallery: identity 0 along x, identity 1 along y, identity 2 between them; probes of identity 0
        float[] gallery = [1, 0, 0, 1, 0.6f, 0.8f];
        int[] galleryIds = [0, 1, 2];
        // probe 0 is closest to its mate; probe 1 closer to identity 2 than to its mate; probe 2 (identity 5) is not enrolled
        float[] probes = [1, 0, 0.6f, 0.8f, 0, 1];
        var (genuine, impostors) = ScoreCollector.Collect(OpenSetSearch.Score(gallery, galleryIds, probes, [0, 0, 5], 2));
        Assert.Equal(2, genuine.Count);
        Assert.Equal(1f, genuine[0], 6);
        Assert.Equal(float.NegativeInfinity, genuine[1]);
        Assert.Equal([1f], impostors);
    }

    [Fact]
    public void OpenSetRefusesBadShapesAndTwoTemplatesOfOneIdentity()
    {
        Assert.Throws<ArgumentException>(() => OpenSetSearch.Score([1, 0, 0], [0, 1], [1, 0], [0], 2));
        Assert.Throws<ArgumentException>(() => OpenSetSearch.Score([1, 0, 0, 1], [0, 1], [1, 0, 0], [0], 2));
        Assert.Throws<ArgumentException>(() => OpenSetSearch.Score([1, 0, 0, 1], [0, 0], [1, 0], [0], 2));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void ARateMustLieStrictlyBetweenZeroAndOne(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OperatingThreshold.AllowedFalseAccepts(rate, 1000));

    [Fact]
    public void AScoreIsAcceptedOnlyAboveTheThreshold()
    {
        var threshold = new OperatingThreshold(0.01, 1000, 0.5f, 10);
        Assert.True(threshold.Accepts(0.6f));
        Assert.False(threshold.Accepts(0.5f));
        Assert.False(threshold.Accepts(0.4f));
        Assert.False(new OperatingThreshold(1e-6, 1000, null, 0).Accepts(1f));
        Assert.Equal(10, OperatingThreshold.AllowedFalseAccepts(0.01, 1000));
    }

    [Fact]
    public void AProportionOfNoTrialsHasNoValue()
    {
        Assert.Null(new Proportion(0, 0).Value);
        Assert.Null(new Proportion(null, 10).Value);
        Assert.Equal(0.25, new Proportion(1, 4).Value);
    }

    [Fact]
    public void TemplatesAndAllPairsRefuseRowsThatDoNotFit()
    {
        Assert.Throws<ArgumentException>(() => new Templates([1, 2, 3], 0));
        Assert.Throws<ArgumentException>(() => new Templates([1, 2, 3], 2));
        var four = new Templates([1, 0, 0, 1, 1, 0, 0, 1], 2);
        var three = new Templates([1, 0, 0, 1, 1, 0], 2);
        var threeWide = new Templates([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1], 3);
        Assert.Throws<ArgumentException>(() => new AllPairsScores(four, three, [0, 0, 1, 1], PairRule.DistinctImages));
        Assert.Throws<ArgumentException>(() => new AllPairsScores(three, four, [0, 0, 1, 1], PairRule.DistinctImages));
        Assert.Throws<ArgumentException>(() => new AllPairsScores(four, threeWide, [0, 0, 1, 1], PairRule.DistinctImages));
        Assert.Equal(4, new AllPairsScores(four, four, [0, 0, 1, 1], PairRule.DistinctImages).GenuineCount);
    }

    [Fact]
    public void CalibrationCountsTheImpostorsAboveTheThreshold()
    {
        // 200 distinct impostor scores, several with equal high bits; FMR 0.05 allows 10: τ is the 11th largest
        var impostor = Enumerable.Range(0, 200).Select(i => 0.5f + i * 1e-4f).ToArray();
        var threshold = ThresholdCalibration.Calibrate(new ScoreList([0.9f], impostor), [0.05])[0];
        var sorted = impostor.OrderDescending().ToArray();
        Assert.Equal(sorted[10], threshold.Score);
        Assert.Equal(10, threshold.CalibrationFalseAccepts);
        Assert.Equal(impostor.Count(s => s > threshold.Score), threshold.CalibrationFalseAccepts);
    }

    [Fact]
    public void NoGenuineComparisonGivesNoGenuineEventsNotZero()
    {
        var thresholds = ThresholdCalibration.Calibrate(new ScoreList([], Enumerable.Range(0, 100).Select(i => i / 100f).ToArray()), [0.1]);
        var result = OperatingPointCounter.Count(new ScoreList([], [0.95f, 0.2f]), thresholds)[0];
        Assert.Null(result.GenuineAccepted.Events);
        Assert.Equal(1, result.ImpostorAccepted.Events);
        var noImpostors = OperatingPointCounter.Count(new ScoreList([0.95f], []), thresholds)[0];
        Assert.Null(noImpostors.ImpostorAccepted.Events);
        Assert.Equal(1, noImpostors.GenuineAccepted.Events);
    }

    [Fact]
    public void ProtocolAndTaskNamesAreThoseOfTheOutputFiles()
    {
        Assert.Equal("reference", IdentificationProtocol.Reference.Name());
        Assert.Equal("strict", IdentificationProtocol.Strict.Name());
        Assert.Equal("identification", MetricTask.Identification.Name());
        Assert.Equal("verification", MetricTask.Verification.Name());
    }
}
