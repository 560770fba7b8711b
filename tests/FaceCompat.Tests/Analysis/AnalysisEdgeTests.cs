using FaceCompat.Analysis;

namespace FaceCompat.Tests.Analysis;

/// <summary>Paired tests, ranks, summaries, space similarity and clustering against hand-computed values.</summary>
public class AnalysisEdgeTests
{
    [Fact]
    public void WilcoxonUsesTheDifferencesAndBothTailsOfItsExactDistribution()
    {
        // differences 1, 2, -3, 4, 5 from non-zero y: W+ = 12, W- = 3; P(W <= 3) = 5/32 (subsets {}, {1}, {2}, {3}, {1,2})
        var upper = PairedTests.Wilcoxon([3.0, 5, 1, 9, 7], [2.0, 3, 4, 5, 2]);
        Assert.Equal((3.0, 2 * 5 / 32.0, 5, "exact"), (upper.Statistic, upper.PValue, upper.Count, upper.Method));
        // the mirror image, W+ = 3: the lower tail P(W <= 3), not P(W < 3) = 3/32
        var lower = PairedTests.Wilcoxon([2.0, 3, 4, 5, 2], [3.0, 5, 1, 9, 7]);
        Assert.Equal(2 * 5 / 32.0, lower.PValue, 15);
        // W+ at the centre of its distribution (n = 4, W+ = 5 of 10): p = 1
        Assert.Equal(1.0, PairedTests.Wilcoxon([1.0, -2, -3, 4], [0.0, 0, 0, 0]).PValue);
    }

    [Fact]
    public void WilcoxonIsExactUpToFiftyPairsWithoutZeros()
    {
        var x = Enumerable.Range(1, 50).Select(i => (double)(i % 7 == 0 ? -i : i)).ToArray();
        Assert.Equal("exact", PairedTests.Wilcoxon(x, new double[50]).Method);
        var more = Enumerable.Range(1, 51).Select(i => (double)(i % 7 == 0 ? -i : i)).ToArray();
        Assert.Equal("normal approximation", PairedTests.Wilcoxon(more, new double[51]).Method);
    }

    [Fact]
    public void SignFlipCountsThePatternsAtLeastAsExtremeAsTheObservedMean()
    {
        // d = 1, 2, 3: |mean| = 2; of the 8 sign patterns only all-plus and all-minus reach 2
        var r = PairedTests.SignFlip([3.0, 5, 4], [2.0, 3, 1]);
        Assert.Equal((2.0, 0.25, 3, "exact sign-flip"), (r.Statistic, r.PValue, r.Count, r.Method));
        // more than 20 pairs: random patterns; with no difference at all every pattern counts, p = (1 + R) / (1 + R)
        var none = PairedTests.SignFlip(new double[21], new double[21], resamples: 1000);
        Assert.Equal((1.0, "sign-flip, 1000 random patterns"), (none.PValue, none.Method));
        // a steady difference: only the two all-equal patterns (2^-20 each) would reach it, so p = 1 / (1 + R)
        var steady = PairedTests.SignFlip(Enumerable.Repeat(1.0, 21).ToArray(), new double[21], resamples: 1000);
        Assert.Equal(1.0 / 1001, steady.PValue, 15);
    }

    [Fact]
    public void TieGroupsAreFoundInUnsortedValues()
    {
        Assert.Equal([2, 3], Ranking.TieGroupSizes([5.0, 1.5, 5, 1.5, 3, 5]));
        Assert.Empty(Ranking.TieGroupSizes([3.0, 1, 2]));
        Assert.Throws<ArgumentException>(() => Ranking.Spearman([1.0], [1.0]));
        Assert.Throws<ArgumentException>(() => Ranking.Spearman([1.0, 2], [1.0, 2, 3]));
        Assert.Equal(-1, Ranking.Spearman([1.0, 2], [2.0, 1]), 15);
    }

    [Fact]
    public void SummariesUseTheSampleStandardDeviation()
    {
        var s = Summary.Of([2.0, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5, s.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), s.Std, 15);
        Assert.True(double.IsNaN(Summary.Of([3.0]).Std));
    }

    [Fact]
    public void QuantilesInterpolateLinearlyBetweenSortedValues()
    {
        double[] sorted = [1, 2, 4, 8];
        Assert.Equal(3.0, Bootstrap.Quantile(sorted, 0.5), 15);  // position 1.5
        Assert.Equal(1.0, Bootstrap.Quantile(sorted, 0), 15);
        Assert.Equal(8.0, Bootstrap.Quantile(sorted, 1), 15);    // the top: no value above to interpolate towards
        Assert.Equal(6.8, Bootstrap.Quantile(sorted, 0.9), 12);  // position 2.7
    }

    private static float[] Rows(int n, int p, int seed, bool scaled)
    {
        var random = new Random(seed);
        var x = new float[n * p];
        for (var i = 0; i < n; i++)
        {
            var scale = scaled ? 0.5 + 3 * random.NextDouble() : 1;
            for (var j = 0; j < p; j++) x[i * p + j] = (float)(scale * (random.NextDouble() - 0.5));
        }
        return x;
    }

    private static double[] CosineDistances(float[] x, int p, int n)
    {
        var d = new List<double>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                double dot = 0, a = 0, b = 0;
                for (var t = 0; t < p; t++) { dot += x[i * p + t] * x[j * p + t]; a += x[i * p + t] * x[i * p + t]; b += x[j * p + t] * x[j * p + t]; }
                d.Add(1 - dot / Math.Sqrt(a * b));
            }
        return [.. d];
    }

    [Fact]
    public void RsaIsTheSpearmanCorrelationOfTheCosineDistancesOfRowsOfAnyNorm()
    {
        var (x, y) = (Rows(12, 5, 1, scaled: true), Rows(12, 3, 2, scaled: true));
        var expected = Ranking.Spearman(CosineDistances(x, 5, 12), CosineDistances(y, 3, 12));
        Assert.Equal(expected, SpaceSimilarity.Rsa(x, 5, y, 3, 12), 12);
    }

    [Fact]
    public void SimilarityMeasuresRefuseTooFewRowsOrNeighbours()
    {
        var x = Rows(5, 3, 3, scaled: false);
        Assert.Throws<ArgumentException>(() => SpaceSimilarity.LinearCka(x[..9], 3, x[..9], 3, 3));
        Assert.True(double.IsFinite(SpaceSimilarity.LinearCka(x[..12], 3, x[..12], 3, 4)));
        Assert.Throws<ArgumentException>(() => SpaceSimilarity.MutualKnnOverlap(x, 3, x, 3, 5, k: 0));
        Assert.Throws<ArgumentException>(() => SpaceSimilarity.MutualKnnOverlap(x, 3, x, 3, 5, k: 5));
        Assert.Equal(1.0, SpaceSimilarity.MutualKnnOverlap(x, 3, x, 3, 5, k: 4));
        Assert.Equal(1.0, SpaceSimilarity.MutualKnnOverlap(x, 3, x, 3, 5, k: 1));
        Assert.Throws<ArgumentException>(() => SpaceSimilarity.Rsa(x[..14], 3, x, 3, 5));
    }

    [Fact]
    public void AverageLinkageMergesAtTheMeanDistanceBetweenMembers()
    {
        double[] points = [0, 1, 2.5, 10];
        var d = new double[4, 4];
        for (var i = 0; i < 4; i++) for (var j = 0; j < 4; j++) d[i, j] = Math.Abs(points[i] - points[j]);
        var heights = HierarchicalClustering.AverageLinkage(d).Select(m => m.Distance).ToArray();
        // {0,1} at 1; 2.5 joins at mean(2.5, 1.5) = 2; 10 joins at mean(10, 9, 7.5)
        Assert.Equal([1.0, 2.0, (10 + 9 + 7.5) / 3], heights);
        Assert.Equal([0], HierarchicalClustering.LeafOrder([], 1));
    }

    [Fact]
    public void MergedClustersAreWeightedByTheirSizes()
    {
        // {0,1} and {10,11} at 1, then together at mean(10, 11, 9, 10) = 10; 30 joins at mean(30, 29, 20, 19) = 24.5,
        // which needs both merged clusters (two members each) weighted by their sizes
        double[] points = [0, 1, 10, 11, 30];
        var d = new double[5, 5];
        for (var i = 0; i < 5; i++) for (var j = 0; j < 5; j++) d[i, j] = Math.Abs(points[i] - points[j]);
        var merges = HierarchicalClustering.AverageLinkage(d);
        Assert.Equal([1.0, 1.0, 10.0, 24.5], merges.Select(m => m.Distance));
        Assert.Equal([2, 2, 4, 5], merges.Select(m => m.Size));
    }

    [Fact]
    public void KnnOverlapIsTheSameInBlocksAsByBruteForce()
    {
        const int n = 23, k = 4;
        var (x, y) = (Rows(n, 5, 11, scaled: true), Rows(n, 3, 12, scaled: false));
        var expected = BruteForceOverlap(x, 5, y, 3, n, k);
        foreach (var block in new[] { 1, 5, 7, n, 0 })
            Assert.Equal(expected, SpaceSimilarity.MutualKnnOverlap(x, 5, y, 3, n, k, block), 12);
        Assert.True(expected is > 0 and < 1);
    }

    private static double BruteForceOverlap(float[] x, int p, float[] y, int q, int n, int k)
    {
        var (dx, dy) = (CosineMatrix(x, p, n), CosineMatrix(y, q, n));
        int[] Nearest(double[,] distances, int i) =>
            Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => distances[i, j]).ThenBy(j => j).Take(k).ToArray();
        double total = 0;
        for (var i = 0; i < n; i++) total += (double)Nearest(dx, i).Intersect(Nearest(dy, i)).Count() / k;
        return total / n;
    }

    private static double[,] CosineMatrix(float[] x, int p, int n)
    {
        var d = new double[n, n];
        var upper = CosineDistances(x, p, n);
        var t = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++) d[i, j] = d[j, i] = upper[t++];
        return d;
    }

    [Fact]
    public void LinearCkaRefusesValuesThatAreNotNRows()
    {
        var x = Rows(6, 3, 4, scaled: false);
        Assert.Throws<ArgumentException>(() => SpaceSimilarity.LinearCka(x, 3, x[..15], 3, 6));
        Assert.Throws<ArgumentException>(() => SpaceSimilarity.LinearCka(x[..15], 3, x, 3, 6));
    }

    [Fact]
    public void DistancesMustBeSymmetricWithinARelativeTolerance()
    {
        // an asymmetry exactly at the tolerance 1e-9 · (1 + |d|) is still accepted
        Assert.Single(HierarchicalClustering.AverageLinkage(new double[,] { { 0, 0 }, { 1e-9, 0 } }));
        var d = new double[,] { { 0, 1000 }, { 1000 + 1e-8, 0 } }; // 1e-11 relative: rounding, accepted
        Assert.Single(HierarchicalClustering.AverageLinkage(d));
        Assert.Throws<ArgumentException>(() => HierarchicalClustering.AverageLinkage(new double[,] { { 0, 1 }, { 1.001, 0 } }));
        Assert.Throws<ArgumentException>(() => HierarchicalClustering.AverageLinkage(new double[2, 3]));
    }
}
