using FaceCompat.Infrastructure;
using FaceCompat.Reporting;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Studies;

/// <summary>
/// What keeps rebuilding a full study's outputs small: read strings share one instance, and results.parquet is written
/// in row groups from rows made as they are written.
/// </summary>
public class LeanOutputTests
{
    private static StudyRow Row(string metric, double value, int seed) =>
        new("within", "lfw", "lfw", "crop", "faceapi", "faceres", "face-identity", "face-identity", "ridge", "alpha=0.1", 0.7, seed,
            "strict", "identification", metric, value);

    [Fact]
    public void APoolGivesOneInstancePerDistinctString()
    {
        var pool = new StringPool();
        var first = pool.Get(new string("rank1".ToCharArray()));
        var second = pool.Get(new string("rank1".ToCharArray()));
        var other = pool.Get("map@50");
        Assert.Same(first, second);
        Assert.Equal("rank1", second);
        Assert.Equal("map@50", other);
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void CachedUnitsAreReadWithTheirValuesAndSharedStrings()
    {
        var dir = Directory.CreateTempSubdirectory("lean-").FullName;
        var rows = new[] { Row("rank1", 0.25, 42), Row("rank1", 0.5, 123), Row("map@50", double.NaN, 42) };
        var unit = new StudyUnitResult(rows, [new StudyCurvePoint("within", "lfw", "faceapi", "faceres", "ridge", 42, "strict", "cmc", 1, 0.25)], [], []);
        var path = Path.Combine(dir, "unit.json");
        StudyUnitCache.Write(path, unit);

        var back = new StudyUnitCache(dir).Read(path)!;
        Assert.Equal(rows, back.Rows);
        Assert.Equal(unit.Curves, back.Curves);
        Assert.Same(back.Rows[0].Metric, back.Rows[1].Metric);
        Assert.Same(back.Rows[0].Source, back.Rows[2].Source);
        Assert.Same(back.Rows[0].Source, back.Curves[0].Source);

        File.WriteAllText(path, "{\"rows\": [");
        Assert.Null(new StudyUnitCache(dir).Read(path));
    }

    [Fact]
    public void ResultsCsvIsReadWithTheirValuesAndSharedStrings()
    {
        var dir = Directory.CreateTempSubdirectory("lean-").FullName;
        var path = Path.Combine(dir, "results.csv");
        var rows = new[] { Row("rank1", 0.25, 42), Row("rank1", 0.5, 123) };
        File.WriteAllLines(path, [StudyWriter.ResultsCsvHeader, .. rows.Select(r =>
            $"{r.Experiment},{r.FitDataset},{r.TestDataset},{r.Preprocessing},{r.Source},{r.Target},{r.SourceFamily},{r.TargetFamily},{r.Map}," +
            $"{r.MapParameters},{r.TrainRatio},{r.Seed},{r.Protocol},{r.Task},{r.Metric},{r.Value},a,b,splits/lfw/seed-{r.Seed}.csv,1.0")]);

        var back = StudyOutputFiles.ReadRows(path);
        Assert.Equal(rows, back);
        Assert.Same(back[0].Metric, back[1].Metric);
        Assert.Same(back[0].Map, back[1].Map);
    }

    [Fact]
    public async Task ParquetIsWrittenInRowGroupsThatReadBackAsTheRows()
    {
        var dir = Directory.CreateTempSubdirectory("lean-").FullName;
        var path = Path.Combine(dir, "results.parquet");
        var records = Enumerable.Range(0, 25).Select(i => new StudyResultRecord { Experiment = "within", Metric = "rank1", Seed = i, Value = i / 25.0 }).ToList();
        StudyWriter.WriteParquet(path, records, rowGroupRows: 10);

        await using var file = File.OpenRead(path);
        await using (var reader = await Parquet.ParquetReader.CreateAsync(file, leaveStreamOpen: true))
            Assert.Equal(3, reader.RowGroupCount);
        file.Position = 0;
        var back = (await Parquet.Serialization.ParquetSerializer.DeserializeAsync<StudyResultRecord>(file)).Data;
        Assert.Equal(records.Select(r => (r.Seed, r.Value)), back.Select(r => (r.Seed, r.Value)));
    }
}
