using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// <see cref="MapTraining.MigrateFile"/> streams: block by block it writes what migrating the whole array at once
/// gives, for float32 and float64 inputs, and a bad row in a late block leaves no output file.
/// </summary>
public sealed class MigrateFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (FittedMap Map, Matrix Rows) Fitted()
    {
        var source = SyntheticEmbeddings.Gaussian(200, 12, 3);
        var target = source.Multiply(SyntheticEmbeddings.Gaussian(12, 20, 4));
        return (MapSpec.Parse("ridge:alpha=0.1").CreateFitter().Fit(source, target), source);
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(64, true)]
    [InlineData(1000, false)]
    public void BlockByBlockGivesTheWholeArraysMigration(int blockRows, bool float64)
    {
        var (map, rows) = Fitted();
        var input = _temp.Sub("in.npy");
        if (float64) NpyWriter.WriteMatrix(input, rows);
        else NpyWriter.WriteFloat32(input, rows.ToFloats(), rows.Rows, rows.Cols);
        var output = _temp.Sub("out.npy");
        Assert.Equal(200, MapTraining.MigrateFile(map, input, output, blockRows));

        var expected = map.MigrateToTarget(Matrix.FromFloats(rows.ToFloats(), rows.Rows, rows.Cols));
        var written = NpyReader.ReadMatrix(output);
        Assert.Equal((200, 20), (written.Rows, written.Cols));
        Assert.True(written.MaxAbsDifference(expected) < 1e-6, $"max difference {written.MaxAbsDifference(expected)}");
    }

    [Fact]
    public void ABadRowInALateBlockIsNamedAndLeavesNoOutput()
    {
        var (map, rows) = Fitted();
        var values = rows.ToFloats();
        values[150 * 12 + 3] = float.NaN;
        var input = _temp.Sub("bad.npy");
        NpyWriter.WriteFloat32(input, values, rows.Rows, rows.Cols);
        var output = _temp.Sub("out.npy");
        var error = Assert.Throws<FaceCompatException>(() => MapTraining.MigrateFile(map, input, output, 16));
        Assert.Contains("row 150 holds a non-finite value", error.Message);
        Assert.Equal(["bad.npy"], Directory.GetFiles(Path.GetDirectoryName(output)!).Select(Path.GetFileName));
    }

    [Fact]
    public void RowsOfAnotherModelOrNoRowsAreRefusedBeforeAnyOutput()
    {
        var (map, rows) = Fitted();
        var narrow = _temp.Sub("narrow.npy");
        NpyWriter.WriteFloat32(narrow, rows.ToFloats().AsSpan(0, 11 * 12), 12, 11);
        var output = _temp.Sub("out.npy");
        Assert.Contains("rows have 11 dimensions but the map's source model has 12",
            Assert.Throws<FaceCompatException>(() => MapTraining.MigrateFile(map, narrow, output)).Message);
        var empty = _temp.Sub("empty.npy");
        NpyWriter.WriteFloat32(empty, [], 0, 12);
        Assert.Contains("empty.npy: no rows", Assert.Throws<FaceCompatException>(() => MapTraining.MigrateFile(map, empty, output)).Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void TheRowReaderReadsAnyFileInBlocksOfWholeRows()
    {
        var rows = SyntheticEmbeddings.Gaussian(10, 3, 5);
        var path = _temp.Sub("r.npy");
        NpyWriter.WriteMatrix(path, rows);
        using var reader = NpyRowReader.Open(path);
        Assert.Equal((10, 3), (reader.Rows, reader.Cols));
        var block = new float[4 * 3 + 2]; // room for 4 whole rows
        var seen = new List<float>();
        int n;
        while ((n = reader.Read(block)) > 0) seen.AddRange(block.AsSpan(0, n * 3).ToArray());
        Assert.Equal(10, reader.Position);
        Assert.Equal(rows.ToFloats(), seen);
    }
}
