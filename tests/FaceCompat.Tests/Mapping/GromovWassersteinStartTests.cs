using FaceCompat.Embeddings;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Unpaired;
using FaceCompat.Numerics;
using FaceCompat.Studies;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// The gw start of the unsupervised map: its pieces against direct computations (Sinkhorn's plan, the GW loss,
/// k-means, the centroid map), and the whole map recovering a rotation without pairs, staying at baseline on an
/// unrelated target, and unchanged when the identity labels are shuffled.
/// </summary>
public class GromovWassersteinStartTests(ITestOutputHelper output)
{
    private static IUnpairedMapFitter Fitter(string parameters) =>
        (IUnpairedMapFitter)MapSpec.Parse("unsupervised-procrustes:init=gw" + parameters).CreateFitter();

    private static Matrix Weights(FittedMap map) => ((LinearHead)map.SourceHead).Weights;

    [Fact]
    public void SinkhornPlanHasTheMarginalsAndTheGibbsForm()
    {
        var cost = SyntheticEmbeddings.Gaussian(5, 4, 1);
        double[] p = [0.1, 0.2, 0.3, 0.25, 0.15];
        double[] q = [0.4, 0.1, 0.3, 0.2];
        const double epsilon = 0.5;
        var plan = Sinkhorn.Couple(cost, p, q, epsilon, 2000);
        for (var i = 0; i < 5; i++) Assert.Equal(p[i], plan.Row(i).ToArray().Sum(), 9);
        for (var j = 0; j < 4; j++) Assert.Equal(q[j], Enumerable.Range(0, 5).Sum(i => plan[i, j]), 9);
        // T_ij = u_i exp(-C_ij / ε) v_j: every 2 x 2 cross ratio equals the kernel's.
        for (var i = 1; i < 5; i++)
            for (var j = 1; j < 4; j++)
            {
                var ratio = plan[0, 0] * plan[i, j] / (plan[0, j] * plan[i, 0]);
                var expected = Math.Exp(-(cost[0, 0] + cost[i, j] - cost[0, j] - cost[i, 0]) / epsilon);
                Assert.Equal(expected, ratio, 9);
            }
    }

    [Fact]
    public void GwLossIsTheQuadrupleSum()
    {
        var x = SyntheticEmbeddings.Gaussian(6, 3, 2);
        var y = SyntheticEmbeddings.Gaussian(5, 3, 3);
        var a = Matrix.Multiply(x, false, x, true);
        var b = Matrix.Multiply(y, false, y, true);
        double[] p = [0.1, 0.2, 0.1, 0.2, 0.3, 0.1];
        double[] q = [0.3, 0.1, 0.2, 0.2, 0.2];
        var t = Sinkhorn.Couple(SyntheticEmbeddings.Gaussian(6, 5, 4), p, q, 1.0, 500);
        var sum = 0.0;
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 5; j++)
                for (var k = 0; k < 6; k++)
                    for (var l = 0; l < 5; l++)
                        sum += (a[i, k] - b[j, l]) * (a[i, k] - b[j, l]) * t[i, j] * t[k, l];
        Assert.Equal(sum, GromovWasserstein.Loss(a, p, b, q, t), 10);
    }

    [Fact]
    public void GwFindsThePermutationOfAnIsometricSet()
    {
        // The same 30 points, rotated and listed in another order: GW sees only the similarities and must pair them.
        const int n = 30;
        var points = SpacePreparation.NormalizeRows(SyntheticEmbeddings.Gaussian(n, 8, 5), "x");
        var order = new NumpyRandomState(6).Permutation(n);
        var moved = points.SelectRows(order).Multiply(SyntheticEmbeddings.RandomOrthogonal(8, 7));
        var a = Matrix.Multiply(points, false, points, true);
        var b = Matrix.Multiply(moved, false, moved, true);
        var w = Enumerable.Repeat(1.0 / n, n).ToArray();
        var gw = GromovWasserstein.Couple(a, w, b, w, GromovWasserstein.SignatureStart(a, w, b, w), [0.02, 0.01, 0.005, 0.002], 20, 300);
        for (var j = 0; j < n; j++) Assert.Equal(j, System.Numerics.Tensors.TensorPrimitives.IndexOfMax<double>(gw.Coupling.Row(order[j])));
        Assert.True(gw.Loss < 1e-3, $"loss {gw.Loss}");
    }

    [Fact]
    public void KMeansFindsSeparatedClustersAndTheirShares()
    {
        var centres = SpacePreparation.NormalizeRows(SyntheticEmbeddings.Gaussian(4, 6, 8), "c");
        var rows = new Matrix(100, 6);
        for (var i = 0; i < 100; i++)
        {
            var c = i < 10 ? 0 : i < 30 ? 1 : i < 60 ? 2 : 3;
            centres.Row(c).CopyTo(rows.Row(i));
            rows[i, i % 6] += 0.01;
        }
        rows = SpacePreparation.NormalizeRows(rows, "r");
        var clusters = SphericalKMeans.Fit(rows, 4, 50, new NumpyRandomState(9));
        var shares = Enumerable.Range(0, 4).Select(c => clusters.Weights[SphericalKMeans.Assign(centres, clusters.Centroids)[c]]).ToArray();
        Assert.Equal([0.1, 0.2, 0.3, 0.4], shares.Select(s => Math.Round(s, 9)));
        Assert.Equal(1.0, clusters.Weights.Sum(), 12);
        var nearest = SphericalKMeans.Assign(centres, clusters.Centroids);
        for (var c = 0; c < 4; c++)
            Assert.True(clusters.Centroids.Row(nearest[c]).ToArray().Zip(centres.Row(c).ToArray(), (x, y) => x * y).Sum() > 0.999);
    }

    [Fact]
    public void CentroidMapIsTheRotationOfCoupledCentroids()
    {
        // Target centroid order[i] is source centroid i rotated; the coupling pairs them (unequal masses).
        var source = SpacePreparation.NormalizeRows(SyntheticEmbeddings.Gaussian(10, 5, 10), "s");
        var rotation = SyntheticEmbeddings.RandomOrthogonal(5, 11);
        var order = new NumpyRandomState(12).Permutation(10);
        var target = new Matrix(10, 5);
        var coupling = new Matrix(10, 10);
        var rotated = source.Multiply(rotation);
        for (var i = 0; i < 10; i++)
        {
            rotated.Row(i).CopyTo(target.Row(order[i]));
            coupling[i, order[i]] = 0.05 + 0.01 * i;
        }
        Assert.True(CentroidMatching.Map(source, coupling, target).MaxAbsDifference(rotation) < 1e-9);
    }

    [Fact]
    public void RotationIsRecoveredFromDifferentSamples()
    {
        const int d = 6;
        var centres = SyntheticEmbeddings.Gaussian(12, d, 2);
        var rotation = SyntheticEmbeddings.RandomOrthogonal(d, 12);
        var source = UnsupervisedMapTests.ClusteredSample(centres, 3000, 0.03, 22);
        var target = UnsupervisedMapTests.ClusteredSample(centres, 3000, 0.03, 32).Multiply(rotation);
        var map = Fitter(":restarts=2:screen-rows=500:csls-k=50:clusters=12").Fit(UnpairedRows.Prepare(source, target));
        var error = Weights(map).MaxAbsDifference(rotation);
        output.WriteLine($"error {error:G4}; " + string.Join(", ", map.Notes.Select(n => $"{n.Key}={n.Value}")));
        Assert.True(error <= 5e-3, $"|W - R| = {error}"); // the same statistical floor as the axes start's test
    }

    [Fact]
    public void UnrelatedTargetWithTheSameSpectrumStaysAtBaseline()
    {
        const int d = 8;
        var data = GroupedIdentities(900, 4, d, 5);
        var s = UnsupervisedMapTests.DisjointPeople(data, SyntheticEmbeddings.RandomOrthogonal(d, 6));
        var baseline = UnsupervisedMapTests.Rank1(MapSpec.Parse("unaligned").CreateFitter().Fit(s.SourceTrain, s.SourceTrain), s.SourceTest, s.TargetTest, s.TestIds);
        var fitter = Fitter(":restarts=3:screen-rows=1000:clusters=12");
        var recovered = UnsupervisedMapTests.Rank1(fitter.Fit(UnpairedRows.Prepare(s.SourceTrain, s.TargetTrain)), s.SourceTest, s.TargetTest, s.TestIds);
        var unrelated = UnsupervisedMapTests.WithSpectrumOf(SyntheticEmbeddings.Gaussian(400, d, 77), s.TargetTrain)
            .Multiply(SyntheticEmbeddings.RandomOrthogonal(d, 78));
        var control = UnsupervisedMapTests.Rank1(fitter.Fit(UnpairedRows.Prepare(s.SourceTrain, unrelated)), s.SourceTest, s.TargetTest, s.TestIds);
        // The ceiling: the test queries against their own space (a perfectly recovered rotation).
        var native = UnsupervisedMapTests.Rank1(MapSpec.Parse("unaligned").CreateFitter().Fit(s.SourceTrain, s.SourceTrain), s.SourceTest, s.SourceTest, s.TestIds);
        output.WriteLine($"baseline {baseline:F3}, gw {recovered:F3}, native {native:F3}, unrelated-target control {control:F3}");
        // Measured 0.79 of a native 1.00: the groups are paired, the identities within them only roughly aligned.
        Assert.True(recovered >= 0.6 * native, $"unsupervised Rank-1 {recovered}, native {native}");
        Assert.True(Math.Abs(control - baseline) <= 0.15 && control < 0.3, $"control Rank-1 {control} vs baseline {baseline}");
    }

    /// <summary>
    /// Identities around 12 group centres of unequal size (as faces group by coarse attributes), 4 images each: the
    /// groups are what two samples of different people share, so they are what centroid matching can find.
    /// </summary>
    private static SyntheticEmbeddings GroupedIdentities(int identities, int images, int d, uint seed)
    {
        var groups = SyntheticEmbeddings.Gaussian(12, d, seed);
        var random = new NumpyRandomState(seed + 1);
        var rows = new Matrix(identities * images, d);
        var ids = new string[rows.Rows];
        var centre = new double[d];
        for (var p = 0; p < identities; p++)
        {
            var u = random.NextDouble() * 78; // weights 1..12
            var g = 0;
            while (g < 11 && (u -= g + 1) > 0) g++;
            for (var j = 0; j < d; j++) centre[j] = groups[g, j] + 0.15 * random.NextGaussian();
            for (var k = 0; k < images; k++)
            {
                var row = rows.Row(p * images + k);
                for (var j = 0; j < d; j++) row[j] = centre[j] + 0.04 * random.NextGaussian();
                var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(row));
                for (var j = 0; j < d; j++) row[j] /= norm;
                ids[p * images + k] = $"id{p:D3}";
            }
        }
        return new SyntheticEmbeddings { Rows = rows, Identities = ids };
    }

    [Theory]
    [InlineData("unsupervised-procrustes:init=gw:restarts=3:screen-rows=300:clusters=20")]
    [InlineData("unsupervised-procrustes:init=axes:restarts=3:screen-rows=300")]
    public void ShuffledLabelsGiveTheSameMapAndRestartChoice(string map)
    {
        // The train rows keep their place; only which identity each train row is labelled with changes.
        const int d = 8;
        var data = UnsupervisedMapTests.SkewedIdentities(200, 4, d, 0.1, 3);
        var target = data.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(d, 4));
        var records = data.Records();
        EmbeddingSet Set(Matrix rows, IReadOnlyList<EmbeddingRecord> r) =>
            new(rows.Data.Select(v => (float)v).ToArray(), rows.Rows, rows.Cols, r);
        var options = new ComparisonOptions { Seeds = [42], Maps = TestMaps.Of(map), UnpairedInput = UnpairedInput.SameImages };
        var inputs = ComparisonInputs.FromSets("a", "b", Set(data.Rows, records), Set(target, records));
        var plan = CrossModelComparison.Plan(inputs, options);
        var train = plan.Splits[0].TrainRows;
        var order = new NumpyRandomState(5).Permutation(train.Length);
        var relabelled = records.ToArray();
        for (var t = 0; t < train.Length; t++)
            relabelled[train[t]] = records[train[t]] with { Identity = records[train[order[t]]].Identity };
        Assert.True(train.Count(r => relabelled[r].Identity != records[r].Identity) > train.Length / 2);
        var shuffled = ComparisonInputs.FromSets("a", "b", Set(data.Rows, relabelled), Set(target, relabelled));

        var first = CrossModelComparison.Run(inputs, plan);
        var second = CrossModelComparison.Run(shuffled, plan);
        var label = MapSpec.Parse(map).Label;
        var values = (ComparisonResult r) => r.Rows.Where(x => x.Map.StartsWith("unsupervised")).Select(x => (x.Metric, x.Value)).ToArray();
        Assert.NotEmpty(values(first));
        Assert.Equal(values(first), values(second));
        Assert.True(first.Rows.First(x => x.Map.StartsWith("unsupervised") && x.Metric == "rank1").Value > 0.5, label);
    }
}
