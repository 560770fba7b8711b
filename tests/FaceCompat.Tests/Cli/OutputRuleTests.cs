using FaceCompat.Embeddings;
using FaceCompat.Tests.Imaging;
using FaceCompat.Tests.Mapping;
using SkiaSharp;

namespace FaceCompat.Tests.Cli;

/// <summary>
/// One output rule for every command, checked before any work (real process, exit code, message, nothing
/// left behind): an output that is a file where a folder goes (or the reverse) is refused, an existing output
/// is replaced only with --force, and an input is never overwritten.
/// </summary>
public sealed class OutputRuleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Folder()
    {
        var data = SyntheticEmbeddings.Create(20, 3, 8, 0.3, 5);
        var folder = new EmbeddingFolder(_temp.Sub("emb"));
        folder.Write("a", new EmbeddingSet(data.Rows.ToFloats(), data.Rows.Rows, 8, data.Records()));
        folder.Write("b", new EmbeddingSet(data.Rows.ToFloats(), data.Rows.Rows, 8, data.Records()));
        return folder.Directory;
    }

    [Fact]
    public void MapFitRefusesAFileAndAnExistingMapFolderUnlessForced()
    {
        var emb = Folder();
        var file = _temp.Sub("taken.txt");
        File.WriteAllText(file, "keep me");
        var onFile = CliRunner.Run("map", "fit", "--embeddings", emb, "--source", "a", "--target", "b", "--out", file);
        Assert.Equal(2, onFile.ExitCode);
        Assert.Contains("is a file", onFile.Stderr);
        Assert.DoesNotContain("fitting", onFile.Stderr); // refused before the fit
        Assert.Equal("keep me", File.ReadAllText(file));

        var mapDir = _temp.Sub("map");
        Assert.Equal(0, CliRunner.Run("map", "fit", "--embeddings", emb, "--source", "a", "--target", "b", "--out", mapDir).ExitCode);
        var written = File.ReadAllText(Path.Combine(mapDir, "map.json"));
        var again = CliRunner.Run("map", "fit", "--embeddings", emb, "--source", "a", "--target", "b", "--map", "ridge", "--out", mapDir);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists and is not empty", again.Stderr);
        Assert.Contains("--force", again.Stderr);
        Assert.Equal(written, File.ReadAllText(Path.Combine(mapDir, "map.json")));
        var forced = CliRunner.Run("map", "fit", "--embeddings", emb, "--source", "a", "--target", "b", "--map", "ridge", "--out", mapDir, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Contains("\"map\": \"ridge\"", File.ReadAllText(Path.Combine(mapDir, "map.json")));
    }

    [Fact]
    public void MapApplyNeverOverwritesItsInputAndReplacesAnOutputOnlyWhenForced()
    {
        var emb = Folder();
        var mapDir = _temp.Sub("map");
        Assert.Equal(0, CliRunner.Run("map", "fit", "--embeddings", emb, "--source", "a", "--target", "b", "--out", mapDir).ExitCode);
        var input = Path.Combine(emb, "a.npy");
        var before = File.ReadAllBytes(input);

        foreach (var flags in new[] { Array.Empty<string>(), ["--force"] })
        {
            var self = CliRunner.Run(["map", "apply", "--map", mapDir, "--input", input, "--out", input, .. flags]);
            Assert.Equal(2, self.ExitCode);
            Assert.Contains("is also an input", self.Stderr);
            Assert.Equal(before, File.ReadAllBytes(input));
        }

        var output = _temp.Sub("migrated.npy");
        File.WriteAllText(output, "old");
        var refused = CliRunner.Run("map", "apply", "--map", mapDir, "--input", input, "--out", output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists", refused.Stderr);
        Assert.Equal("old", File.ReadAllText(output));
        var forced = CliRunner.Run("map", "apply", "--map", mapDir, "--input", input, "--out", output, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal(60, NpyReader.ReadMatrix(output).Rows);
    }

    [Fact]
    public void ExtractRefusesAFileAsItsOutputFolderBeforeAnyWork()
    {
        var images = _temp.Sub("images");
        for (var id = 0; id < 2; id++)
        {
            Directory.CreateDirectory(Path.Combine(images, $"p{id}"));
            File.WriteAllBytes(Path.Combine(images, $"p{id}", "0.png"), TestImages.Encode(TestImages.Pattern(40, 40, id), SKEncodedImageFormat.Png));
        }
        var file = _temp.Sub("out.txt");
        File.WriteAllText(file, "keep me");
        var run = CliRunner.Run("extract", "--dataset", images, "--model", "faceapi", "--out", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a file", run.Stderr);
        Assert.DoesNotContain("internal error", run.Stderr);
        Assert.Equal("keep me", File.ReadAllText(file));
    }
}
