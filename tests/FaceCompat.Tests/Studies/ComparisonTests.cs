using FaceCompat.Studies;

namespace FaceCompat.Tests.Studies;

public class ControlCheckTests
{
    [Theory]
    [InlineData(0.056, 0.0, 0.055, 1.0, true)]   // at chance on a small test set, baseline below chance
    [InlineData(0.08, 0.005, 0.001, 0.85, true)]  // recovers < 10% of the map's gain
    [InlineData(0.30, 0.005, 0.001, 0.85, false)] // recovers a third of it: the method is suspect
    [InlineData(0.04, 0.005, 0.001, double.NaN, true)]
    [InlineData(0.20, 0.005, 0.001, double.NaN, false)]
    public void ControlIsAtBaselineOnlyWhenItRecoversLittleOfTheMapsGain(double control, double baseline, double chance, double best, bool expected) =>
        Assert.Equal(expected, ControlCheck.IsAtBaseline(control, baseline, chance, best));
}

public class CrossModelComparisonTests
{
    [Fact]
    public void FixedTestShareKeepsTestIdentitiesWhileTrainShareVaries()
    {
        var records = Enumerable.Range(0, 400).Select(i => new FaceCompat.Embeddings.EmbeddingRecord(i, $"{i}.jpg", $"id{i / 4:D3}")).ToArray();
        var rng = new Random(2);
        float[] Vectors(int d) => Enumerable.Range(0, 400 * d).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var inputs = ComparisonInputs.FromSets("a", "b",
            new FaceCompat.Embeddings.EmbeddingSet(Vectors(8), 400, 8, records),
            new FaceCompat.Embeddings.EmbeddingSet(Vectors(6), 400, 6, records));
        ComparisonPlan Plan(double train) => CrossModelComparison.Plan(inputs,
            new ComparisonOptions { TrainRatio = train, TestRatio = 0.3, Seeds = [42], Maps = ["procrustes"] });
        var small = Plan(0.1).Splits[0];
        var large = Plan(0.7).Splits[0];
        Assert.Equal(large.TestRows, small.TestRows);
        Assert.Equal(120, small.TestRows.Length); // 30 of 100 identities x 4 images
        Assert.Equal(40, small.TrainRows.Length);
        Assert.Equal(280, large.TrainRows.Length);
        Assert.Empty(small.TrainRows.Intersect(small.TestRows));
    }
}

public class CrossDatasetComparisonTests
{
    [Fact]
    public void MapFittedOnOneDatasetIsScoredOnAnother()
    {
        // Target = fixed rotation of the source; identities of the two "datasets" are disjoint.
        ComparisonInputs Make(int offset, int seed)
        {
            var rng = new Random(seed);
            const int n = 240, d = 6;
            var records = Enumerable.Range(0, n).Select(i => new FaceCompat.Embeddings.EmbeddingRecord(i, $"{i}.jpg", $"p{offset + i / 4}")).ToArray();
            var centres = Enumerable.Range(0, n / 4 * d).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var x = new float[n * d];
            var y = new float[n * d];
            for (var r = 0; r < n; r++)
                for (var j = 0; j < d; j++)
                {
                    var v = centres[r / 4 * d + j] + 0.02 * (rng.NextDouble() - 0.5);
                    x[r * d + j] = (float)v;
                    y[r * d + (j + 1) % d] = (float)(j % 2 == 0 ? v : -v);
                }
            return ComparisonInputs.FromSets("a", "b", new FaceCompat.Embeddings.EmbeddingSet(x, n, d, records),
                new FaceCompat.Embeddings.EmbeddingSet(y, n, d, records));
        }
        var result = CrossModelComparison.RunCrossDataset(Make(0, 1), Make(1000, 2),
            new ComparisonOptions { Maps = ["procrustes", "unaligned"], Seeds = [42, 7], BootstrapResamples = 0 });
        double Rank1(string map) => result.Rows.Where(r => r.Map == map && r.Protocol == "strict" && r.Metric == "rank1").Average(r => r.Value);
        Assert.True(Rank1("procrustes") > 0.95);
        Assert.True(Rank1("unaligned") < 0.5);
        Assert.Equal(2, result.Rows.Select(r => r.Seed).Distinct().Count());
        Assert.Empty(result.Splits);
    }
}
