using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

public class MapContractTests
{
    private static (Matrix X, Matrix Y) Pair(int n = 120, int ds = 12, int dt = 8, uint seed = 3)
    {
        var x = SyntheticEmbeddings.Create(n / 4, 4, ds, 0.4, seed).Rows;
        var y = x.Multiply(SyntheticEmbeddings.Gaussian(ds, dt, seed + 1));
        return (x, y);
    }

    [Theory]
    [InlineData("procrustes")]
    [InlineData("procrustes-scaled")]
    [InlineData("lstsq")]
    [InlineData("ridge:alpha=0.5")]
    [InlineData("cca:components=4")]
    [InlineData("rrr:rank=3")]
    [InlineData("poly2")]
    [InlineData("unaligned")]
    [InlineData("shuffled:base=ridge:seed=4")]
    [InlineData("random-orthogonal:seed=9")]
    [InlineData("hub-procrustes")]
    public void SavedMapLoadsAndTransformsIdentically(string spec)
    {
        var (x, y) = Pair();
        var map = MapSpec.Parse(spec).CreateFitter().Fit(x, y);
        var dir = Path.Combine(Directory.CreateTempSubdirectory("fc-map-").FullName, "m");
        map.Save(dir);
        var loaded = FittedMap.Load(dir);
        Assert.Equal(map.Spec, loaded.Spec);
        Assert.Equal(map.Name, loaded.Name);
        Assert.True(map.TransformSource(x).MaxAbsDifference(loaded.TransformSource(x)) < 1e-12);
        Assert.True(map.TransformTarget(y).MaxAbsDifference(loaded.TransformTarget(y)) < 1e-12);
        Assert.Contains("formula", File.ReadAllText(Path.Combine(dir, FittedMap.FileName)));
        // Saving again over a map folder replaces it.
        map.Save(dir);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetDirectoryName(dir)!), d => d != dir);
    }

    [Fact]
    public void PcaPreparationSavesAndLoads()
    {
        var (x, y) = Pair();
        var options = new PreparationOptions { Matching = DimensionMatching.Pca, PcaDimension = 6, Whiten = true };
        var map = MapSpec.Parse("procrustes").CreateFitter().Fit(x, y, options);
        var dir = Path.Combine(Directory.CreateTempSubdirectory("fc-map-").FullName, "m");
        map.Save(dir);
        var loaded = FittedMap.Load(dir);
        Assert.True(map.TransformSource(x).MaxAbsDifference(loaded.TransformSource(x)) < 1e-12);
        Assert.Equal(options, loaded.Preparation.Options);
    }

    [Fact]
    public void SpecRoundTripsThroughTheCatalog()
    {
        Assert.Equal("ridge:alpha=0.1", MapSpec.Parse("ridge").CreateFitter().Spec);
        Assert.Equal("lstsq", MapSpec.Parse("linear").CreateFitter().Spec);
        Assert.Equal("rrr:rank=64", MapSpec.Parse("rrr").CreateFitter().Spec);
        var shuffled = MapSpec.Parse("shuffled:base=ridge:alpha=2:seed=5").CreateFitter();
        Assert.Equal("shuffled:alpha=2:base=ridge:seed=5", shuffled.Spec);
        Assert.Equal(shuffled.Spec, MapSpec.Parse(shuffled.Spec).CreateFitter().Spec);
        Assert.Equal(new[] { "procrustes", "lstsq", "ridge" }, MapSpec.ParseList("procrustes, linear ,ridge").Select(m => m.CreateFitter().Name));
    }

    [Theory]
    [InlineData("magic", "unknown map 'magic'; known maps: procrustes, procrustes-scaled, lstsq, ridge, cca, rrr, poly2, unsupervised-procrustes, hub-procrustes, unaligned, shuffled, random-orthogonal")]
    [InlineData("ridge:beta=1", "unknown parameter 'beta'; ridge accepts alpha")]
    [InlineData("ridge:alpha=-1", "alpha must be a positive number")]
    [InlineData("rrr:rank=x", "rank must be a positive integer")]
    [InlineData("procrustes:alpha=1", "procrustes accepts no parameters")]
    [InlineData("ridge:alpha", "not key=value")]
    [InlineData("shuffled:base=nope", "unknown map 'nope'")]
    [InlineData("ridge:alpha=0", "alpha must be a positive number")]
    [InlineData("ridge:alpha=Infinity", "alpha must be a positive number")]
    [InlineData("cca:components=0", "components must be a positive integer")]
    [InlineData("cca:reg=-0.5", "reg must be a non-negative number")]
    [InlineData("cca:reg=Infinity", "reg must be a non-negative number")]
    [InlineData("lstsq:rcond=0", "rcond must be in (0, 1)")]
    [InlineData("lstsq:rcond=1", "rcond must be in (0, 1)")]
    [InlineData("lstsq:rcond=-0.5", "rcond must be in (0, 1)")]
    [InlineData("poly2:alpha=0", "alpha must be a positive number")]
    [InlineData("poly2:alpha=-1", "alpha must be a positive number")]
    [InlineData("poly2:alpha=Infinity", "alpha must be a positive number")]
    [InlineData("rrr:rank=0", "rank must be a positive integer")]
    [InlineData("random-orthogonal:seed=-1", "seed must be a non-negative integer")]
    [InlineData("shuffled:seed=-1", "seed must be a non-negative integer")]
    [InlineData("rrr:rank=1.5", "rank must be a positive integer")]
    public void BadSpecsAreRefusedClearly(string spec, string message)
    {
        var ex = Assert.Throws<FaceCompatException>(() => MapSpec.Parse(spec).CreateFitter());
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData("cca:reg=0", "reg", "0")]
    [InlineData("cca:components=1", "components", "1")]
    [InlineData("lstsq:rcond=0.5", "rcond", "0.5")]
    [InlineData("poly2:alpha=1e-300", "alpha", "1E-300")]
    [InlineData("poly2", "alpha", "0.0001")]
    [InlineData("poly2:alpha=3", "alpha", "3")]
    [InlineData("rrr:rank=1", "rank", "1")]
    [InlineData("random-orthogonal:seed=0", "seed", "0")]
    [InlineData("shuffled:seed=0", "seed", "0")]
    public void ValuesAtTheEdgesAreAcceptedAndReportedInTheParameters(string spec, string key, string value)
    {
        var fitter = MapSpec.Parse(spec).CreateFitter(5);
        Assert.Equal(value, fitter.Parameters[key]);
    }

    [Fact]
    public void FastLeastSquaresMatchesLapackMinimumNorm()
    {
        var (x, y) = Pair(200, 12, 8);
        var map = MapSpec.Parse("lstsq").CreateFitter().Fit(x, y);
        Assert.StartsWith("normal equations", map.Notes["solver"]);
        var pair = map.Preparation.PrepareTraining(x, y);
        var exact = Decompositions.LeastSquares(pair.PaddedSource, pair.PaddedTarget);
        Assert.True(((LinearHead)map.SourceHead).Weights.MaxAbsDifference(exact) < 1e-9);
    }

    [Fact]
    public void LapackSolverCanBeForcedAndAgrees()
    {
        var (x, y) = Pair(200, 12, 8);
        var fast = MapSpec.Parse("lstsq").CreateFitter().Fit(x, y);
        var exact = MapSpec.Parse("lstsq:solver=gelsd").CreateFitter().Fit(x, y);
        Assert.StartsWith("dgelsd", exact.Notes["solver"]);
        Assert.Equal("lstsq:solver=gelsd", exact.Spec);
        Assert.True(((LinearHead)fast.SourceHead).Weights.MaxAbsDifference(((LinearHead)exact.SourceHead).Weights) < 1e-9);
        Assert.Throws<FaceCompatException>(() => MapSpec.Parse("lstsq:solver=qr").CreateFitter());
    }

    [Fact]
    public void RankDeficientLeastSquaresFallsBackToLapack()
    {
        // 10 rows in 12 dimensions (minus one for centring): X^T X is singular.
        var (x, y) = Pair(12, 12, 8);
        var sub = x.SelectRows(Enumerable.Range(0, 10).ToArray());
        var suby = y.SelectRows(Enumerable.Range(0, 10).ToArray());
        var map = MapSpec.Parse("lstsq").CreateFitter().Fit(sub, suby);
        Assert.StartsWith("dgelsd", map.Notes["solver"]);
        var pair = map.Preparation.PrepareTraining(sub, suby);
        Assert.True(((LinearHead)map.SourceHead).Weights.MaxAbsDifference(Decompositions.LeastSquares(pair.PaddedSource, pair.PaddedTarget)) < 1e-10);
    }

    [Fact]
    public void PolynomialKernelIsTheInnerProductOfDegreeTwoFeatures()
    {
        var a = SyntheticEmbeddings.Gaussian(3, 4, 1);
        var b = SyntheticEmbeddings.Gaussian(2, 4, 2);
        var k = Poly2KernelHead.Kernel(a, b);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 2; j++)
            {
                var u = Features(a.Row(i));
                var v = Features(b.Row(j));
                Assert.Equal(u.Zip(v, (p, q) => p * q).Sum(), k[i, j], 10);
            }

        // scikit-learn's PolynomialFeatures(2): 1, x_i, x_i x_j (i <= j).
        static double[] Features(ReadOnlySpan<double> x)
        {
            var f = new List<double> { 1 };
            foreach (var v in x) f.Add(v);
            for (var i = 0; i < x.Length; i++)
                for (var j = i; j < x.Length; j++) f.Add(x[i] * x[j]);
            return f.ToArray();
        }
    }

    [Fact]
    public void MigrationLandsInTheTargetModelsOwnSpace()
    {
        // Target = rotated source: migrating source rows must give exactly the target rows (unit norm).
        var x = SyntheticEmbeddings.Create(40, 4, 16, 0.3, 21).Rows;
        var y = x.Multiply(SyntheticEmbeddings.RandomOrthogonal(16, 22));
        var map = MapSpec.Parse("procrustes").CreateFitter().Fit(x, y);
        Assert.True(map.CanMigrate);
        Assert.True(map.MigrateToTarget(x).MaxAbsDifference(y) < 1e-9);
        Assert.False(MapSpec.Parse("cca").CreateFitter().Fit(x, y).CanMigrate);
        Assert.Throws<FaceCompatException>(() => MapSpec.Parse("cca").CreateFitter().Fit(x, y).MigrateToTarget(x));
    }

    [Fact]
    public void TestRowsUseTrainStatistics()
    {
        var (x, y) = Pair();
        var map = MapSpec.Parse("unaligned").CreateFitter().Fit(x, y);
        var single = x.SelectRows([5]);
        // One test row prepared alone equals the same row prepared among all: nothing is re-estimated on test data.
        var alone = map.TransformSource(single);
        var among = map.TransformSource(x).SelectRows([5]);
        Assert.True(alone.MaxAbsDifference(among) < 1e-15);
        Assert.True(alone.FrobeniusNorm() > 0);
    }

    [Fact]
    public void WrongDimensionIsAUserError()
    {
        var (x, y) = Pair();
        var map = MapSpec.Parse("ridge").CreateFitter().Fit(x, y);
        Assert.Contains("expected 12-dimensional rows, got 8", Assert.Throws<FaceCompatException>(() => map.TransformSource(y)).Message);
    }

    [Fact]
    public void CorruptMapFolderIsRefused()
    {
        var (x, y) = Pair();
        var dir = Path.Combine(Directory.CreateTempSubdirectory("fc-map-").FullName, "m");
        MapSpec.Parse("ridge").CreateFitter().Fit(x, y).Save(dir);
        File.Delete(Path.Combine(dir, "source_weights.npy"));
        Assert.Contains("missing", Assert.Throws<FaceCompatException>(() => FittedMap.Load(dir)).Message);
        File.WriteAllText(Path.Combine(dir, FittedMap.FileName), "{ not json");
        Assert.Contains("corrupt", Assert.Throws<FaceCompatException>(() => FittedMap.Load(dir)).Message);
        Assert.Throws<FaceCompatException>(() => FittedMap.Load(Path.GetDirectoryName(dir)!));
    }
}
