using System.Text.Json;

namespace FaceCompat.Tests.Cli;

/// <summary><c>--json</c>: one JSON document on stdout, nothing else, for scripts.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public void CompareJsonIsTheResultsDocument()
    {
        var dir = CompareCommandTests.MakeEmbeddings();
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("compare", "--embeddings", dir, "--source", "a", "--target", "b", "--map", "procrustes", "--seeds", "42", "--out", outDir, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var document = JsonDocument.Parse(r.Stdout);
        Assert.Equal("facecompat compare", document.RootElement.GetProperty("tool").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(outDir, "results.json")), r.Stdout);
        Assert.Contains(document.RootElement.GetProperty("summary").EnumerateArray(),
            s => s.GetProperty("map").GetString() == "procrustes" && s.GetProperty("metric").GetString() == "rank1");
    }

    [Fact]
    public void AccuracyOnAFolderOfIdentitiesPrintsLeaveOneOutAndTmrAsJson()
    {
        var dir = CompareCommandTests.MakeEmbeddings();
        var r = CliRunner.Run("accuracy", "--embeddings", dir, "--model", "a", "--protocol", "identities", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var document = JsonDocument.Parse(r.Stdout);
        var a = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal((240, 60), (a.GetProperty("images").GetInt32(), a.GetProperty("identities").GetInt32()));
        Assert.Equal(240 * 3 / 2, a.GetProperty("genuine_pairs").GetInt64()); // 60 identities x C(4, 2)
        Assert.True(a.GetProperty("rank1_leave_one_out").GetDouble() > 0.9); // tight synthetic clusters
        var tmr = a.GetProperty("tmr_at_fmr").EnumerateArray().ToList();
        Assert.Equal(4, tmr.Count);
        // 28,320 impostor pairs: FMR 1e-4 allows 2 false accepts, so every rate here is measurable
        Assert.All(tmr, t => Assert.True(t.GetProperty("measurable").GetBoolean()));

        var table = CliRunner.Run("accuracy", "--embeddings", dir, "--model", "a", "--protocol", "identities");
        Assert.Contains("Rank-1 (leave-one-out)", table.Stdout);
    }
}
