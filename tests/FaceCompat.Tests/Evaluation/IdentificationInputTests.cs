using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Evaluation;

/// <summary>What identification refuses, each with its own error, and the chance rate when no query can be scored.</summary>
public class IdentificationInputTests
{
    private static readonly float[] Rows = [1, 0, 0, 1, 1, 0];

    [Fact]
    public void BadShapesAreRefusedWithTheirOwnErrors()
    {
        int[] ids = [0, 1, 0];
        Assert.Throws<ArgumentOutOfRangeException>(() => Identification.Evaluate(Rows, 3, Rows, 3, 0, ids, ids, IdentificationProtocol.Reference));
        Assert.Throws<ArgumentOutOfRangeException>(() => Identification.Evaluate(Rows, 3, Rows, 3, 2, ids, ids, IdentificationProtocol.Reference, maxRank: 0));
        Assert.Throws<ArgumentException>(() => Identification.Evaluate(Rows, 2, Rows, 3, 2, [0, 1], ids, IdentificationProtocol.Reference));
        Assert.Throws<ArgumentException>(() => Identification.Evaluate(Rows, 3, Rows, 2, 2, ids, [0, 1], IdentificationProtocol.Reference));
        Assert.Throws<ArgumentException>(() => Identification.Evaluate(Rows, 3, Rows, 3, 2, ids, [0, 1], IdentificationProtocol.Reference));
        Assert.Throws<ArgumentException>(() => Identification.Evaluate(Rows, 3, Rows, 3, 2, [0, 1], ids, IdentificationProtocol.Reference));
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate([], 0, [], 0, 2, [], [], IdentificationProtocol.Reference));
    }

    [Fact]
    public void StrictNeedsTheSameImagesOnBothSidesEvenBesideTheReferenceProtocol()
    {
        int[] ids = [0, 1, 0];
        Assert.Throws<ArgumentException>(() => Identification.Evaluate(Rows[..4], 2, Rows, 3, 2, [0, 1], ids,
            [IdentificationProtocol.Reference, IdentificationProtocol.Strict]));
        // the reference protocol alone ranks any gallery
        var reference = Identification.Evaluate(Rows[..4], 2, Rows, 3, 2, [0, 1], ids, IdentificationProtocol.Reference);
        Assert.Equal(1.0, reference.Rank1);
    }

    [Fact]
    public void TheStringLabelledFormRefusesEmptySidesAndRowsOfTwoDimensions()
    {
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate(Rows, [], Rows, ["a", "b", "a"], IdentificationProtocol.Reference));
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate(Rows, ["a", "b", "a"], Rows, [], IdentificationProtocol.Reference));
        // 6 values for 3 queries (2-d) but 6 for 2 gallery rows (3-d)
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate(Rows, ["a", "b", "a"], Rows, ["a", "b"], IdentificationProtocol.Reference));
        // 6 values for 4 queries: not whole rows
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate(Rows, ["a", "b", "a", "b"], Rows[..4], ["a", "b"], IdentificationProtocol.Reference));
        Assert.Throws<FaceCompatException>(() => Identification.Evaluate(Rows[..4], ["a", "b"], Rows, ["a", "b", "a", "b"], IdentificationProtocol.Reference));
        var result = Identification.Evaluate(Rows, ["a", "b", "a"], Rows[..4], ["a", "b"], IdentificationProtocol.Reference);
        Assert.Equal(1.0, result.Rank1);
        Assert.Equal(3, result.QueryCount);
    }

    [Fact]
    public void NoQueryWithAMateGivesAChanceRateOfZero()
    {
        // strict: every identity has one image, so no query has a mate and none is scored
        var result = Identification.Evaluate(Rows, 3, Rows, 3, 2, [0, 1, 2], [0, 1, 2], IdentificationProtocol.Strict);
        Assert.Equal(0, result.QueryCount);
        Assert.Equal(3, result.QueriesWithoutMate);
        Assert.Equal(0.0, result.ChanceRank1);
    }
}
