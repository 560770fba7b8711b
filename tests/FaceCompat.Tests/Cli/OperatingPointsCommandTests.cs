using System.Globalization;

namespace FaceCompat.Tests.Cli;

/// <summary>`facecompat operating-points` end to end: its rows, "not measurable" on a small split, the exposure scenario,
/// and each bad input refused with one message and no output folder.</summary>
public class OperatingPointsCommandTests
{
    // CompareCommandTests' data: 60 identities x 4 images; a 0.7 split leaves 18 test identities, 72 images,
    // 72·71/2 − 18·6 = 2,448 unordered impostor pairs: FMR 1e-3 allows 2 false accepts, 1e-4 none (not measurable).
    [Fact]
    public void WritesEveryScenarioAndNotMeasurableBelowOneOverTheImpostorCount()
    {
        var dir = CompareCommandTests.MakeEmbeddings();
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("operating-points", "--embeddings", dir, "--source", "a", "--target", "b", "--map", "procrustes",
            "--seeds", "42,7", "--fmr", "1e-2,1e-3,1e-4", "--fpir", "1e-1", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = File.ReadAllLines(Path.Combine(outDir, "operating_points.csv"));
        Assert.Equal("source,target,map,seed,scenario,metric,operating_point,value,count,events,fit_identities", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        string[] Row(string seed, string scenario, string metric, string at) =>
            rows.Single(x => x[3] == seed && x[4] == scenario && x[5] == metric && x[6] == at);

        var fmr = Row("42", "native-b", "fmr", "0.001");
        Assert.Equal("2448", fmr[8]);
        Assert.True(long.Parse(fmr[9], CultureInfo.InvariantCulture) <= 2);
        Assert.Equal("not_measurable", Row("42", "native-b", "tmr", "0.0001")[7]);
        Assert.Equal("not_measurable", Row("42", "native-b", "fmr_threshold", "0.0001")[7]);
        Assert.Equal("not_measurable", Row("7", "migrated", "tmr", "0.0001")[7]);
        Assert.Equal("", Row("7", "migrated", "tmr", "0.0001")[9]);
        // migrated: ordered pairs, twice the genuine comparisons of native-b's unordered ones
        Assert.Equal(2 * long.Parse(Row("42", "native-b", "tmr", "0.01")[8], CultureInfo.InvariantCulture),
            long.Parse(Row("42", "migrated", "tmr", "0.01")[8], CultureInfo.InvariantCulture));
        Assert.Equal("procrustes", Row("42", "migrated", "tmr", "0.01")[2]);
        Assert.Equal("unaligned", Row("42", "unaligned", "fmr", "0.01")[2]);
        Assert.Single(rows, x => x[3] == "42" && x[4] == "native-a" && x[5] == "fmr_threshold" && x[6] == "0.01");
        foreach (var scenario in new[] { "native-b", "native-a", "migrated", "probe-mapped", "unaligned" })
            Assert.Single(rows, x => x[3] == "42" && x[4] == scenario && x[5] == "fnir" && x[6] == "0.1");
        // the mapped gallery of these closely related spaces verifies about as well as re-enrolment
        Assert.True(double.Parse(Row("42", "migrated", "tmr", "0.01")[7], CultureInfo.InvariantCulture) > 0.9);
        var bct = File.ReadAllLines(Path.Combine(outDir, "bct.csv"));
        Assert.StartsWith("source,target,map,operating_point,seeds,seeds_holding", bct[0]);
        Assert.Contains(bct, l => l.StartsWith("a,b,procrustes,0.01,2,", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(outDir, "splits", "seed-7.csv")));
        Assert.Empty(Directory.GetDirectories(dir, ".out.*"));
    }

    [Fact]
    public void ExposureScenarioFromAFitSetOfOtherImages()
    {
        var dir = CompareCommandTests.MakeEmbeddings();
        var fit = CompareCommandTests.MakeEmbeddings(noise: 1);
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("operating-points", "--embeddings", dir, "--source", "a", "--target", "b", "--map", "procrustes",
            "--seeds", "42", "--fmr", "1e-2", "--fpir", "", "--fit-on", fit, "--save-maps", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = File.ReadAllLines(Path.Combine(outDir, "operating_points.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var success = rows.Single(x => x[4] == "exposure" && x[5] == "tmr");
        Assert.True(double.Parse(success[7], CultureInfo.InvariantCulture) > 0.5);
        Assert.Single(rows, x => x[4] == "exposure" && x[5] == "fmr");
        Assert.Equal("72", rows.Single(x => x[4] == "exposure-same-image" && x[5] == "tmr")[8]);
        Assert.DoesNotContain(rows, x => x[4] == "exposure-same-image" && x[5] == "fmr");
        Assert.DoesNotContain(rows, x => x[5] == "fnir");
        Assert.True(File.Exists(Path.Combine(outDir, "maps", "exposure", "procrustes", "map.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "maps", "procrustes", "seed-42", "map.json")));
    }

    [Fact]
    public void ASharedSpaceMapIsFittedOnEveryModelOfTheFolder()
    {
        var dir = CompareCommandTests.MakeEmbeddings();
        var fit = CompareCommandTests.MakeEmbeddings(noise: 1);
        foreach (var folder in new[] { dir, fit }) File.Copy(Path.Combine(folder, "a.npy"), Path.Combine(folder, "c.npy"));
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("operating-points", "--embeddings", dir, "--source", "a", "--target", "b", "--map", "hub-procrustes",
            "--seeds", "42", "--fmr", "1e-2", "--fpir", "", "--fit-on", fit, "--save-maps", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = File.ReadAllLines(Path.Combine(outDir, "operating_points.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.True(double.Parse(rows.Single(x => x[4] == "migrated" && x[5] == "tmr")[7], CultureInfo.InvariantCulture) > 0.9);
        Assert.Single(rows, x => x[4] == "exposure" && x[5] == "tmr" && x[2] == "hub-procrustes");
        foreach (var map in new[] { Path.Combine("hub-procrustes", "seed-42"), Path.Combine("exposure", "hub-procrustes") })
        {
            var json = File.ReadAllText(Path.Combine(outDir, "maps", map, "map.json"));
            Assert.Contains("\"hub_members\": \"a b c\"", json);
        }
    }

    [Fact]
    public void TheAttackersDataGridFitsPerSeedAndItsWholeSizeEqualsTheFullFit()
    {
        var dir = CompareCommandTests.MakeEmbeddings();
        var fit = CompareCommandTests.MakeEmbeddings(noise: 1);
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("operating-points", "--embeddings", dir, "--source", "a", "--target", "b", "--map", "procrustes",
            "--seeds", "42,7", "--fmr", "1e-2", "--fpir", "", "--fit-on", fit, "--fit-identities", "3,60", "--save-maps", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = File.ReadAllLines(Path.Combine(outDir, "operating_points.csv"));
        Assert.EndsWith(",events,fit_identities", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        string[] Exposure(string seed, string size, string metric = "tmr") => rows.Single(x => x[3] == seed && x[4] == "exposure" && x[5] == metric && x[10] == size);
        foreach (var seed in new[] { "42", "7" })
        {
            // 60 identities are the whole fit set: the same rows, the same map, the same counts as "all"
            Assert.Equal(Exposure(seed, "all")[7..10], Exposure(seed, "60")[7..10]);
            Assert.Equal(Exposure(seed, "all", "fmr")[7..10], Exposure(seed, "60", "fmr")[7..10]);
            Assert.True(File.Exists(Path.Combine(outDir, "maps", "exposure-3-identities", "procrustes", $"seed-{seed}", "map.json")));
        }
        // three identities of an 8-d -> 6-d pair carry much less than sixty
        Assert.True(double.Parse(Exposure("42", "3")[7], CultureInfo.InvariantCulture) < double.Parse(Exposure("42", "all")[7], CultureInfo.InvariantCulture));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(outDir, "maps", "exposure-3-identities", "procrustes", "seed-42", "source_weights.npy")),
            File.ReadAllBytes(Path.Combine(outDir, "maps", "exposure-3-identities", "procrustes", "seed-7", "source_weights.npy")));
        Assert.All(rows.Where(x => x[4] is "native-b" or "migrated"), x => Assert.Equal("", x[10]));
    }

    [Fact]
    public void AnAttackersGridWithoutFitSetOrBeyondItIsRefused()
    {
        AssertRefused(CompareCommandTests.MakeEmbeddings(), "needs a fit set", "--fit-identities", "10");
        AssertRefused(CompareCommandTests.MakeEmbeddings(), "asks for 61 identities, but the fit set has 60", "--fit-on", CompareCommandTests.MakeEmbeddings(noise: 1), "--fit-identities", "61");
        AssertRefused(CompareCommandTests.MakeEmbeddings(), "--fit-identities: 'x' is not", "--fit-on", CompareCommandTests.MakeEmbeddings(noise: 1), "--fit-identities", "x");
    }

    [Fact]
    public void AFitSetSharingTestImagesIsRefused()
    {
        // A copy of the test folder: other paths, the same pictures (bit-identical embeddings).
        var dir = CompareCommandTests.MakeEmbeddings();
        var copy = CompareCommandTests.MakeEmbeddings();
        AssertRefused(dir, "shares 240 image(s) with the test set", "--fit-on", copy);
    }

    [Fact]
    public void TheTestFolderAsFitSetIsRefused()
    {
        var dir = CompareCommandTests.MakeEmbeddings();
        AssertRefused(dir, "is the test embeddings folder itself", "--fit-on", dir);
    }

    [Fact]
    public void ARateOutsideZeroToOneIsRefused() => AssertRefused(CompareCommandTests.MakeEmbeddings(), "--fmr: '0' is not a rate", "--fmr", "1e-3,0");

    [Fact]
    public void AMapWithASharedSpaceIsRefused() => AssertRefused(CompareCommandTests.MakeEmbeddings(), "cannot migrate", "--map", "cca");

    private static void AssertRefused(string dir, string expected, params string[] extra)
    {
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run(["operating-points", "--embeddings", dir, "--source", "a", "--target", "b", "--seeds", "42", "--out", outDir, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains(expected, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(outDir), "no output folder may be left behind");
        Assert.Empty(Directory.GetDirectories(dir, ".out.*"));
    }
}
