using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Embeddings;

public class MetadataAndFolderTests
{
    private static EmbeddingSet Set(int rows, int dim, Func<int, int, float> value, string[]? identities = null)
    {
        var v = new float[rows * dim];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < dim; j++) v[i * dim + j] = value(i, j);
        var records = Enumerable.Range(0, rows)
            .Select(i => new EmbeddingRecord(i, $"img/{i}.jpg", identities?[i] ?? $"id{i / 2}")).ToArray();
        return new EmbeddingSet(v, rows, dim, records);
    }

    [Fact]
    public void MetadataRoundTripsAwkwardPaths()
    {
        var records = new[]
        {
            new EmbeddingRecord(0, "a,b/c.jpg", "Smith, John"),
            new EmbeddingRecord(1, "say \"cheese\".jpg", "x"),
            new EmbeddingRecord(2, "line\nbreak.jpg", " padded "),
            new EmbeddingRecord(3, "", "plain"),
        };
        var text = MetadataCsv.Format(records);
        Assert.StartsWith("index,path,identity\n0,\"a,b/c.jpg\",\"Smith, John\"\n1,\"say \"\"cheese\"\".jpg\",x\n", text);
        Assert.Equal(records, MetadataCsv.Parse(text, "m.csv"));
    }

    [Fact]
    public void MetadataIsSortedByIndexAndCrlfIsAccepted()
    {
        var parsed = MetadataCsv.Parse("index,path,identity,extra\r\n1,b.jpg,B,z\r\n0,a.jpg,A,y\r\n", "m.csv");
        Assert.Equal(new[] { new EmbeddingRecord(0, "a.jpg", "A"), new EmbeddingRecord(1, "b.jpg", "B") }, parsed);
    }

    [Theory]
    [InlineData("path,index,identity\n", "header")]
    [InlineData("index,path,identity\n0,a.jpg,A\n0,b.jpg,B\n", "appears twice")]
    [InlineData("index,path,identity\n0,a.jpg,A\n5,b.jpg,B\n", "out of range")]
    [InlineData("index,path,identity\nx,a.jpg,A\n", "not a non-negative integer")]
    [InlineData("index,path,identity\n0,a.jpg,\n", "empty identity")]
    [InlineData("index,path,identity\n0,\"a.jpg,A\n", "unterminated")]
    public void BadMetadataIsRefused(string text, string reason)
    {
        var ex = Assert.Throws<FaceCompatException>(() => MetadataCsv.Parse(text, "m.csv"));
        Assert.Contains(reason, ex.Message);
        Assert.Contains("m.csv", ex.Message);
    }

    [Fact]
    public void FolderWritesListsAndLoadsModels()
    {
        var folder = new EmbeddingFolder(Directory.CreateTempSubdirectory("fc-folder-").FullName);
        var a = Set(4, 3, (i, j) => i + j + 1);
        var b = Set(4, 2, (i, j) => i - j + 0.5f);
        folder.Write("modelA", a);
        folder.Write("modelB", b);
        Assert.Equal(new[] { "modelA", "modelB" }, folder.Models());
        var loaded = new EmbeddingFolder(folder.Directory).Load("modelB");
        Assert.Equal(b.Vectors, loaded.Vectors);
        Assert.Equal(b.Records, loaded.Records);
        Assert.Equal(2, loaded.Dimension);
    }

    [Fact]
    public void FolderRefusesAModelWhoseRowsDisagreeWithItsMetadata()
    {
        var folder = new EmbeddingFolder(Directory.CreateTempSubdirectory("fc-folder-").FullName);
        folder.Write("a", Set(4, 3, (i, j) => 1));
        NpyWriter.WriteFloat32(folder.ModelPath("short"), new float[9], 3, 3);
        var ex = Assert.Throws<FaceCompatException>(() => folder.Load("short"));
        Assert.Contains("has 3 rows", ex.Message);
        Assert.Contains("lists 4", ex.Message);
        Assert.Throws<FaceCompatException>(() => folder.Write("c", Set(5, 3, (i, j) => 1)));
        Assert.Contains("models here: a, short", Assert.Throws<FaceCompatException>(() => folder.Load("nope")).Message);
    }

    [Theory]
    [InlineData(float.NaN, "row 2 holds a non-finite value")]
    [InlineData(float.PositiveInfinity, "row 2 holds a non-finite value")]
    [InlineData(0f, "row 2 is all zeros")]
    public void BadRowsAreNamed(float bad, string message)
    {
        var folder = new EmbeddingFolder(Directory.CreateTempSubdirectory("fc-folder-").FullName);
        folder.Write("m", Set(4, 3, (i, j) => i == 2 ? (j == 1 ? bad : 0) : 1));
        var ex = Assert.Throws<FaceCompatException>(() => folder.Load("m"));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void MisalignedSetsAreRefused()
    {
        var a = Set(3, 2, (i, j) => 1);
        var b = Set(3, 2, (i, j) => 1, ["x", "y", "z"]);
        Assert.Contains("row 0 differs", Assert.Throws<FaceCompatException>(() => EmbeddingChecks.RequireAligned(a, "A", b, "B")).Message);
        Assert.Contains("has 3 rows", Assert.Throws<FaceCompatException>(() => EmbeddingChecks.RequireAligned(a, "A", Set(2, 2, (i, j) => 1), "B")).Message);
    }
}
