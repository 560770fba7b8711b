using FaceCompat.Embeddings;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Maps;
using FaceCompat.Numerics;
using FaceCompat.Studies;
using FaceCompat.Studies.Experiments;
using FaceCompat.Tests.Mapping;
using FaceCompat.Tests.Numerics;

namespace FaceCompat.Tests.Studies;

/// <summary>
/// The study's shortcuts against the straightforward computation they replace, on synthetic data: each
/// must give the same numbers (the skipped work is multiplication by zero padding, or the same factor or
/// draw computed once instead of again).
/// </summary>
public class StudySpeedEquivalenceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ProductOnTheLeadingBlocksEqualsTheFullProduct(bool managed)
    {
        using var _ = RandomMatrices.Backend(managed);
        var x = Padded(RandomMatrices.Gaussian(300, 40, 1), 96);      // source rows zero-padded 40 -> 96
        var w = Padded(RandomMatrices.Gaussian(96, 24, 2), 96);       // a map whose last 72 columns are zero
        for (var i = 60; i < 96; i++) w.Row(i).Clear();                // and whose rows past 60 are zero
        var full = x.Multiply(w);
        var blocks = x.MultiplyLeadingBlocks(w);
        Assert.True(full.MaxAbsDifference(blocks) <= 1e-12 * full.FrobeniusNorm(), $"{full.MaxAbsDifference(blocks)}");
        Assert.Equal(40, x.LeadingNonZeroColumns());
        Assert.Equal(60, w.LeadingNonZeroRows());
        Assert.Equal(24, w.LeadingNonZeroColumns());
        var dense = RandomMatrices.Gaussian(5, 7, 3);
        Assert.Equal(dense.Multiply(RandomMatrices.Gaussian(7, 4, 4)).Data, dense.MultiplyLeadingBlocks(RandomMatrices.Gaussian(7, 4, 4)).Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OneCholeskyFactorSolvesExactlyAsSolveSpd(bool managed)
    {
        using var _ = RandomMatrices.Backend(managed);
        var x = RandomMatrices.Gaussian(80, 30, 6);
        var a = x.Gram();
        for (var i = 0; i < a.Rows; i++) a[i, i] += 0.5;
        var factor = Decompositions.Cholesky(a);
        foreach (var seed in new[] { 7, 8 })
        {
            var b = RandomMatrices.Gaussian(30, 5 + seed, seed);
            Assert.Equal(Decompositions.SolveSpd(a, b).Data, factor.Solve(b).Data);
        }
    }

    [Fact]
    public void Poly2FittedAgainstSeveralTargetsEqualsFreshFits()
    {
        var source = SyntheticEmbeddings.Create(30, 4, 12, 0.5, 9);
        var targets = new[] { SyntheticEmbeddings.Create(30, 4, 16, 0.5, 10), SyntheticEmbeddings.Create(30, 4, 8, 0.5, 11) };
        var fitter = new Poly2RidgeFitter(1e-4);
        // one after the other (the second reuses the kernel factor and test kernel of the first source rows)...
        var reused = targets.Select(t => fitter.Fit(source.Rows, t.Rows)).Select(m => m.TransformSource(source.Rows)).ToList();
        // ...against each fit made after the memo holds something else
        for (var i = 0; i < targets.Length; i++)
        {
            var other = SyntheticEmbeddings.Create(30, 4, 12, 0.5, (uint)(20 + i));
            fitter.Fit(other.Rows, targets[i].Rows).TransformSource(other.Rows);
            var fresh = fitter.Fit(source.Rows, targets[i].Rows).TransformSource(source.Rows);
            Assert.Equal(fresh.Data, reused[i].Data);
        }
    }

    [Fact]
    public void RandomOrthogonalDrawnOnceEqualsAFreshDrawAndIsACopy()
    {
        var first = RandomOrthogonalFitter.Create(24, 5);
        first.Data[0] = 99; // a caller changing its copy does not change the next one
        var second = RandomOrthogonalFitter.Create(24, 5);
        Assert.NotEqual(99, second.Data[0]);
        var third = RandomOrthogonalFitter.Create(24, 5);
        Assert.Equal(second.Data, third.Data);
        var identity = Matrix.Multiply(third, true, third, false);
        Assert.True(identity.MaxAbsDifference(Matrix.Identity(24)) < 1e-12);
    }

    [Fact]
    public void Degree2UnitsOfOneSourceSharingAMemoEqualEachUnitAlone()
    {
        var root = SyntheticStudyInputs.Create(identities: 24);
        var config = FaceCompat.Studies.Config.StudyConfigReader.Parse(SyntheticStudyInputs.Config(root), "synthetic");
        var inputs = StudyEmbeddings.Load(config, new StudyRunOptions { OutDir = Path.Combine(root, "out") });
        var data = inputs.Datasets["lfw"];
        var options = new ComparisonOptions { Maps = TestMaps.Of("poly2:alpha=0.0001", "ridge:alpha=0.1", "unaligned"), Seeds = [42, 7, 123], BootstrapResamples = 0 };
        var context = new UnitContext("degree2", "lfw", "lfw", "p", 10, false, false, null);
        var shared = new WorkMemo();
        foreach (var target in new[] { "beta", "gamma" })
        {
            var together = UnitComputations.Within(context, data, "alpha", target, inputs.Family("alpha"), inputs.Family(target), options, shared);
            var alone = UnitComputations.Within(context, data, "alpha", target, inputs.Family("alpha"), inputs.Family(target), options, new WorkMemo());
            Assert.Equal(alone.Rows, together.Rows);
            Assert.Equal(alone.Tests, together.Tests);
        }
        // the second target found the first one's kernel factors (one per seed) and test kernels
        Assert.True(shared.Hits >= 6, $"{shared.Hits} memo hits");
    }

    [Fact]
    public void SweepsSharingAMemoEqualEachSweepAloneRowForRow()
    {
        var root = SyntheticStudyInputs.Create(identities: 30);
        var config = FaceCompat.Studies.Config.StudyConfigReader.Parse(SyntheticStudyInputs.Config(root), "synthetic");
        var inputs = StudyEmbeddings.Load(config, new StudyRunOptions { OutDir = Path.Combine(root, "out") });
        var data = inputs.Datasets["lfw"];
        var efficiency = new ComparisonOptions { Maps = TestMaps.Of("procrustes", "ridge:alpha=0.1", "unaligned"), Seeds = [42, 7], TestRatio = 0.3, BootstrapResamples = 0 };
        var alpha = efficiency with { Maps = TestMaps.Of("ridge:alpha=0.01", "ridge:alpha=0.1", "ridge:alpha=10") };
        double[] ratios = [0.3, 0.7];
        var e = new UnitContext("data-efficiency", "lfw", "lfw", "p", 10, false, false, null);
        var a = new UnitContext("alpha-sweep", "lfw", "lfw", "p", 10, false, false, null);
        var shared = new WorkMemo();
        var together1 = UnitComputations.Sweep(e, data, "alpha", "gamma", "face-identity", "generic-vision", efficiency, ratios, shared);
        var hitsAfterFirst = shared.Hits;
        var together2 = UnitComputations.Sweep(a, data, "alpha", "gamma", "face-identity", "generic-vision", alpha, ratios, shared);
        var alone1 = UnitComputations.Sweep(e, data, "alpha", "gamma", "face-identity", "generic-vision", efficiency, ratios, new WorkMemo());
        var alone2 = UnitComputations.Sweep(a, data, "alpha", "gamma", "face-identity", "generic-vision", alpha, ratios, new WorkMemo());
        Assert.Equal(alone1.Rows, together1.Rows);
        Assert.Equal(alone1.Tests, together1.Tests);
        Assert.NotEmpty(together1.Tests);
        Assert.Equal(alone2.Rows, together2.Rows);
        Assert.Empty(together2.Tests);
        // the alpha sweep found the X^T X of each of the 4 splits the data-efficiency sweep computed
        Assert.True(shared.Hits - hitsAfterFirst >= 4, $"{shared.Hits - hitsAfterFirst} memo hits");
    }

    [Fact]
    public void BootstrapOfTwoMetricsFromOneSetOfDrawsEqualsEachAlone()
    {
        var rng = new Random(4);
        var groups = Enumerable.Range(0, 500).Select(i => i % 7 == 0 ? 3 : rng.Next(120)).ToArray();
        var hits = groups.Select(_ => rng.NextDouble() < 0.6 ? 1.0 : 0.0).ToArray();
        var ap = groups.Select(_ => rng.NextDouble()).ToArray();
        var both = FaceCompat.Analysis.Bootstrap.GroupedMeans([hits, ap], groups, 300, 0.95, 17);
        Assert.Equal(ReferenceGroupedMean(hits, groups, 300, 0.95, 17), both[0]);
        Assert.Equal(ReferenceGroupedMean(ap, groups, 300, 0.95, 17), both[1]);
        Assert.Equal(both[1], FaceCompat.Analysis.Bootstrap.GroupedMean(ap, groups, 300, 0.95, 17));
    }

    /// <summary>The one-list bootstrap as it was written before the shared draws (the reference the new code must equal).</summary>
    private static FaceCompat.Analysis.ConfidenceInterval ReferenceGroupedMean(double[] values, int[] groups, int resamples, double level, ulong seed)
    {
        var index = new Dictionary<int, int>();
        var sums = new List<double>();
        var counts = new List<int>();
        double total = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!index.TryGetValue(groups[i], out var g))
            {
                index[groups[i]] = g = sums.Count;
                sums.Add(0);
                counts.Add(0);
            }
            sums[g] += values[i];
            counts[g]++;
            total += values[i];
        }
        var m = sums.Count;
        var random = new FaceCompat.Numerics.SplitMix64(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double s = 0;
            long c = 0;
            for (var j = 0; j < m; j++)
            {
                var g = random.NextBelow(m);
                s += sums[g];
                c += counts[g];
            }
            means[r] = s / c;
        }
        Array.Sort(means);
        return new(total / values.Length, FaceCompat.Analysis.Bootstrap.Quantile(means, (1 - level) / 2),
            FaceCompat.Analysis.Bootstrap.Quantile(means, (1 + level) / 2), level);
    }

    private static Matrix Padded(Matrix m, int cols)
    {
        var p = new Matrix(m.Rows, cols);
        for (var i = 0; i < m.Rows; i++) m.Row(i).CopyTo(p.Row(i));
        return p;
    }
}
