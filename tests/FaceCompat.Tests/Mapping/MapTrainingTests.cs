using System.Globalization;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>Fitting a map from two embedding sets and a split: the rows it trains on, the provenance it records, its refusals.</summary>
public class MapTrainingTests
{
    private static (EmbeddingSet Source, EmbeddingSet Target) Sets(int identities = 6, int perIdentity = 3)
    {
        var ids = Enumerable.Range(0, identities * perIdentity).Select(i => $"p{i / perIdentity}").ToArray();
        var x = SyntheticEmbeddings.Gaussian(ids.Length, 5, 1).ToFloats();
        var y = SyntheticEmbeddings.Gaussian(ids.Length, 4, 2).ToFloats();
        return (EmbeddingSets.FromSpan(x, ids.Length, ids), EmbeddingSets.FromSpan(y, ids.Length, ids));
    }

    [Fact]
    public void TheMapIsFittedOnTheTrainRowsAndSaysSo()
    {
        var (source, target) = Sets();
        var split = IdentitySplit.Random(source.Records.Select(r => r.Identity), 0.5, 42);
        var map = MapTraining.Fit(source, target, split, MapSpec.Parse("lstsq"), sourceName: "alpha", targetName: "beta");
        var (train, test) = split.RowIndices(source.Records);
        var direct = MapSpec.Parse("lstsq").CreateFitter(42).Fit(MapTraining.Rows(source, train), MapTraining.Rows(target, train));
        var rows = SyntheticEmbeddings.Gaussian(4, 5, 3);
        Assert.True(map.TransformSource(rows).MaxAbsDifference(direct.TransformSource(rows)) < 1e-12);

        var p = map.Provenance;
        Assert.Equal(("alpha", "beta", "42", "0.5"), (p["source_model"], p["target_model"], p["split_seed"], p["train_ratio"]));
        Assert.Equal(("3", "3"), (p["train_identities"], p["test_identities"]));
        Assert.Equal((train.Length.ToString(CultureInfo.InvariantCulture), test.Length.ToString(CultureInfo.InvariantCulture)), (p["train_rows"], p["test_rows"]));
        Assert.Equal(9, train.Length);
        Assert.Equal(("l2,center,zero-pad", Blas.Backend), (p["preparation"], p["blas"]));
        Assert.False(string.IsNullOrEmpty(p["code_version"]));
    }

    [Fact]
    public void ASplitReadFromAFileIsRecordedAsSuch()
    {
        var (source, target) = Sets();
        var split = new IdentitySplit(["p0", "p1", "p2"], ["p3", "p4", "p5"]);
        var p = MapTraining.Fit(source, target, split, MapSpec.Parse("procrustes")).Provenance;
        Assert.Equal(("file", "file", "source", "target"), (p["split_seed"], p["train_ratio"], p["source_model"], p["target_model"]));
    }

    [Fact]
    public void TooFewTrainRowsOrMisalignedSetsAreRefused()
    {
        var (source, target) = Sets(identities: 4, perIdentity: 1);
        var oneTrainRow = new IdentitySplit(["p0"], ["p1", "p2", "p3"]);
        Assert.Contains("at least 2", Assert.Throws<FaceCompatException>(() => MapTraining.Fit(source, target, oneTrainRow, MapSpec.Parse("procrustes"))).Message);
        var twoTrainRows = new IdentitySplit(["p0", "p1"], ["p2", "p3"]);
        MapTraining.Fit(source, target, twoTrainRows, MapSpec.Parse("procrustes"));
        var shuffled = EmbeddingSets.FromSpan(target.Vectors, 4, ["p3", "p2", "p1", "p0"]);
        Assert.Throws<FaceCompatException>(() => MapTraining.Fit(source, shuffled, twoTrainRows, MapSpec.Parse("procrustes")));
    }

    [Fact]
    public void AHubMapIsFittedOnTheTrainRowsOfEveryModelOfTheRun()
    {
        var (source, target) = Sets();
        var third = EmbeddingSets.FromSpan(SyntheticEmbeddings.Gaussian(18, 5, 9).ToFloats(), 18, source.Records.Select(r => r.Identity).ToArray());
        var split = IdentitySplit.Random(source.Records.Select(r => r.Identity), 0.5, 7);
        var (train, _) = split.RowIndices(source.Records);
        var hub = (FaceCompat.Mapping.Hub.IHubMapFitter)MapSpec.Parse("hub-procrustes").CreateFitter();
        var map = MapTraining.Fit(source, target, split, hub, sourceName: "a", targetName: "b", others: new Dictionary<string, EmbeddingSet> { ["c"] = third });
        var models = new Dictionary<string, Matrix>
        {
            ["c"] = MapTraining.Rows(third, train), ["a"] = MapTraining.Rows(source, train), ["b"] = MapTraining.Rows(target, train),
        };
        var direct = hub.Fit(new FaceCompat.Mapping.Hub.HubRows(models, "a", "b"));
        var rows = SyntheticEmbeddings.Gaussian(4, 5, 3);
        Assert.True(map.TransformSource(rows).MaxAbsDifference(direct.TransformSource(rows)) < 1e-12);
        // without the third model the hub is another space
        var twoModels = MapTraining.Fit(source, target, split, hub, sourceName: "a", targetName: "b");
        Assert.True(map.TransformSource(rows).MaxAbsDifference(twoModels.TransformSource(rows)) > 1e-3);

        var misaligned = EmbeddingSets.FromSpan(third.Vectors, 18, third.Records.Select(r => r.Identity).Reverse().ToArray());
        Assert.Throws<FaceCompatException>(() => MapTraining.Fit(source, target, split, hub, sourceName: "a", targetName: "b",
            others: new Dictionary<string, EmbeddingSet> { ["c"] = misaligned }));
    }

    [Fact]
    public void ATrainingPairNeedsOneTargetRowPerSourceRow()
    {
        var x = SyntheticEmbeddings.Gaussian(10, 4, 5);
        var preparation = Preparation.Fit(x, x);
        Assert.Contains("Source has 10 rows, target 9", Assert.Throws<ArgumentException>(() =>
            new TrainingPair(preparation, x, SyntheticEmbeddings.Gaussian(9, 4, 6))).Message);
    }

    private static int _unusedSeed = 900_000;

    [Fact]
    public void ARandomRotationDrawnForTheFirstTimeIsTheOneDrawnAgain()
    {
        // a seed no other test draws, new on every run of this test in a process: the draw is not served from the cache
        var seed = Interlocked.Increment(ref _unusedSeed);
        var first = FaceCompat.Mapping.Maps.RandomOrthogonalFitter.Create(5, seed);
        Assert.True(Matrix.Multiply(first, true, first, false).MaxAbsDifference(Matrix.Identity(5)) < 1e-12);
        Assert.Equal(first.Data, FaceCompat.Mapping.Maps.RandomOrthogonalFitter.Create(5, seed).Data);
        Assert.NotEqual(first.Data, FaceCompat.Mapping.Maps.RandomOrthogonalFitter.Create(5, seed + 1).Data);
    }

    [Fact]
    public void AMapsTransformsMustFitItsPreparationAndEachOther()
    {
        var x = SyntheticEmbeddings.Gaussian(10, 4, 5);
        var preparation = Preparation.Fit(x, x); // 4 -> 4 on both sides
        var empty = new Dictionary<string, string>();
        Assert.Contains("Source transform takes 5 columns", Assert.Throws<ArgumentException>(() => new FittedMap("m", empty, preparation, new IdentityHead(5), new IdentityHead(4))).Message);
        Assert.Contains("Target transform takes 5 columns", Assert.Throws<ArgumentException>(() => new FittedMap("m", empty, preparation, new IdentityHead(4), new IdentityHead(5))).Message);
        Assert.Throws<ArgumentException>(() => new FittedMap("m", empty, preparation, new LinearHead(new Matrix(4, 3)), new IdentityHead(4)));
        var map = new FittedMap("m", empty, preparation, new LinearHead(new Matrix(4, 4)), new IdentityHead(4));
        Assert.Empty(map.Notes);
        Assert.Empty(map.Provenance);
    }
}
