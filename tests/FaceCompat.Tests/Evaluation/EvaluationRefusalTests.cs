using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// The argument checks that the library's own callers never trip (they check first): each refuses its bad input
/// when called directly, so a caller that forgets gets an error instead of a wrong number.
/// </summary>
public class EvaluationRefusalTests
{
    private static readonly VerificationPair[] TwoFolds =
        [new(0, 1, true, 0), new(0, 2, false, 0), new(1, 2, false, 1), new(1, 0, true, 1)];

    [Fact]
    public void QueriesThatAreNotWholeRowsAreRefusedEvenWhenTheGalleryIsWholeRows()
    {
        // 7 values for 2 queries (not whole rows) and 6 for 2 gallery rows: 7 / 2 and 6 / 2 are both 3 in integers
        float[] seven = [1, 0, 0, 0, 1, 0, 0];
        float[] six = [1, 0, 0, 0, 1, 0];
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate(seven, ["a", "b"], six, ["a", "b"], IdentificationProtocol.Reference));
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate(six, ["a", "b"], seven, ["a", "b"], IdentificationProtocol.Reference));
    }

    [Fact]
    public void CmcRanksStartAtOne()
    {
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.CmcAt(0)).ParamName);
        Assert.Same(Metrics.CmcAt(3), Metrics.Find("cmc@3"));
    }

    private static int _unusedRank = 400;

    [Fact]
    public void ACmcPointCreatedForTheFirstTimeReadsItsOwnRank()
    {
        // a rank no other test asks for, new on every run of this test in a process: the point is created here, not cached
        var rank = Interlocked.Increment(ref _unusedRank);
        var gallery = new float[2 * rank];
        for (var g = 0; g < rank; g++) (gallery[2 * g], gallery[2 * g + 1]) = (MathF.Cos(g * 1e-3f), MathF.Sin(g * 1e-3f));
        var identities = Enumerable.Range(0, rank).Select(g => g == rank - 2 ? 0 : g + 1).ToArray(); // the mate is ranked second to last
        var result = Identification.Evaluate([1, 0], 1, gallery, rank, 2, [0], identities, [IdentificationProtocol.Reference], maxRank: rank)[IdentificationProtocol.Reference];
        var point = Metrics.CmcAt(rank);
        Assert.True(point.CurvePoint);
        Assert.Equal($"cmc@{rank}", point.Name);
        Assert.Equal((0.0, 1.0), (Metrics.CmcAt(rank - 2).OfIdentification!(result), point.OfIdentification!(result)));
    }

    [Fact]
    public void OnlyTheCmcPrefixNamesACmcPoint()
    {
        // four characters and a number, but not "cmc@": no metric
        Assert.Null(Metrics.Find("tmr@7"));
        Assert.Null(Metrics.Find("rank7"));
    }

    [Fact]
    public void ACalibrationStreamThatYieldsFewerScoresThanItCountsIsRefused()
    {
        var lying = new MiscountedStream(new ScoreList([], [0.1f, 0.2f, 0.3f]), impostors: 1000);
        var error = Assert.Throws<InvalidOperationException>(() => ThresholdCalibration.Calibrate(lying, [0.1]));
        Assert.Contains("Fewer than 101 scores", error.Message);
    }

    [Fact]
    public void AProtocolWithNoResolvedPairIsRefusedByName()
    {
        var set = new EmbeddingSet([1, 0, 0, 1], 2, 2, [new(0, "a/1.jpg", "a"), new(1, "b/1.jpg", "b")]);
        var error = Assert.Throws<FaceCompatException>(() => ProtocolAccuracy.Evaluate(set, "faceapi", "lfw-view2", []));
        Assert.Contains("lfw-view2", error.Message);
        Assert.Contains("faceapi", error.Message);
    }

    [Fact]
    public void ScoresAndLabelsMustCountTheSame()
    {
        Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.1, 0.2], [true]));
        Assert.Throws<ArgumentException>(() => RocCurve.Compute([0.1, 0.2], [true, false, true])); // both kinds among the first two
        Assert.Throws<ArgumentException>(() => Verification.Evaluate([0.1, 0.2, 0.3], TwoFolds));
        Assert.Throws<ArgumentException>(() => TenFoldVerification.Evaluate(TwoFolds, [0.1, 0.2, 0.3]));
    }

    [Fact]
    public void TenFoldVerificationNeedsTwoFolds()
    {
        VerificationPair[] oneFold = [new(0, 1, true, 3), new(0, 2, false, 3)];
        Assert.Throws<ArgumentException>(() => TenFoldVerification.Evaluate(oneFold, [0.9, 0.1]));
    }

    [Fact]
    public void GenuineAndImpostorPairsAreCountedApart()
    {
        VerificationPair[] pairs = [new(0, 1, true), new(0, 2, false), new(1, 2, false), new(2, 3, false)];
        var result = Verification.Evaluate([0.9, 0.2, 0.3, 0.1], pairs);
        Assert.Equal((1, 3), (result.GenuineCount, result.ImpostorCount));
    }

    private sealed class MiscountedStream(IScoreStream inner, long impostors) : IScoreStream
    {
        public long GenuineCount => inner.GenuineCount;
        public long ImpostorCount => impostors;
        public void Stream(IScoreSink sink) => inner.Stream(sink);
    }
}
