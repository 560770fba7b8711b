using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

public class IdentificationTests
{
    // Gallery: g0=(1,0) A, g1=(0,1) B, g2=(0.6,0.8) A, g3=(-1,0) C.
    private static readonly float[] Gallery = [1, 0, 0, 1, 0.6f, 0.8f, -1, 0];
    private static readonly int[] GalleryIds = [0, 1, 0, 2];

    [Fact]
    public void ReferenceProtocolMatchesHandComputedRanksAndAveragePrecision()
    {
        // q0=(1,0) A: g0 A, g2 A, ... -> hit at 1, AP = 1.
        // q1=(0,1) A: g1 B, g2 A, then g0 A and g3 C tie at 0 (lower index first) -> hits at 2, 3, AP = (1/2 + 2/3)/2.
        // q2=(-1,0) C: g3 first -> AP = 1.
        float[] queries = [1, 0, 0, 1, -1, 0];
        var result = Identification.Evaluate(queries, 3, Gallery, 4, 2, [0, 0, 2], GalleryIds, IdentificationProtocol.Reference);

        Assert.Equal([1, 2, 1], result.FirstHitRank);
        Assert.Equal(2.0 / 3, result.Rank1, 12);
        Assert.Equal(1.0, result.RankK(2), 12);
        Assert.Equal((1 + 7.0 / 12 + 1) / 3, result.MeanAveragePrecision, 12);
        Assert.Equal((0.5 + 0.5 + 0.25) / 3, result.ChanceRank1, 12); // R / gallery size per query
        Assert.Equal(0, result.QueriesWithoutMate);
        Assert.Equal(50, result.Cmc.Length);
    }

    [Fact]
    public void StrictProtocolRemovesOwnImageAndCountsMatelessQueriesApart()
    {
        // Queries are the gallery images themselves; B and C have no other image.
        var result = Identification.Evaluate(Gallery, 4, Gallery, 4, 2, GalleryIds, GalleryIds, IdentificationProtocol.Strict);

        Assert.Equal(2, result.QueriesWithoutMate);
        Assert.Equal([0, 2], result.EvaluatedQueries);
        Assert.Equal([1, 2], result.FirstHitRank); // q2=(0.6,0.8): g1 B (0.8) beats g0 A (0.6)
        Assert.Equal(0.5, result.Rank1, 12);
        Assert.Equal(0.75, result.MeanAveragePrecision, 12);
        Assert.Equal(1.0 / 3, result.ChanceRank1, 12); // one mate among the three other rows
    }

    [Fact]
    public void ReferenceProtocolOnIdenticalSpacesIsPerfect()
    {
        var (x, ids, n, d) = Synthetic(200, 40, 16, seed: 3);
        var result = Identification.Evaluate(x, n, x, n, d, ids, ids, IdentificationProtocol.Reference);
        Assert.Equal(1.0, result.Rank1, 12);
    }

    [Fact]
    public void CmcIsMonotoneAndBoundedOnRandomData()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var (x, ids, n, d) = Synthetic(150, 30, 8, seed, noise: 2.0);
            var (y, _, _, _) = Synthetic(150, 30, 8, seed + 100, noise: 2.0);
            foreach (var protocol in new[] { IdentificationProtocol.Reference, IdentificationProtocol.Strict })
            {
                var result = Identification.Evaluate(x, n, y, n, d, ids, ids, protocol);
                for (var k = 1; k < result.Cmc.Length; k++) Assert.True(result.Cmc[k] >= result.Cmc[k - 1]);
                Assert.InRange(result.Rank1, 0, 1);
                Assert.InRange(result.MeanAveragePrecision, 0, 1);
                Assert.True(result.MeanAveragePrecision <= result.Cmc[^1] + 1e-12);
            }
        }
    }

    [Fact]
    public void OnePassOverBothProtocolsEqualsSeparateRuns()
    {
        var (x, ids, n, d) = Synthetic(400, 150, 8, seed: 12, noise: 1.5);
        var (y, _, _, _) = Synthetic(400, 150, 8, seed: 13, noise: 1.5);
        var both = Identification.Evaluate(x, n, y, n, d, ids, ids, [IdentificationProtocol.Reference, IdentificationProtocol.Strict], maxRank: 5);
        foreach (var protocol in new[] { IdentificationProtocol.Reference, IdentificationProtocol.Strict })
        {
            var alone = Identification.Evaluate(x, n, y, n, d, ids, ids, [protocol], maxRank: 5)[protocol];
            Assert.Equal(alone.FirstHitRank, both[protocol].FirstHitRank);
            Assert.Equal(alone.AveragePrecision, both[protocol].AveragePrecision);
        }
        Assert.NotEqual(both[IdentificationProtocol.Reference].Rank1, both[IdentificationProtocol.Strict].Rank1);
    }

    [Fact]
    public void BlockedComputationAgreesWithBruteForceOnALargeGallery()
    {
        // Enough gallery rows that several query blocks are needed.
        var (x, ids, n, d) = Synthetic(9000, 3000, 4, seed: 5, noise: 0.5);
        const int queries = 2500; // more than one block of 1,864 rows
        var result = Identification.Evaluate(x[..(queries * d)], queries, x, n, d, ids[..queries], ids, IdentificationProtocol.Reference, maxRank: 5);
        for (var q = 0; q < queries; q++)
        {
            var best = -1;
            var bestScore = float.NegativeInfinity;
            for (var g = 0; g < n; g++)
            {
                float s = 0;
                for (var j = 0; j < d; j++) s += x[q * d + j] * x[g * d + j];
                if (s > bestScore) { bestScore = s; best = g; }
            }
            Assert.Equal(ids[best] == ids[q], result.FirstHitRank[q] == 1);
        }
    }

    /// <summary>Unit rows clustered by identity: centre per identity plus Gaussian noise.</summary>
    internal static (float[] X, int[] Ids, int N, int D) Synthetic(int n, int identities, int d, int seed, double noise = 0.1)
    {
        var rng = new Random(seed);
        var centres = new double[identities * d];
        for (var i = 0; i < centres.Length; i++) centres[i] = Gaussian(rng);
        var x = new float[n * d];
        var ids = new int[n];
        for (var r = 0; r < n; r++)
        {
            ids[r] = r % identities;
            for (var j = 0; j < d; j++) x[r * d + j] = (float)(centres[ids[r] * d + j] + noise * Gaussian(rng));
        }
        return (Rows.Normalized(x, n, d), ids, n, d);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
