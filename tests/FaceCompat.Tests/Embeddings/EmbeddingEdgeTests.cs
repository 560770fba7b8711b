using System.Text;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Embeddings;

/// <summary>Splits, CSV, metadata, model names and shapes at their edges.</summary>
public class EmbeddingEdgeTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 10).Select(i => $"id{i}").ToArray();

    [Theory]
    [InlineData(0.0, null)]
    [InlineData(1.0, null)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.8, 0.5)]   // train + test above 1
    [InlineData(0.5, 0.6)]
    public void RatiosOutsideTheUnitIntervalOrAboveOneTogetherAreRefused(double train, double? test) =>
        Assert.Throws<FaceCompatException>(() => IdentitySplit.Random(Ids, train, 42, test));

    [Fact]
    public void AGivenTestRatioTakesTheLastIdentitiesOfThePermutation()
    {
        var split = IdentitySplit.Random(Ids, 0.5, 42, 0.3);
        Assert.Equal((5, 3), (split.TrainIdentities.Count, split.TestIdentities.Count));
        var full = IdentitySplit.Random(Ids, 0.7, 42, 0.3); // 0.7 + 0.3 within rounding of 1
        Assert.Equal((7, 3), (full.TrainIdentities.Count, full.TestIdentities.Count));
        Assert.Equal(split.TestIdentities, full.TestIdentities); // the test share is fixed by the seed, whatever the train share
        Assert.Equal(5, IdentitySplit.Random(Ids, 0.5, 0).TrainIdentities.Count); // seed 0 is a seed
        Assert.Throws<FaceCompatException>(() => IdentitySplit.Random(Ids, 0.5, -1));
    }

    [Fact]
    public void ASplitWithFewerThanTwoTestIdentitiesCannotBeEvaluated()
    {
        var fittingOnly = IdentitySplit.AllTrain(["a", "b"]);
        Assert.Contains("evaluation needs at least 2", Assert.Throws<FaceCompatException>(() => fittingOnly.RequireEvaluable()).Message);
        var two = new IdentitySplit(["a"], ["b", "c"]);
        Assert.Same(two, two.RequireEvaluable());
    }

    [Theory]
    [InlineData("")]
    [InlineData("identity\nx\n")]
    [InlineData("name,subset\nx,train\n")]
    [InlineData("identity,part\nx,train\n")]
    [InlineData("identity,subset\nx\n")]
    public void MalformedSplitFilesAreRefused(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fc-split-").FullName, "split.csv");
        File.WriteAllText(path, text);
        Assert.Throws<FaceCompatException>(() => IdentitySplit.Read(path));
    }

    [Fact]
    public void CsvReadsQuotesBomAndALastRowWithoutNewline()
    {
        var rows = Csv.Parse("\uFEFFa,\"b \"\"q\"\", c\",\nx,,\"\"\r\nlast,row", "t");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["a", "b \"q\", c", ""], rows[0]);
        Assert.Equal(["x", "", ""], rows[1]);
        Assert.Equal(["last", "row"], rows[2]);
        Assert.Equal(["", "x"], Csv.Parse(",x\n", "t")[0]);
        Assert.Empty(Csv.Parse("", "t"));
        Assert.Equal(["a\"b"], Csv.Parse("\"a\"\"b\"", "t")[0]); // a doubled quote right before the end
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(" lead", "\" lead\"")]
    [InlineData("trail ", "\"trail \"")]
    [InlineData("in side", "in side")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void CsvQuotesOnlyWhatWouldNotReadBack(string value, string written)
    {
        Assert.Equal(written, Csv.AppendField(new StringBuilder(), value).ToString());
        if (value.Length > 0) Assert.Equal(value, Csv.Parse(written + "\n", "t")[0][0]);
    }

    [Fact]
    public void MetadataErrorsNameTheLine()
    {
        const string header = "index,path,identity\n";
        string Refusal(string body) => Assert.Throws<FaceCompatException>(() => MetadataCsv.Parse(header + body, "m.csv")).Message;
        Assert.Contains("line 3", Refusal("0,a.jpg,x\n1,b.jpg\n"));
        Assert.Contains("line 2: index 2 is out of range for 2 rows", Refusal("2,a.jpg,x\n1,b.jpg,y\n"));
        Assert.Contains("line 2: index 1 is out of range for 1 rows", Refusal("1,a.jpg,x\n"));
        Assert.Single(MetadataCsv.Parse(header + "0,a.jpg,x\n", "m.csv"));
        Assert.Contains("empty", Assert.Throws<FaceCompatException>(() => MetadataCsv.Parse("", "m.csv")).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/abs")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a\0b")]
    public void ModelNamesThatAreNotPlainFileNamesAreRefused(string model) =>
        Assert.Throws<FaceCompatException>(() => new EmbeddingFolder(Path.GetTempPath()).ModelPath(model));

    [Fact]
    public void ModelNamesWithDotsAreFine() =>
        Assert.EndsWith("mobilefacenet.v2.npy", new EmbeddingFolder(Path.GetTempPath()).ModelPath("mobilefacenet.v2"));

    [Fact]
    public void SetsAndFilesRefuseShapesTheirValuesDoNotFill()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingSet([], -1, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingSet([], 0, 0, []));
        Assert.Equal(0, new EmbeddingSet([], 0, 3, []).Count); // an empty set of a known dimension
        var path = Path.Combine(Directory.CreateTempSubdirectory("fc-npyw-").FullName, "x.npy");
        Assert.ThrowsAny<ArgumentException>(() => NpyWriter.WriteFloat32(path, new float[5], 2, 3));
        Assert.ThrowsAny<ArgumentException>(() => NpyWriter.WriteFloat64(path, new double[7], 2, 3));
        using var stream = new MemoryStream();
        Assert.ThrowsAny<ArgumentException>(() => NpyWriter.WriteFloat32(stream, new float[5], 2, 3));
        Assert.ThrowsAny<ArgumentException>(() => NpyWriter.WriteFloat64(stream, new double[5], 2, 3));
    }
}
