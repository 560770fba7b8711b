using FaceCompat.Infrastructure;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Studies;

/// <summary>The exposure scenario's data-efficiency grid: which fit-set rows an attacker with k identities holds.</summary>
public class AttackerDataTests
{
    // Rows in file order, identities deliberately not sorted in the file.
    private static readonly string[] Rows = ["e", "a", "c", "e", "b", "d", "a", "c"];

    [Fact]
    public void TheSeedPermutesTheSortedIdentitiesAsNumpyAndTheFirstKKeepAllTheirRowsInFileOrder()
    {
        // numpy: np.random.RandomState(42).permutation(5) == [1, 4, 2, 0, 3] -> sorted ids [a b c d e] give b, e, c, ...
        Assert.Equal([0, 3, 4], AttackerData.Rows(Rows, 2, 42)); // b and e
        Assert.Equal([0, 2, 3, 4, 7], AttackerData.Rows(Rows, 3, 42)); // b, e, c
    }

    [Fact]
    public void AllIdentitiesGiveEveryRowAndOtherSeedsDrawOtherPeople()
    {
        Assert.Equal(Enumerable.Range(0, Rows.Length), AttackerData.Rows(Rows, 5, 42));
        var draws = new[] { 42, 7, 123, 217, 531 }.Select(seed => string.Join(",", AttackerData.Rows(Rows, 2, seed))).Distinct().Count();
        Assert.True(draws >= 3, $"five seeds drew only {draws} different pairs of identities");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void ASizeOutsideTheFitSetIsRefused(int k)
    {
        var e = Assert.Throws<FaceCompatException>(() => AttackerData.Rows(Rows, k, 42));
        Assert.Contains("the fit set has 5", e.Message);
    }
}
