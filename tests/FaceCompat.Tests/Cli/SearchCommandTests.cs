using FaceCompat.Embeddings;

namespace FaceCompat.Tests.Cli;

/// <summary><c>facecompat search</c> as a real process: the matches CSV, and one clear error with no output for bad input.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Npy(string name, int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var path = _temp.Sub(name);
        NpyWriter.WriteFloat32(path, Enumerable.Range(0, rows * cols).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray(), rows, cols);
        return path;
    }

    [Fact]
    public void WritesEachProbesBestMatchesFirst()
    {
        var gallery = Npy("g.npy", 500, 6, 1);
        var values = NpyReader.ReadFloat32(gallery, out _, out _);
        var probes = _temp.Sub("p.npy");
        NpyWriter.WriteFloat32(probes, values.AsSpan(123 * 6, 12).ToArray(), 2, 6); // gallery rows 123 and 124 as probes
        var output = _temp.Sub("matches.csv");
        var run = CliRunner.Run("search", "--gallery", gallery, "--probes", probes, "--k", "3", "--block-rows", "50", "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("searched 2 probes against 500 templates (6-d)", run.Stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("probe,rank,gallery_row,score", lines[0]);
        Assert.Equal(1 + 2 * 3, lines.Length);
        Assert.StartsWith("0,1,123,", lines[1]);
        Assert.StartsWith("1,1,124,", lines[4]);
    }

    [Fact]
    public void AProbeOfAnotherDimensionIsOneErrorAndNoOutput()
    {
        var gallery = Npy("g.npy", 100, 6, 1);
        var probes = Npy("p.npy", 4, 5, 2);
        var output = _temp.Sub("matches.csv");
        var run = CliRunner.Run("search", "--gallery", gallery, "--probes", probes, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: the probes have 5 dimensions but the gallery {gallery} has 6.", run.Stderr.Trim());
        Assert.False(File.Exists(output));
        Assert.Equal(["g.npy", "p.npy"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order());
    }
}
