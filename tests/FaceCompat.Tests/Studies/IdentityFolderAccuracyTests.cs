using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Studies;

/// <summary>Accuracy on a folder of identities: leave-one-out Rank-1 and all-pairs TMR at FMR, on a set small enough to count by hand.</summary>
public sealed class IdentityFolderAccuracyTests
{
    // Unit rows in 2-d; cosines by hand: A1·A2 = 0.8, A2·A3 = 0.8, A1·A3 = 0.28, B1·B2 = 0.8, A3·B1 = 0.96, ...
    private static readonly (string Id, float X, float Y)[] Faces =
    [
        ("A", 1f, 0f), ("A", 0.8f, 0.6f), ("A", 0.28f, 0.96f),
        ("B", 0f, 1f), ("B", -0.6f, 0.8f),
        ("C", -1f, 0f),
    ];

    private static EmbeddingSet Set(IEnumerable<(string Id, float X, float Y)> faces)
    {
        var list = faces.ToList();
        return new EmbeddingSet(list.SelectMany(f => new[] { f.X, f.Y }).ToArray(), list.Count, 2,
            list.Select((f, i) => new EmbeddingRecord(i, $"{f.Id}/{i}.jpg", f.Id)).ToList());
    }

    [Fact]
    public void LeaveOneOutRank1AndAllPairsTmrAsCountedByHand()
    {
        var a = IdentityFolderAccuracy.Evaluate(Set(Faces), [0.1, 0.01]);
        // A3's and B1's nearest other image is each other (0.96): 3 of the 5 images with a mate are right; C has none
        Assert.Equal(5, a.Identification.QueryCount);
        Assert.Equal(1, a.Identification.QueriesWithoutMate);
        Assert.Equal(0.6, a.Identification.Rank1, 12);
        Assert.Equal((4L, 11L), (a.GenuinePairs, a.ImpostorPairs));
        // FMR 0.1 of 11 impostor pairs allows 1: the threshold is the second largest impostor score (0.6), and of the
        // genuine pairs 0.8, 0.8, 0.8 are above it and 0.28 is not
        var at10 = a.Verification[0];
        Assert.Equal(0.6f, at10.Threshold.Score!.Value, 5);
        Assert.Equal((3L, 4L), (at10.GenuineAccepted.Events!.Value, at10.GenuineAccepted.Total));
        Assert.Equal(1L, at10.ImpostorAccepted.Events);
        // FMR 0.01 would allow 0.11 false accepts: not measurable, never 0
        Assert.False(a.Verification[1].Threshold.Measurable);
        Assert.Null(a.Verification[1].GenuineAccepted.Value);
    }

    [Fact]
    public void OneIdentityIsRefused()
    {
        var e = Assert.Throws<FaceCompatException>(() => IdentityFolderAccuracy.Evaluate(Set(Faces.Where(f => f.Id == "A"))));
        Assert.Contains("at least two images of at least two identities", e.Message);
    }
}
