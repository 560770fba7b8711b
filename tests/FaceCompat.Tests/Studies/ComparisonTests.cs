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
