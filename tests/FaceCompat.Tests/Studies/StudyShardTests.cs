using FaceCompat.Infrastructure;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;
using FaceCompat.Tests.Cli;

namespace FaceCompat.Tests.Studies;

/// <summary>
/// <c>study --shard K/N</c>: the shards of one study compute every unit exactly once between them into the shared
/// work cache, balanced by estimated cost; a final cached-only run writes what one process would have; two
/// processes writing the same units leave complete unit files.
/// </summary>
public sealed class StudyShardTests
{
    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1/4/4")]
    [InlineData(" 1/4")]
    [InlineData("2")]
    public void AShardOutsideOneToNIsRefused(string text)
    {
        var error = Assert.Throws<FaceCompatException>(() => StudyShard.Parse(text));
        Assert.Contains($"'{text}' is not a shard", error.Message);
    }

    [Fact]
    public void AShardIsParsedAsNumberAndCount()
    {
        var shard = StudyShard.Parse("3/4");
        Assert.Equal((3, 4), (shard.Number, shard.Count));
        Assert.Equal("3/4", shard.ToString());
        Assert.Equal(StudyShard.Parse("1/1"), new StudyShard(1, 1));
    }

    [Fact]
    public void TheLongestGroupsAreSpreadFirstSoOneHugeGroupRunsAlone()
    {
        // In plan order round-robin would put the 10 with two 1s (12); longest-first gives it a shard of its own.
        var owner = StudyShard.Assign([1, 1, 1, 1, 10], 2);
        Assert.Equal([1, 1, 1, 1, 0], owner);
        // equal costs alternate, lowest shard first; never more shards used than groups
        Assert.Equal([0, 1, 2, 0, 1], StudyShard.Assign([2, 2, 2, 2, 2], 3));
        Assert.Equal([0, 1], StudyShard.Assign([3, 3], 5));
    }

    [Fact]
    public void NoShardCarriesMoreThanAnEvenShareAndOneGroup()
    {
        var rng = new Random(5);
        var costs = Enumerable.Range(0, 200).Select(_ => Math.Pow(10, 3 * rng.NextDouble())).ToArray();
        foreach (var count in new[] { 2, 3, 4, 7 })
        {
            var owner = StudyShard.Assign(costs, count);
            var loads = Enumerable.Range(0, count).Select(s => costs.Where((_, g) => owner[g] == s).Sum()).ToArray();
            Assert.True(loads.Max() <= costs.Sum() / count + costs.Max(), $"{count} shards: {string.Join(", ", loads)}");
            Assert.True(loads.Max() - loads.Min() <= costs.Max(), $"{count} shards: {string.Join(", ", loads)}");
            Assert.Equal(owner, StudyShard.Assign(costs, count)); // deterministic
        }
    }

    [Fact]
    public void ShardsComputeEveryUnitOnceAndTheFinalRunWritesTheSingleProcessResults()
    {
        var root = SyntheticStudyInputs.Create(identities: 24);
        var config = StudyConfigReader.Parse(SyntheticStudyInputs.SharedSweepsConfig(root), "synthetic");
        var whole = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = Path.Combine(root, "single") });

        var outDir = Path.Combine(root, "sharded");
        var runs = Enumerable.Range(1, 3).Select(k => StudyRunner.RunShard(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir }, new StudyShard(k, 3))).ToList();
        Assert.False(File.Exists(Path.Combine(outDir, "results.json"))); // shards write units only
        var total = runs[0].StudyUnits;
        Assert.Equal(total, runs.Sum(r => r.Units));
        Assert.Equal(total, runs.Sum(r => r.Computed)); // none computed twice
        Assert.All(runs, r => Assert.True(r.Units > 0));
        Assert.Equal(1.0, runs.Sum(r => r.EstimatedShare), 9);
        Assert.Equal(total, Directory.GetFiles(Path.Combine(outDir, ".work"), "*.json", SearchOption.AllDirectories).Length);

        // a shard run again finds its units done
        Assert.Equal(0, StudyRunner.RunShard(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir }, new StudyShard(2, 3)).Computed);

        var lines = new List<string>();
        var final = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, CachedOnly = true, RequireComplete = true, Log = lines.Add });
        Assert.All(lines.Where(l => l.StartsWith('[')), l => Assert.EndsWith(": cached", l));
        Assert.Equal(0, final.Info.UnitsMissing);
        Assert.Equal(whole.Rows, final.Rows);
        Assert.Equal(whole.Statistics.Select(s => (s.Mean, s.Std, s.WilcoxonP)), final.Statistics.Select(s => (s.Mean, s.Std, s.WilcoxonP)));
    }

    [Fact]
    public void TheFinalRunRefusesAndWritesNothingWhileAShardIsMissing()
    {
        var root = SyntheticStudyInputs.Create(identities: 24);
        var config = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root), "synthetic");
        var outDir = Path.Combine(root, "sharded");
        StudyRunner.RunShard(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir }, new StudyShard(1, 2));
        var error = Assert.Throws<FaceCompatException>(() =>
            StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, CachedOnly = true, RequireComplete = true }));
        Assert.Contains("units are not in the work cache", error.Message);
        Assert.Equal([".work"], Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TwoProcessesWritingTheSameUnitsAtOnceLeaveOneCompleteFileEach()
    {
        var root = SyntheticStudyInputs.Create(identities: 24);
        var configFile = Path.Combine(root, "study.yaml");
        File.WriteAllText(configFile, SyntheticStudyInputs.Config(root));
        var outDir = Path.Combine(root, "shared");
        // two copies of one shard: both compute every unit and write each unit file at about the same moment
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() => CliRunner.Run("study", "--config", configFile, "--out", outDir, "--shard", "1/1"))).ToArray();
        foreach (var run in await Task.WhenAll(runs)) Assert.True(run.ExitCode == 0, run.Stderr);

        var config = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root), "synthetic");
        var single = Path.Combine(root, "single");
        var whole = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = single });
        string[] Units(string dir) => Directory.GetFiles(Path.Combine(dir, ".work"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Units(single), Units(outDir)); // no temporary file left, no unit missing
        foreach (var unit in Units(outDir))
        {
            var written = System.Text.Json.JsonSerializer.Deserialize<StudyUnitResult>(File.ReadAllText(Path.Combine(outDir, unit)), StudyUnitCache.Json)!;
            var expected = System.Text.Json.JsonSerializer.Deserialize<StudyUnitResult>(File.ReadAllText(Path.Combine(single, unit)), StudyUnitCache.Json)!;
            Assert.Equal(expected.Rows, written.Rows);
        }
        var final = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, CachedOnly = true, RequireComplete = true });
        Assert.Equal(whole.Rows, final.Rows);

        // A unit is replaced by a rename, never rewritten in place: a reader that opened the old file keeps reading it whole.
        var replaced = Path.Combine(outDir, Units(outDir)[0]);
        File.WriteAllText(replaced, "{ an unreadable unit, recomputed by the next run }");
        using var held = new FileStream(replaced, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var again = CliRunner.Run("study", "--config", configFile, "--out", outDir, "--shard", "1/1");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("1 of its", again.Stdout); // it recomputed exactly that unit
        using (var reader = new StreamReader(held)) Assert.Equal("{ an unreadable unit, recomputed by the next run }", reader.ReadToEnd());
        Assert.NotNull(System.Text.Json.JsonSerializer.Deserialize<StudyUnitResult>(File.ReadAllText(replaced), StudyUnitCache.Json));
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("a/b")]
    public void TheCliRefusesABadShardWithOneErrorAndExitTwoBeforeAnyWork(string shard)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "facecompat-shard-" + Guid.NewGuid().ToString("N")[..8]);
        var result = CliRunner.Run("study", "--quick", "--out", outDir, "--shard", shard);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: '{shard}' is not a shard: a shard is K/N with whole numbers 1 <= K <= N (e.g. 2/4, the second of four).", result.Stderr.Trim());
        Assert.False(Directory.Exists(outDir));
    }
}
