using System.Diagnostics;
using FaceCompat.Embeddings;

namespace FaceCompat.Tests.Cli;

/// <summary>`facecompat compare` end to end through the CLI process: good input writes results; each bad input
/// gives one clear message, exit code 2 and no output folder.</summary>
public class CompareCommandTests
{
    private const int Identities = 60;
    private const int PerIdentity = 4;

    [Fact]
    public void WritesResultsSplitsAndShowsControlsAtBaseline()
    {
        var dir = MakeEmbeddings();
        var outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = Run("--embeddings", dir, "--source", "a", "--target", "b", "--seeds", "42,7", "--out", outDir);
        Assert.True(code == 0, stderr);
        var csv = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal("source,target,map,seed,protocol,task,metric,value", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("a,b,procrustes,42,strict,identification,rank1,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("a,b,random-orthogonal,7,reference,verification,tmr@fmr=0.01,", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(outDir, "splits", "seed-42.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "splits", "seed-7.csv")));
        var json = File.ReadAllText(Path.Combine(outDir, "results.json"));
        Assert.Contains("\"sha256\"", json);
        Assert.Contains("control shuffled (reference)", stdout);
        Assert.DoesNotContain("ABOVE BASELINE", stdout);
        var procrustes = csv.Where(l => l.StartsWith("a,b,procrustes,42,reference,identification,rank1,", StringComparison.Ordinal)).Single();
        Assert.True(double.Parse(procrustes.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture) > 0.9);
        Assert.Empty(Directory.GetDirectories(dir, ".out.*"));
    }

    [Fact]
    public void MismatchedRowCounts() => AssertRefused(d => Npy(d, "b", Identities * PerIdentity - 1, 6, 2), "rows");

    [Fact]
    public void NanRow() => AssertRefused(d => Npy(d, "a", Identities * PerIdentity, 8, 1, (r, c) => r == 17 && c == 3 ? float.NaN : null), "NaN");

    [Fact]
    public void InfinityRow() => AssertRefused(d => Npy(d, "b", Identities * PerIdentity, 6, 2, (r, _) => r == 5 ? float.PositiveInfinity : null), "non-finite value");

    [Fact]
    public void AllZeroRow() => AssertRefused(d => Npy(d, "a", Identities * PerIdentity, 8, 1, (r, _) => r == 9 ? 0f : null), "all zeros");

    [Fact]
    public void EmptyIdentitySet() => AssertRefused(d => File.WriteAllText(Path.Combine(d, "metadata.csv"), "index,path,identity\n"), "rows");

    [Fact]
    public void TestSetWithOneIdentity() => AssertRefused(d => WriteSplit(d, testIdentities: 1), "1 test identity", "--split", "SPLIT");

    [Fact]
    public void SplitWithoutTestIdentities() => AssertRefused(d => WriteSplit(d, testIdentities: 0), "0 test identities", "--split", "SPLIT");

    [Fact]
    public void UnknownMapName() => AssertRefused(_ => { }, "unknown map 'procrustez'", "--map", "procrustes,procrustez");

    [Fact]
    public void CorruptNpy() => AssertRefused(d => File.WriteAllBytes(Path.Combine(d, "a.npy"), "not a numpy file at all"u8.ToArray()), "not a .npy");

    [Fact]
    public void TruncatedNpy() => AssertRefused(d =>
    {
        var path = Path.Combine(d, "b.npy");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
    }, "truncated");

    [Fact]
    public void MissingNpy() => AssertRefused(d => File.Delete(Path.Combine(d, "b.npy")), "no embeddings for model 'b'");

    [Fact]
    public void NonEmptyOutputFolderIsRefusedNamingTheFlag()
    {
        var dir = MakeEmbeddings();
        var outDir = Path.Combine(dir, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "someone's file");
        var (code, stdout, stderr) = Run("--embeddings", dir, "--source", "a", "--target", "b", "--seeds", "42", "--out", outDir);
        Assert.Equal(2, code);
        // The library says what to do neutrally; the CLI adds its own flag for it.
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("choose another output folder or remove it.", stderr);
        Assert.Contains("Use --out with another folder.", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
    }

    private static void AssertRefused(Action<string> spoil, string expected, params string[] extra)
    {
        var dir = MakeEmbeddings();
        spoil(dir);
        var outDir = Path.Combine(dir, "out");
        var args = new List<string> { "--embeddings", dir, "--source", "a", "--target", "b", "--seeds", "42", "--out", outDir };
        args.AddRange(extra.Select(a => a == "SPLIT" ? Path.Combine(dir, "split.csv") : a));
        var (code, stdout, stderr) = Run(args.ToArray());
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.False(Directory.Exists(outDir), "no output folder may be left behind");
        Assert.Empty(Directory.GetDirectories(dir, ".out.*"));
    }

    private static void WriteSplit(string dir, int testIdentities)
    {
        var lines = new List<string> { "identity,subset" };
        for (var i = 0; i < Identities; i++) lines.Add($"id{i:D3},{(i < testIdentities ? "test" : "train")}");
        File.WriteAllLines(Path.Combine(dir, "split.csv"), lines);
    }

    /// <summary>Two related spaces: b is a rotation of a's first 6 coordinates plus noise (<paramref name="noise"/> picks
    /// other noise, i.e. other images of the same people).</summary>
    internal static string MakeEmbeddings(int noise = 0)
    {
        var dir = Directory.CreateTempSubdirectory("fc-compare-").FullName;
        var rows = Identities * PerIdentity;
        var lines = new List<string> { "index,path,identity" };
        for (var r = 0; r < rows; r++) lines.Add($"{r},id{r / PerIdentity:D3}/{r % PerIdentity}.jpg,id{r / PerIdentity:D3}");
        File.WriteAllLines(Path.Combine(dir, "metadata.csv"), lines);
        Npy(dir, "a", rows, 8, 1 + 2 * noise);
        Npy(dir, "b", rows, 6, 2 + 2 * noise);
        return dir;
    }

    private static void Npy(string dir, string name, int rows, int cols, int noiseSeed, Func<int, int, float?>? spoil = null)
    {
        var centres = new Random(5);
        var centre = new double[Identities * 8];
        for (var i = 0; i < centre.Length; i++) centre[i] = centres.NextDouble() * 2 - 1;
        var noise = new Random(noiseSeed);
        var values = new float[rows * cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var id = r / PerIdentity % Identities;
                var v = name == "a" ? centre[id * 8 + c] : centre[id * 8 + (c + 1) % 6] * (c % 2 == 0 ? 1 : -1);
                values[r * cols + c] = spoil?.Invoke(r, c) ?? (float)(v + 0.05 * (noise.NextDouble() - 0.5));
            }
        NpyWriter.WriteFloat32(Path.Combine(dir, name + ".npy"), values, rows, cols);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "FaceCompat.Cli.dll");
        var start = new ProcessStartInfo("dotnet", new[] { cli, "compare" }.Concat(args))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
