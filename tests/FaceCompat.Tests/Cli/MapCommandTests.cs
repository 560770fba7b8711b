using FaceCompat.Embeddings;
using FaceCompat.Numerics;
using FaceCompat.Tests.Mapping;

namespace FaceCompat.Tests.Cli;

public class MapCommandTests
{
    /// <summary>An exchange folder: model "small" (16-d) and model "big" (24-d) = small x Q with orthonormal rows.</summary>
    private static (string Dir, Matrix Small, Matrix Big) Folder()
    {
        var dir = Directory.CreateTempSubdirectory("fc-cli-").FullName;
        var data = SyntheticEmbeddings.Create(50, 4, 16, 0.3, 77);
        var q = SyntheticEmbeddings.RandomOrthogonal(24, 78);
        var rows = new Matrix(16, 24);
        for (var i = 0; i < 16; i++) q.Row(i).CopyTo(rows.Row(i));
        var big = data.Rows.Multiply(rows);
        var folder = new EmbeddingFolder(dir);
        var records = data.Records();
        folder.Write("small", new EmbeddingSet(data.Rows.ToFloats(), data.Rows.Rows, 16, records));
        folder.Write("big", new EmbeddingSet(big.ToFloats(), big.Rows, 24, records));
        return (dir, data.Rows, big);
    }

    [Fact]
    public void FitThenApplyMigratesAGalleryIntoTheTargetSpace()
    {
        var (dir, small, big) = Folder();
        var mapDir = Path.Combine(dir, "maps", "small-to-big");
        var fit = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "small", "--target", "big", "--map", "procrustes", "--seed", "123", "--out", mapDir);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        Assert.True(File.Exists(Path.Combine(mapDir, "map.json")));
        var split = IdentitySplit.Read(Path.Combine(mapDir, "splits", "seed-123.csv"));
        Assert.Equal(IdentitySplit.Random(Enumerable.Range(0, 50).Select(p => $"id{p:D3}"), 0.7, 123).TrainIdentities, split.TrainIdentities);

        var input = Path.Combine(dir, "gallery.npy");
        NpyWriter.WriteFloat32(input, small.ToFloats(), small.Rows, 16);
        var output = Path.Combine(dir, "migrated.npy");
        var apply = CliRunner.Run("map", "apply", "--map", mapDir, "--input", input, "--out", output);
        Assert.True(apply.ExitCode == 0, apply.Stderr);
        var migrated = NpyReader.ReadMatrix(output);
        Assert.Equal((small.Rows, 24), (migrated.Rows, migrated.Cols));
        Assert.True(migrated.MaxAbsDifference(big) < 1e-5, $"max diff {migrated.MaxAbsDifference(big)}");
    }

    [Fact]
    public void FitOnEveryIdentityWithTrainRatioOne()
    {
        var (dir, _, _) = Folder();
        var mapDir = Path.Combine(dir, "all");
        var fit = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "small", "--target", "big", "--train-ratio", "1", "--out", mapDir);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        var json = File.ReadAllText(Path.Combine(mapDir, "map.json"));
        Assert.Contains("\"train_identities\": \"50\"", json);
        Assert.Contains("\"test_identities\": \"0\"", json);
        Assert.Equal(50, IdentitySplit.Read(Path.Combine(mapDir, "splits", "split.csv")).TrainIdentities.Count);

        // Such a split can fit but not evaluate: compare refuses it plainly.
        var compare = CliRunner.Run("compare", "--embeddings", dir, "--source", "small", "--target", "big", "--split",
            Path.Combine(mapDir, "splits", "split.csv"), "--out", Path.Combine(dir, "cmp"));
        Assert.Equal(2, compare.ExitCode);
        Assert.Contains("evaluation needs at least 2", compare.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "cmp")));
    }

    [Fact]
    public void FitWithASplitFileUsesIt()
    {
        var (dir, _, _) = Folder();
        var splitPath = Path.Combine(dir, "mysplit.csv");
        var ids = Enumerable.Range(0, 50).Select(p => $"id{p:D3}").ToArray();
        new IdentitySplit(ids[..30], ids[30..]).Write(splitPath);
        var mapDir = Path.Combine(dir, "m");
        var fit = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "big", "--target", "small", "--map", "ridge:alpha=0.01", "--split", splitPath, "--out", mapDir);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        Assert.Contains("\"train_identities\": \"30\"", File.ReadAllText(Path.Combine(mapDir, "map.json")));
        Assert.True(File.Exists(Path.Combine(mapDir, "splits", "split.csv")));
    }

    [Fact]
    public void UnknownMapIsOneClearErrorAndNoOutput()
    {
        var (dir, _, _) = Folder();
        var mapDir = Path.Combine(dir, "m");
        var r = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "small", "--target", "big", "--map", "magic", "--out", mapDir);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: unknown map 'magic'; known maps: procrustes", r.Stderr.Trim());
        Assert.False(Directory.Exists(mapDir));
    }

    [Fact]
    public void MismatchedRowCountsAreRefused()
    {
        var (dir, _, _) = Folder();
        NpyWriter.WriteFloat32(Path.Combine(dir, "short.npy"), Enumerable.Repeat(1f, 10 * 16).ToArray(), 10, 16);
        var mapDir = Path.Combine(dir, "m");
        var r = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "short", "--target", "big", "--out", mapDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("has 10 rows but", r.Stderr);
        Assert.False(Directory.Exists(mapDir));
    }

    [Fact]
    public void NaNRowIsRefusedByRow()
    {
        var (dir, small, _) = Folder();
        var values = small.ToFloats();
        values[7 * 16 + 3] = float.NaN;
        NpyWriter.WriteFloat32(Path.Combine(dir, "small.npy"), values, small.Rows, 16);
        var mapDir = Path.Combine(dir, "m");
        var r = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "small", "--target", "big", "--out", mapDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("row 7 holds a non-finite value", r.Stderr);
        Assert.False(Directory.Exists(mapDir));
    }

    [Fact]
    public void SplitWithOneTestIdentityIsRefused()
    {
        var (dir, _, _) = Folder();
        var splitPath = Path.Combine(dir, "s.csv");
        File.WriteAllText(splitPath, "identity,subset\n" + string.Concat(Enumerable.Range(0, 49).Select(p => $"id{p:D3},train\n")) + "id049,test\n");
        var mapDir = Path.Combine(dir, "m");
        var r = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "small", "--target", "big", "--split", splitPath, "--out", mapDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("1 test identity", r.Stderr);
        Assert.False(Directory.Exists(mapDir));
    }

    [Fact]
    public void ApplyRefusesTruncatedInputAndWrongDimensionWithoutOutput()
    {
        var (dir, small, big) = Folder();
        var mapDir = Path.Combine(dir, "m");
        Assert.Equal(0, CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "small", "--target", "big", "--out", mapDir).ExitCode);

        var truncated = Path.Combine(dir, "t.npy");
        NpyWriter.WriteFloat32(truncated, small.ToFloats(), small.Rows, 16);
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..^10]);
        var output = Path.Combine(dir, "out.npy");
        var r = CliRunner.Run("map", "apply", "--map", mapDir, "--input", truncated, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("truncated", r.Stderr);
        Assert.False(File.Exists(output));

        var wrong = Path.Combine(dir, "w.npy");
        NpyWriter.WriteFloat32(wrong, big.ToFloats(), big.Rows, 24);
        r = CliRunner.Run("map", "apply", "--map", mapDir, "--input", wrong, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("24 dimensions but the map's source model has 16", r.Stderr);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void SplitAndSeedTogetherAreRefused()
    {
        var (dir, _, _) = Folder();
        var r = CliRunner.Run("map", "fit", "--embeddings", dir, "--source", "small", "--target", "big", "--split", "x.csv", "--seed", "1", "--out", Path.Combine(dir, "m"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("either --split or --seed", r.Stderr);
    }
}
