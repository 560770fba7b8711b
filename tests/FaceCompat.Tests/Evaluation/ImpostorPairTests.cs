using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>The reference's balanced pairs over many seeds and identity layouts.</summary>
public sealed class ImpostorPairTests
{
    public static TheoryData<int[]> Layouts() => new()
    {
        // one large identity among singletons: a careless draw pairs the large identity with itself often
        Enumerable.Repeat(7, 30).Concat(Enumerable.Range(100, 5)).ToArray(),
        // two identities only
        Enumerable.Repeat(1, 6).Concat(Enumerable.Repeat(2, 3)).ToArray(),
        // interleaved, many small identities
        Enumerable.Range(0, 60).Select(i => i % 13).ToArray(),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ImpostorsNeverShareAnIdentityAndGenuinePairsAreAllSameIdentityPairs(int[] identities)
    {
        var expectedGenuine = identities.GroupBy(i => i).Sum(g => g.Count() * (g.Count() - 1) / 2);
        for (ulong seed = 0; seed < 200; seed++)
        {
            var pairs = Verification.ReferencePairs(identities, seed);
            var genuine = pairs.Where(p => p.Genuine).ToArray();
            var impostors = pairs.Where(p => !p.Genuine).ToArray();
            Assert.Equal(expectedGenuine, genuine.Length);
            Assert.Equal(genuine.Length, impostors.Length);
            Assert.All(genuine, p => Assert.True(p.IndexA < p.IndexB && identities[p.IndexA] == identities[p.IndexB]));
            Assert.All(impostors, p => Assert.NotEqual(identities[p.IndexA], identities[p.IndexB]));
            Assert.All(impostors, p => Assert.InRange(p.IndexA, 0, identities.Length - 1));
            Assert.All(impostors, p => Assert.InRange(p.IndexB, 0, identities.Length - 1));
        }
    }
}
