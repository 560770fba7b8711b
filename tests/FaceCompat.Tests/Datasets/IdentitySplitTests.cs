using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Datasets;

public class IdentitySplitTests
{
    // Values numpy prints for these calls (legacy RandomState), well known from its documentation and tutorials.
    [Fact]
    public void AFittingOnlySplitTrainsOnEveryIdentityAndRefusesToEvaluate()
    {
        var split = IdentitySplit.AllTrain(["b", "a", "b", "c"]);
        Assert.Equal(["a", "b", "c"], split.TrainIdentities);
        Assert.Empty(split.TestIdentities);
        Assert.False(split.CanEvaluate);
        Assert.Contains("evaluation needs at least 2", Assert.Throws<FaceCompatException>(() => split.RequireEvaluable()).Message);
        Assert.True(IdentitySplit.Random(["a", "b", "c", "d"], 0.5, 42).CanEvaluate);
        // One test identity can neither fit-only nor evaluate.
        Assert.Throws<FaceCompatException>(() => new IdentitySplit(["a", "b"], ["c"]));
    }

    [Fact]
    public void RandomStateMatchesNumpy()
    {
        Assert.Equal(2357136044u, new NumpyRandomState(0).NextUInt32());
        Assert.Equal(0.5488135039273248, new NumpyRandomState(0).NextDouble());
        Assert.Equal(0.3745401188473625, new NumpyRandomState(42).NextDouble());
        Assert.Equal(1.764052345967664, new NumpyRandomState(0).NextGaussian(), 15);
        // numpy's polar method gives two values per pair of uniforms: the second is kept for the next call
        var gaussians = new NumpyRandomState(0);
        Assert.Equal([1.76405235, 0.40015721, 0.97873798, 2.2408932, 1.86755799],
            Enumerable.Range(0, 5).Select(_ => Math.Round(gaussians.NextGaussian(), 8)));
        Assert.Equal(new[] { 8, 1, 5, 0, 7, 2, 9, 4, 3, 6 }, new NumpyRandomState(42).Permutation(10));
        Assert.Equal(new[] { 2, 8, 4, 9, 1, 6, 7, 3, 0, 5 }, new NumpyRandomState(0).Permutation(10));
    }

    private static readonly string[] Identities = Enumerable.Range(0, 20).Select(i => $"person_{i:D2}").ToArray();

    [Fact]
    public void SeededSplitIsDeterministicDisjointAndFollowsTheRatio()
    {
        var a = IdentitySplit.Random(Identities.Reverse(), 0.7, 42);
        var b = IdentitySplit.Random(Identities, 0.7, 42);
        Assert.Equal(a.TrainIdentities, b.TrainIdentities);
        Assert.Equal(14, a.TrainIdentities.Count);
        Assert.Equal(6, a.TestIdentities.Count);
        Assert.Empty(a.TrainIdentities.Intersect(a.TestIdentities));
        var c = IdentitySplit.Random(Identities, 0.7, 123);
        Assert.NotEqual(a.TrainIdentities, c.TrainIdentities);
    }

    [Fact]
    public void SplitOfTenFollowsNumpyPermutation()
    {
        var ids = Enumerable.Range(0, 10).Select(i => $"id{i}").ToArray();
        var split = IdentitySplit.Random(ids, 0.7, 42);
        // perm = [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]; n_train = int(0.7 * 10) = 7.
        Assert.Equal(new[] { "id0", "id1", "id2", "id5", "id7", "id8", "id9" }, split.TrainIdentities);
        Assert.Equal(new[] { "id3", "id4", "id6" }, split.TestIdentities);
    }

    [Fact]
    public void FixedTestShareKeepsTestIdentitiesAcrossTrainShares()
    {
        var small = IdentitySplit.Random(Identities, 0.1, 7, testRatio: 0.3);
        var large = IdentitySplit.Random(Identities, 0.7, 7, testRatio: 0.3);
        Assert.Equal(small.TestIdentities, large.TestIdentities);
        Assert.Equal(2, small.TrainIdentities.Count);
        Assert.Subset(large.TrainIdentities.ToHashSet(), small.TrainIdentities.ToHashSet());
    }

    [Fact]
    public void SplitFileRoundTripsAndSelectsRows()
    {
        var split = IdentitySplit.Random(Identities, 0.7, 217);
        var path = Path.Combine(Directory.CreateTempSubdirectory("fc-split-").FullName, IdentitySplit.FileName(217));
        split.Write(path);
        Assert.EndsWith("seed-217.csv", path);
        Assert.StartsWith("identity,subset\n", File.ReadAllText(path));
        var read = IdentitySplit.Read(path);
        Assert.Equal(split.TrainIdentities, read.TrainIdentities);
        Assert.Equal(split.TestIdentities, read.TestIdentities);

        var records = Identities.SelectMany(id => new[] { id, id }).Select((id, i) => new EmbeddingRecord(i, $"{i}.jpg", id)).ToArray();
        var (train, test) = read.RowIndices(records);
        Assert.Equal(28, train.Length);
        Assert.Equal(12, test.Length);
        Assert.All(train, i => Assert.True(read.IsTrain(records[i].Identity)));
        Assert.Contains("neither subset", Assert.Throws<FaceCompatException>(() =>
            read.RowIndices([new EmbeddingRecord(0, "x", "stranger")])).Message);
    }

    [Theory]
    [InlineData("identity,subset\na,train\nb,test\n", "1 test identity")]
    [InlineData("identity,subset\na,train\nb,test\nc,dev\n", "must be 'train' or 'test'")]
    [InlineData("identity,subset\na,train\na,test\n", "listed twice")]
    [InlineData("id,set\na,train\n", "header")]
    [InlineData("identity,subset\nb,test\nc,test\n", "no train identities")]
    public void BadSplitFilesAreRefused(string text, string reason)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fc-split-").FullName, "s.csv");
        File.WriteAllText(path, text);
        var ex = Assert.Throws<FaceCompatException>(() => IdentitySplit.Read(path));
        Assert.Contains(reason, ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void TooFewIdentitiesAreRefused()
    {
        Assert.Throws<FaceCompatException>(() => IdentitySplit.Random(["a", "b"], 0.7, 42));
        Assert.Throws<FaceCompatException>(() => IdentitySplit.Random(Identities, 1.0, 42));
    }
}
