using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Hub;
using FaceCompat.Mapping.Maps;
using FaceCompat.Numerics;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// The shared space (generalised Procrustes): spaces that are rotations of one space are recovered exactly and
/// the composition through the hub equals the direct map; the iteration converges to a fixed point; a model joined
/// later matches having been in the hub; two models give exactly pairwise Procrustes.
/// </summary>
public class HubProcrustesTests(ITestOutputHelper output)
{
    private const int D = 10;

    /// <summary>Clustered rows with a strong common offset (so a forgotten centring changes the fit).</summary>
    private static Matrix Base(int rows = 600, uint seed = 5)
    {
        var centres = SyntheticEmbeddings.Gaussian(8, D, seed);
        for (var c = 0; c < centres.Rows; c++) centres[c, 0] += 3.0;
        return UnsupervisedMapTests.ClusteredSample(centres, rows, 0.3, seed + 1);
    }

    private static Matrix Noisy(Matrix rows, double noise, uint seed)
    {
        var e = SyntheticEmbeddings.Gaussian(rows.Rows, rows.Cols, seed);
        var m = rows.Clone();
        for (var i = 0; i < m.Data.Length; i++) m.Data[i] += noise * e.Data[i];
        return m;
    }

    private static Matrix[] Rotations(int count) => Enumerable.Range(0, count).Select(k => SyntheticEmbeddings.RandomOrthogonal(D, (uint)(40 + k))).ToArray();

    private static Dictionary<string, Matrix> Models(params Matrix[] spaces) =>
        spaces.Select((s, k) => (Name: $"m{k}", s)).ToDictionary(p => p.Name, p => p.s);

    private static IHubMapFitter Hub(string parameters = "") => (IHubMapFitter)MapSpec.Parse("hub-procrustes" + parameters).CreateFitter();

    private static Matrix Weights(FittedMap map) => ((LinearHead)map.SourceHead).Weights;

    [Fact]
    public void RotatedSpacesAreRecoveredAndTheCompositionIsTheDirectMap()
    {
        var x = Base();
        var q = Rotations(4);
        var models = Models(q.Select(x.Multiply).ToArray());
        foreach (var (a, b) in new[] { (0, 1), (2, 0), (3, 2) })
        {
            var map = Hub().Fit(new HubRows(models, $"m{a}", $"m{b}"));
            // X Q_a W = X Q_b  =>  W = Q_a^T Q_b (the hub composition R_a R_b^T must reproduce it).
            var expected = Matrix.Multiply(q[a], true, q[b], false);
            var error = Weights(map).MaxAbsDifference(expected);
            Assert.True(error < 1e-8, $"m{a} -> m{b}: |W - Q_a^T Q_b| = {error}");
            var direct = MapSpec.Parse("procrustes").CreateFitter().Fit(models[$"m{a}"], models[$"m{b}"]);
            var test = Base(50, 77);
            var throughHub = map.TransformSource(test.Multiply(q[a]));
            Assert.True(throughHub.MaxAbsDifference(direct.TransformSource(test.Multiply(q[a]))) < 1e-8, "hub and direct Procrustes map test rows differently");
            Assert.True(map.TransformTarget(test.Multiply(q[b])).MaxAbsDifference(direct.TransformTarget(test.Multiply(q[b]))) < 1e-12);
        }
    }

    [Fact]
    public void TwoModelsGiveExactlyPairwiseProcrustes()
    {
        // With two spaces, sum ||X_i R_i - M||^2 = ||X_a R_a - X_b R_b||^2 / 2: the hub's R_a R_b^T is Procrustes of a onto b.
        var x = Base();
        var a = Noisy(x, 0.15, 91);
        var b = Noisy(x.Multiply(Rotations(1)[0]), 0.15, 92);
        var hub = Hub(":tolerance=1e-13:iterations=500").Fit(new HubRows(Models(a, b), "m0", "m1"));
        var direct = MapSpec.Parse("procrustes").CreateFitter().Fit(a, b);
        var error = Weights(hub).MaxAbsDifference(Weights(direct));
        output.WriteLine($"|W_hub - W_procrustes| = {error:G3}, iterations {hub.Notes["hub_iterations"]}");
        Assert.True(error < 1e-6, $"two-model hub differs from Procrustes by {error}");
        Assert.Equal("true", hub.Notes["hub_converged"]);
        // The same through the training-pair entry point (no other models known).
        var fromPair = Hub(":tolerance=1e-13:iterations=500").Fit(a, b);
        Assert.True(Weights(fromPair).MaxAbsDifference(Weights(direct)) < 1e-6);
    }

    [Fact]
    public void IterationConvergesToAFixedPoint()
    {
        var x = Base();
        var q = Rotations(5);
        var spaces = q.Select((r, k) => SpacePreparation.NormalizeRows(Noisy(x.Multiply(r), 0.2, (uint)(60 + k)), "s")).ToArray();
        const double tolerance = 1e-10;
        var hub = SharedSpace.Fit(spaces.Select((s, k) => ($"m{k}", s)).ToList(), PreparationOptions.Reference, D, tolerance, 200);
        var objectives = hub.Convergence.Objectives;
        output.WriteLine($"iterations {hub.Convergence.Iterations}: " + string.Join(" ", objectives.Select(o => o.ToString("G8"))));
        Assert.True(hub.Convergence.Converged);
        Assert.True(hub.Convergence.Iterations is > 2 and < 200);
        for (var i = 1; i < objectives.Count; i++) Assert.True(objectives[i] <= objectives[i - 1] * (1 + 1e-12), $"objective rose at iteration {i}");
        Assert.True(Math.Abs(objectives[^2] - objectives[^1]) <= tolerance * objectives[^2]);
        // The objective is what it says: sum_i ||X_i R_i - M||^2 computed from the rows themselves.
        var direct = 0.0;
        for (var k = 0; k < spaces.Length; k++)
        {
            var m = hub.Member($"m{k}")!;
            var rotated = m.Preparation.Apply(spaces[k]).Multiply(m.Rotation);
            for (var i = 0; i < rotated.Data.Length; i++) direct += Math.Pow(rotated.Data[i] - hub.Mean.Data[i], 2);
        }
        Assert.True(Math.Abs(direct - objectives[^1]) < 1e-8 * direct, $"objective {objectives[^1]} but the rows give {direct}");
        // At the fixed point each rotation is the Procrustes fit of its space onto the mean.
        for (var k = 0; k < spaces.Length; k++)
        {
            var m = hub.Member($"m{k}")!;
            var again = GeneralizedProcrustes.RotationOnto(m.Preparation.Apply(spaces[k]), D, hub.Mean);
            Assert.True(again.MaxAbsDifference(m.Rotation) < 1e-4, $"m{k} is not at the Procrustes fixed point: {again.MaxAbsDifference(m.Rotation)}");
        }
        // Rotations are orthogonal.
        foreach (var k in Enumerable.Range(0, spaces.Length))
            Assert.True(Matrix.Multiply(hub.Member($"m{k}")!.Rotation, true, hub.Member($"m{k}")!.Rotation, false).MaxAbsDifference(Matrix.Identity(D)) < 1e-10);
    }

    [Fact]
    public void AModelJoinedLaterMatchesHavingBeenIn()
    {
        var data = SyntheticEmbeddings.Create(60, 6, D, 0.5, 11);
        var q = Rotations(5);
        var spaces = q.Select((r, k) => SpacePreparation.NormalizeRows(Noisy(data.Rows.Multiply(r), 0.1, (uint)(70 + k)), "s")).ToArray();
        var models = Models(spaces);
        var train = Enumerable.Range(0, data.Rows.Rows).Where(i => i % 6 < 4).ToArray();
        var test = Enumerable.Range(0, data.Rows.Rows).Where(i => i % 6 >= 4).ToArray();
        var trainModels = models.ToDictionary(p => p.Key, p => p.Value.SelectRows(train));
        var ids = test.Select(i => data.Identities[i]).ToArray();
        foreach (var (a, b) in new[] { ("m0", "m4"), ("m4", "m1") })
        {
            var inHub = Hub().Fit(new HubRows(trainModels, a, b));
            var joined = Hub(":leave-out=m4").Fit(new HubRows(trainModels, a, b));
            Assert.Equal(a == "m4" ? "true" : "false", joined.Notes["source_joined"]);
            Assert.Equal(b == "m4" ? "true" : "false", joined.Notes["target_joined"]);
            Assert.Equal("false", inHub.Notes["source_joined"]);
            var difference = Weights(inHub).MaxAbsDifference(Weights(joined));
            double Rank1(FittedMap m) => NearestNeighbour.Rank1(m.TransformSource(models[a].SelectRows(test)), m.TransformTarget(models[b].SelectRows(test)), ids);
            output.WriteLine($"{a} -> {b}: |W_in - W_joined| = {difference:G3}, Rank-1 in {Rank1(inHub):P1} joined {Rank1(joined):P1}");
            Assert.True(difference < 0.05, $"joining later moved the map by {difference}");
            Assert.True(Math.Abs(Rank1(inHub) - Rank1(joined)) <= 0.01);
        }
        // Without noise the joined model lands exactly where it would have been.
        var exact = Models(q.Select(data.Rows.SelectRows(train).Multiply).ToArray());
        var w = Weights(Hub(":leave-out=m2").Fit(new HubRows(exact, "m2", "m3")));
        Assert.True(w.MaxAbsDifference(Matrix.Multiply(q[2], true, q[3], false)) < 1e-8);
    }

    [Fact]
    public void WidthsDifferZeroPaddingKeepsTheMapOrthogonalAndTheScoresCosinesInTheHub()
    {
        var x = Base();
        var q = Rotations(3);
        // m1 keeps 6 of the 10 coordinates: its rows are padded to the hub's 10.
        var narrow = TrainingPair.LeadingColumns(x.Multiply(q[1]), 6);
        var models = new Dictionary<string, Matrix> { ["wide"] = x.Multiply(q[0]), ["narrow"] = narrow, ["other"] = x.Multiply(q[2]) };
        var map = Hub().Fit(new HubRows(models, "narrow", "wide"));
        var w = Weights(map);
        Assert.Equal(D, w.Rows);
        Assert.True(Matrix.Multiply(w, true, w, false).MaxAbsDifference(Matrix.Identity(D)) < 1e-10);
        Assert.Equal(6, map.SourceDimension);
        // Scores equal cosines between the two models' rows rotated into the hub.
        var back = Hub().Fit(new HubRows(models, "wide", "narrow"));
        var s = map.TransformSource(narrow.SelectRows([0, 1, 2]));
        var t = map.TransformTarget(models["wide"].SelectRows([0, 1, 2]));
        var s2 = back.TransformTarget(narrow.SelectRows([0, 1, 2])).Multiply(Weights(back).Transpose());
        Assert.True(s.MaxAbsDifference(s2) < 1e-10, "A -> B and the transpose of B -> A disagree");
        Assert.Equal(3, t.Rows);
    }

    [Fact]
    public void OneHubServesEveryPairOfARun()
    {
        var x = Base();
        var models = Models(Rotations(4).Select(x.Multiply).ToArray());
        var memo = new WorkMemo();
        var first = Hub().Fit(new HubRows(models, "m0", "m1", memo: memo));
        var misses = memo.Misses;
        var second = Hub().Fit(new HubRows(models, "m2", "m3", memo: memo));
        Assert.Equal(misses, memo.Misses);
        Assert.True(memo.Hits >= 1);
        Assert.Equal(first.Notes["hub_members"], second.Notes["hub_members"]);
        Assert.Equal("m0 m1 m2 m3", first.Notes["hub_members"]);
        Assert.Equal(Weights(second).Data, Weights(Hub().Fit(new HubRows(models, "m2", "m3"))).Data);
    }

    [Fact]
    public void PcaPreparationGivesAHubOfTheCommonDimension()
    {
        var x = Base();
        var models = Models(Rotations(3).Select(x.Multiply).ToArray());
        var map = Hub().Fit(new HubRows(models, "m0", "m2", new PreparationOptions { Matching = DimensionMatching.Pca, PcaDimension = 4 }));
        Assert.Equal(4, Weights(map).Rows);
        Assert.Equal("4", map.Notes["hub_dimension"]);
    }

    [Theory]
    [InlineData(":members=m0+nobody", "model 'nobody' has no embeddings in this run")]
    [InlineData(":leave-out=m0+m1+m2", "leaves no member")]
    [InlineData(":members=m0+m0", "names a model twice")]
    [InlineData(":members=m0++m1", "model names joined by '+'")]
    [InlineData(":tolerance=2", "tolerance must be a number in (0, 1)")]
    public void BadMembersAreRefusedClearly(string parameters, string message)
    {
        var models = Models(Rotations(3).Select(Base().Multiply).ToArray());
        var ex = Assert.Throws<FaceCompatException>(() => Hub(parameters).Fit(new HubRows(models, "m0", "m1")));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void MembersWithoutTheOtherModelsAreRefused()
    {
        var x = Base();
        var ex = Assert.Throws<FaceCompatException>(() => Hub(":members=a+b").Fit(x, x.Multiply(Rotations(1)[0])));
        Assert.Contains("needs every model's embeddings", ex.Message);
    }

    [Fact]
    public void ParametersRoundTripThroughTheTextForm()
    {
        var spec = MapSpec.Parse("hub:members=b+a:leave-out=a:tolerance=1e-6");
        Assert.Equal("hub-procrustes", spec.Name);
        Assert.Equal(new HubProcrustesParameters(["b", "a"], ["a"], 1e-6), spec.Parameters);
        var fitter = spec.CreateFitter();
        Assert.Equal("hub-procrustes:iterations=100:leave-out=a:members=b+a:tolerance=1E-06", fitter.Spec);
        Assert.Equal(fitter.Spec, MapSpec.Parse(fitter.Spec).CreateFitter().Spec);
    }

    [Fact]
    public void MembersLeaveOutAndTheCommonDimensionFollowTheParameters()
    {
        var spaces = Rotations(3).Select(Base(200).Multiply).ToArray();
        var models = Models(spaces);
        string Notes(string parameters, string key, PreparationOptions? options = null) =>
            Hub(parameters).Fit(new HubRows(models, "m0", "m2", options)).Notes[key];
        Assert.Equal("m0 m1", Notes(":members=m0+m1", "hub_members"));
        Assert.Equal("true", Notes(":members=m0+m1", "target_joined")); // m2 joins the frozen hub
        Assert.Equal("m0 m2", Notes(":leave-out=m1", "hub_members"));
        Assert.Equal("m0 m1 m2", Notes("", "hub_members"));
        Assert.Contains("model 'nobody' has no embeddings", Assert.Throws<FaceCompatException>(() => Notes(":leave-out=nobody", "hub_members")).Message);

        var narrow = Models(spaces[0], spaces[1], TrainingPair.LeadingColumns(spaces[2], 6));
        var pca = new PreparationOptions { Matching = DimensionMatching.Pca };
        Assert.Equal("6", Hub().Fit(new HubRows(narrow, "m0", "m2", pca)).Notes["hub_dimension"]); // PCA: the narrowest model's
        Assert.Equal("10", Hub().Fit(new HubRows(narrow, "m0", "m2")).Notes["hub_dimension"]);     // zero padding: the widest's
    }

    [Fact]
    public void HubRowsNeedBothModelsOfThePairAndRowsOfTheSameImages()
    {
        var x = Base(50);
        Assert.Throws<FaceCompatException>(() => new HubRows(Models(x, x), "m0", "m9"));
        Assert.Throws<FaceCompatException>(() => new HubRows(Models(x, x), "m9", "m1"));
        Assert.Throws<FaceCompatException>(() => new HubRows(Models(x, Base(40)), "m0", "m1"));
        Assert.True(HubRows.Needed([MapSpec.Parse("procrustes"), MapSpec.Parse("hub")]));
        Assert.False(HubRows.Needed([MapSpec.Parse("procrustes")]));
        Assert.False(HubRows.Needed([]));
        var rows = new HubRows(Models(x, x), "m0", "m1");
        Assert.Equal(WorkMemo.Digest(x), rows.Digest("m0"));
        Assert.Equal(rows.Digest("m0"), rows.Digest("m0"));
    }

    [Fact]
    public void EveryGivenParameterIsInTheTextForm() =>
        Assert.Equal(["members=a+b", "leave-out=c", "tolerance=0.001", "iterations=7"],
            new HubProcrustesParameters(["a", "b"], ["c"], 1e-3, 7).Given().Select(p => $"{p.Key}={p.Value}"));
}
