using System.Numerics;
using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// The vectorised top-k path on its own: it must be taken on ordinary rows (a path that silently fell back to the
/// insertion sort would be correct but slow), give exactly the insertion path's indices, and refuse the rows it
/// cannot handle (NaN anywhere, too many equal candidates) without writing a wrong answer.
/// </summary>
public class TopKFastPathTests
{
    private static float[] Row(int length, int seed, int distinctValues = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length)
            .Select(_ => distinctValues > 0 ? random.Next(distinctValues) / (float)distinctValues - 0.5f : (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static int[] ByInsertion(float[] scores, int k)
    {
        var expected = new int[k];
        Assert.Equal(k, TopK.SelectByInsertion(scores, -1, expected));
        return expected;
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(5, 20)]
    [InlineData(5, 1003)] // a tail of scores after the last whole vector
    [InlineData(50, 4_000)]
    [InlineData(50, 4_013)]
    [InlineData(256, 1_024)] // the largest k the path takes, at the shortest row it takes (4k)
    [InlineData(256, 9_999)]
    public void OrdinaryRowsTakeTheFastPathAndGiveTheInsertionPathsIndices(int k, int length)
    {
        Assert.True(Vector.IsHardwareAccelerated);
        for (var seed = 0; seed < 5; seed++)
        {
            var scores = Row(length, seed);
            var fast = new int[k];
            Assert.True(TopK.SelectFromCandidates(scores, fast), $"k {k}, length {length}, seed {seed}: fell back");
            Assert.Equal(ByInsertion(scores, k), fast);
            var viaSelect = new int[k];
            Assert.Equal(k, TopK.Select(scores, -1, viaSelect));
            Assert.Equal(fast, viaSelect);
        }
    }

    [Fact]
    public void TiesKeepTheLowerIndexFirstAndTheBestInTheTailIsFound()
    {
        // 40 distinct values over 2,000 scores: many ties at the k-th score; then the row's best put in the tail
        var scores = Row(2_003, 11, distinctValues: 40);
        scores[^1] = 2f;
        scores[^2] = 2f;
        var fast = new int[12];
        Assert.True(TopK.SelectFromCandidates(scores, fast));
        Assert.Equal(ByInsertion(scores, 12), fast);
        Assert.Equal([2_001, 2_002], fast[..2]);
    }

    [Fact]
    public void NegativeScoresAndSignedZerosSortAsFloats()
    {
        var scores = Row(500, 3).Select(s => -Math.Abs(s)).ToArray();
        scores[3] = -0f;
        scores[7] = 0f;
        scores[100] = -1e-30f;
        var fast = new int[3];
        Assert.True(TopK.SelectFromCandidates(scores, fast));
        Assert.Equal([3, 7, 100], fast); // -0 and +0 are equal: lower index first, whichever sign it has
    }

    [Theory]
    [InlineData(10)]    // in a whole vector
    [InlineData(1_001)] // in the tail after the last whole vector
    public void ARowWithNaNIsRefused(int at)
    {
        var scores = Row(1_003, 5);
        scores[at] = float.NaN;
        Assert.False(TopK.SelectFromCandidates(scores, new int[5]));
        var viaSelect = new int[5];
        Assert.Equal(5, TopK.Select(scores, -1, viaSelect));
        Assert.Equal(ByInsertion(scores, 5), viaSelect);
    }

    [Fact]
    public void MoreEqualCandidatesThanTheBufferHoldsAreRefused()
    {
        var scores = new float[5_000];
        Array.Fill(scores, 0.5f);
        Assert.False(TopK.SelectFromCandidates(scores, new int[10]));
        var viaSelect = new int[10];
        TopK.Select(scores, -1, viaSelect);
        Assert.Equal(Enumerable.Range(0, 10), viaSelect);
    }

    [Fact]
    public void ExactlyAsManyCandidatesAsTheBufferHoldsAreAccepted()
    {
        // 1,024 equal best scores (the buffer's size) first, lower ones after: every lane of the first chunk peaks at the
        // best score, so the bound is that score and exactly 1,024 candidates remain; the first k in index order
        var scores = Row(4_096, 9).Select(s => s - 2f).ToArray();
        for (var i = 0; i < 1_024; i++) scores[i] = 1f;
        var fast = new int[8];
        Assert.True(TopK.SelectFromCandidates(scores, fast));
        Assert.Equal(Enumerable.Range(0, 8), fast);
    }

    [Fact]
    public void AnExcludedIndexIsNeverReturnedAndKZeroReturnsNothing()
    {
        var scores = Row(1_000, 4);
        var best = TopK.SelectByInsertion(scores, -1, new int[1]) == 1 ? Array.IndexOf(scores, scores.Max()) : -1;
        var top = new int[5];
        Assert.Equal(5, TopK.Select(scores, best, top));
        Assert.DoesNotContain(best, top);
        Assert.Equal(ByInsertion(scores, 6).Where(i => i != best).Take(5), top);
        Assert.Equal(0, TopK.Select(scores, -1, Span<int>.Empty));
    }
}
