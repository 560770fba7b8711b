using FaceCompat.Studies;

using FaceCompat.Tests.Mapping;

namespace FaceCompat.Tests.Studies;

public class ControlCheckTests
{
    private static readonly double[] Baseline = [0.005, 0.004, 0.006, 0.005, 0.005];
    private static readonly double[] Chance = [0.001, 0.001, 0.001, 0.001, 0.001];
    private static readonly double[] Best = [0.85, 0.86, 0.84, 0.85, 0.85]; // margin = 0.1 x 0.845 ≈ 0.0845

    [Fact]
    public void NoisyControlOnASmallTestSetIsAtBaselineWhereThePointRuleFlaggedIt()
    {
        // one noisy seed lifts the mean (0.095) past the margin; the interval over seeds reaches down to baseline
        double[] control = [0.005, 0.30, 0.06, 0.005, 0.10];
        var j = FaceCompat.Analysis.ControlRule.Judge(control, Baseline, Chance, Best);
        Assert.True(j.MeanLift > j.Margin);
        Assert.True(j.Lower <= j.Margin && j.Lower < 0);
        Assert.True(j.AtBaseline);
    }

    [Fact]
    public void ControlSteadilyAboveTheMarginIsFlagged()
    {
        double[] control = [0.30, 0.31, 0.29, 0.30, 0.32]; // recovers a third of the map's gain, every seed
        var j = FaceCompat.Analysis.ControlRule.Judge(control, Baseline, Chance, Best);
        Assert.False(j.AtBaseline);
        Assert.True(j.Lower > j.Margin);
        Assert.Equal(5, j.Seeds);
        Assert.Equal(0.1 * (Best.Average() - Baseline.Average()), j.Margin, 12);
    }

    [Fact]
    public void SmallSteadyLiftWithinTheMarginIsAtBaselineAndChanceIsTheFloorWhenHigher()
    {
        double[] control = [0.06, 0.05, 0.055, 0.06, 0.05];
        double[] highChance = [0.055, 0.055, 0.055, 0.055, 0.055];
        var j = FaceCompat.Analysis.ControlRule.Judge(control, [0, 0, 0, 0, 0], highChance, [1, 1, 1, 1, 1]);
        Assert.True(j.AtBaseline);
        Assert.Equal(0.0, j.MeanLift, 12);
    }

    [Fact]
    public void WithoutAFittedMapTheMarginIsOneRank1PointAndOneSeedUsesThePointLift()
    {
        Assert.Equal(FaceCompat.Analysis.ControlRule.MinimumMargin, FaceCompat.Analysis.ControlRule.Judge([0.3], [0.0], [0.0], []).Margin);
        Assert.False(FaceCompat.Analysis.ControlRule.Judge([0.3], [0.0], [0.0], []).AtBaseline);
        var one = FaceCompat.Analysis.ControlRule.Judge([0.005], [0.0], [0.001], []);
        Assert.True(one.AtBaseline);
        Assert.True(double.IsNaN(one.Lower));
    }

    [Fact]
    public void UnpairedValuesAreRefused() =>
        Assert.Throws<ArgumentException>(() => FaceCompat.Analysis.ControlRule.Judge([0.1, 0.2], [0.1], [], []));
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
            new ComparisonOptions { TrainRatio = train, TestRatio = 0.3, Seeds = [42], Maps = TestMaps.Of("procrustes") });
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
            new ComparisonOptions { Maps = TestMaps.Of("procrustes", "unaligned"), Seeds = [42, 7], BootstrapResamples = 0 });
        double Rank1(string map) => result.Rows.Where(r => r.Map == map && r.Protocol == "strict" && r.Metric == "rank1").Average(r => r.Value);
        Assert.True(Rank1("procrustes") > 0.95);
        Assert.True(Rank1("unaligned") < 0.5);
        Assert.Equal(2, result.Rows.Select(r => r.Seed).Distinct().Count());
        Assert.Empty(result.Splits);
    }
}

public class HubComparisonTests
{
    /// <summary>Three models of the same 400 images: a, b = a rotated, c = a rotated otherwise (c only among the run's other models).</summary>
    private static ComparisonInputs Inputs(bool withOthers)
    {
        var data = FaceCompat.Tests.Mapping.SyntheticEmbeddings.Create(100, 4, 8, 0.25, 8);
        var records = data.Records();
        FaceCompat.Embeddings.EmbeddingSet Set(uint seed) =>
            new(data.Rows.Multiply(FaceCompat.Tests.Mapping.SyntheticEmbeddings.RandomOrthogonal(8, seed)).ToFloats(), data.Rows.Rows, 8, records);
        var others = new Dictionary<string, FaceCompat.Embeddings.EmbeddingSet> { ["c"] = Set(3) };
        return ComparisonInputs.FromSets("a", "b", Set(1), Set(2), others: withOthers ? others : null);
    }

    [Fact]
    public void TheComparisonHandsTheRunsOtherModelsToTheHub()
    {
        var inputs = Inputs(withOthers: true);
        var options = new ComparisonOptions { Maps = TestMaps.Of("procrustes", "hub-procrustes", "hub-procrustes:leave-out=c", "hub-procrustes:members=a+c"),
            Seeds = [42], BootstrapResamples = 0 };
        var result = CrossModelComparison.Run(inputs, CrossModelComparison.Plan(inputs, options));
        double Rank1(string map) => result.Rows.Single(r => r.Map == map && r.Protocol == "strict" && r.Metric == "rank1").Value;
        // Exact rotations: every hub (with c, without c, b joined later) reproduces the direct map.
        Assert.True(Rank1("procrustes") > 0.5);
        foreach (var map in new[] { "hub-procrustes", "hub-procrustes:leave-out=c", "hub-procrustes:members=a+c" })
            Assert.Equal(Rank1("procrustes"), Rank1(map), 9);
    }

    [Fact]
    public void AHubMemberTheRunLacksIsAClearError()
    {
        var inputs = Inputs(withOthers: false);
        var options = new ComparisonOptions { Maps = TestMaps.Of("hub-procrustes:leave-out=c"), Seeds = [42], BootstrapResamples = 0 };
        var ex = Assert.Throws<FaceCompat.Infrastructure.FaceCompatException>(() => CrossModelComparison.Run(inputs, CrossModelComparison.Plan(inputs, options)));
        Assert.Contains("model 'c' has no embeddings in this run; the run has a, b", ex.Message);
    }
}
