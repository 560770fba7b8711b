using FaceCompat.Embeddings;
using FaceCompat.Numerics;
using FaceCompat.Studies.Ensembles;
using FaceCompat.Tests.Mapping;

namespace FaceCompat.Tests.Studies;

/// <summary>Ensembles through the shared space: the fusion arithmetic, and what fusion must give on models that agree exactly.</summary>
public class SharedSpaceEnsembleTests
{
    [Fact]
    public void ScoreFusionTemplatesScoreTheMeanOfTheModelsCosines()
    {
        var a = FaceCompat.Evaluation.Rows.Normalized(SyntheticEmbeddings.Gaussian(2, 3, 1).Data, 2, 3);
        var b = FaceCompat.Evaluation.Rows.Normalized(SyntheticEmbeddings.Gaussian(2, 5, 2).Data, 2, 5);
        var fused = SharedSpaceEnsemble.ScoreFusionTemplates([a, b], [3, 5], 2);
        Assert.Equal(16, fused.Length);
        double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) { var s = 0.0; for (var i = 0; i < x.Length; i++) s += x[i] * y[i]; return s; }
        var expected = (Dot(a.AsSpan(0, 3), a.AsSpan(3, 3)) + Dot(b.AsSpan(0, 5), b.AsSpan(5, 5))) / 2;
        Assert.Equal(expected, Dot(fused.AsSpan(0, 8), fused.AsSpan(8, 8)), 6);
        Assert.Equal(1.0, Dot(fused.AsSpan(0, 8), fused.AsSpan(0, 8)), 6);
    }

    private static EmbeddingSet Set(Matrix rows, SyntheticEmbeddings data) =>
        new(rows.ToFloats(), rows.Rows, rows.Cols, data.Records());

    [Fact]
    public void ModelsThatAreRotationsOfOneSpaceFuseIntoThatSpace()
    {
        // Three models whose embeddings are exact rotations of one another: the hub maps each face's three embeddings onto
        // one vector, so the fused template scores exactly as any single model; without the rotations the mean is noise.
        var data = SyntheticEmbeddings.Create(40, 4, 8, 0.3, 21);
        var sets = new Dictionary<string, EmbeddingSet>
        {
            ["a"] = Set(data.Rows, data),
            ["b"] = Set(data.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(8, 5)), data),
            ["c"] = Set(data.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(8, 6)), data),
        };
        var result = SharedSpaceEnsemble.Run(sets, ["a", "b", "c"], new EnsembleOptions { Seeds = [1, 2], Tolerance = 1e-12, Iterations = 200 });
        double Value(string method, string model, int seed, string metric) =>
            result.Rows.Single(r => r.Method == method && r.Model == model && r.Seed == seed && r.Metric == metric).Value;
        foreach (var seed in new[] { 1, 2 })
            foreach (var metric in new[] { "rank1", "eer", "auc" })
            {
                var single = Value("single", "a", seed, metric);
                Assert.Equal(single, Value("single", "b", seed, metric), 9);
                Assert.Equal(single, Value("score-fusion", "", seed, metric), 9);
                Assert.Equal(single, Value("hub-fusion", "", seed, metric), 9);
            }
        Assert.True(Value("single", "a", 1, "rank1") is > 0.2 and < 0.95, "the synthetic task should be neither trivial nor hopeless");
        Assert.Equal(4, result.Tests.Count);
        Assert.All(result.Tests, t => Assert.Equal(0, t.MeanDifference, 9));
        Assert.All(result.Hubs, h => Assert.True(h.Converged));
    }

    [Fact]
    public void IndependentNoiseIsAveragedAwayByFusion()
    {
        // Each model sees the same faces with its own noise: fusing the three must beat every model alone.
        var data = SyntheticEmbeddings.Create(60, 4, 12, 0.2, 31);
        var sets = new Dictionary<string, EmbeddingSet>();
        foreach (var (name, k) in new[] { ("a", 0u), ("b", 1u), ("c", 2u) })
        {
            var noise = SyntheticEmbeddings.Gaussian(data.Rows.Rows, 12, 50 + k);
            var noisy = data.Rows.Clone();
            for (var i = 0; i < noisy.Data.Length; i++) noisy.Data[i] += 0.12 * noise.Data[i];
            sets[name] = Set(noisy.Multiply(SyntheticEmbeddings.RandomOrthogonal(12, 60 + k)), data);
        }
        var result = SharedSpaceEnsemble.Run(sets, ["a", "b", "c"], new EnsembleOptions { Seeds = [3] });
        double Rank1(string method, string model) => result.Rows.Single(r => r.Method == method && r.Model == model && r.Metric == "rank1").Value;
        var best = new[] { "a", "b", "c" }.Max(m => Rank1("single", m));
        Assert.True(best < 0.9, $"best single {best}: too easy to show a gain");
        Assert.True(Rank1("hub-fusion", "") > best, $"hub fusion {Rank1("hub-fusion", "")} vs best single {best}");
        Assert.True(Rank1("score-fusion", "") > best, $"score fusion {Rank1("score-fusion", "")} vs best single {best}");
    }
}
