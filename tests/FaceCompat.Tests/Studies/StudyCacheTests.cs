using FaceCompat.Infrastructure;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

namespace FaceCompat.Tests.Studies;

/// <summary>The unit cache of a study: resuming, share groups, unit costs, and what invalidates a cached unit.</summary>
public class StudyCacheTests
{
    /// <summary>A synthetic study's inputs, its configuration (of <paramref name="yaml"/>) and its output folder.</summary>
    private static (string Root, StudyConfig Config, string OutDir) Study(Func<string, string> yaml)
    {
        var root = SyntheticStudyInputs.Create(identities: 24);
        return (root, StudyConfigReader.Parse(yaml(root), "synthetic"), Path.Combine(root, "out"));
    }

    [Fact]
    public void ResumesFromCachedUnitsWithIdenticalNumbers()
    {
        var (root, config, outDir) = Study(r => SyntheticStudyInputs.Config(r));
        var first = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        var work = Directory.GetFiles(Path.Combine(outDir, ".work"), "*.json", SearchOption.AllDirectories);
        Assert.NotEmpty(work);
        File.Delete(work[0]); // as if the run had been interrupted before this unit
        var lines = new List<string>();
        var second = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = lines.Add });
        Assert.Equal(work.Length - 1, lines.Count(l => l.EndsWith(": cached", StringComparison.Ordinal)));
        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(first.Statistics.Select(s => (s.Mean, s.Std)), second.Statistics.Select(s => (s.Mean, s.Std)));
    }

    [Fact]
    public void UnitsOfAShareGroupRunTogetherAndAnInterruptedStudyResumesToTheSameResults()
    {
        var (root, config, outDir) = Study(SyntheticStudyInputs.SharedSweepsConfig);

        // Stops the study right after the first degree-2 unit it computes.
        using (var stop = new CancellationTokenSource())
            Assert.ThrowsAny<OperationCanceledException>(() => StudyRunner.Run(config, new StudyRunOptions
            {
                GemmPeakSize = 64,
                OutDir = outDir,
                Cancellation = stop.Token,
                Log = line =>
                {
                    if (line.Contains("] degree2 lfw ", StringComparison.Ordinal) && !line.EndsWith(": cached", StringComparison.Ordinal)) stop.Cancel();
                },
            }));
        var lines = new List<string>();
        var resumed = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = lines.Add });
        var units = lines.Where(l => l.StartsWith('[')).Select(l => l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..l.LastIndexOf(':')]).ToList();
        // a pair's alpha sweep runs right after its data efficiency (they share the training products of each split)
        var efficiency = units.Where(u => u.StartsWith("data-efficiency ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(efficiency);
        foreach (var unit in efficiency)
            Assert.Equal("alpha-sweep" + unit["data-efficiency".Length..], units[units.IndexOf(unit) + 1]);
        // a source's degree-2 units run one after another (they share its kernel factors)
        var degree2 = units.Where(u => u.StartsWith("degree2 ", StringComparison.Ordinal)).ToList();
        var sources = degree2.Select(u => u.Split(' ')[2]).ToList();
        Assert.Equal(sources.Distinct().Count(), sources.Select((s, i) => i == 0 || sources[i - 1] != s).Count(b => b));
        // the resumed study kept what the interrupted one computed and gives exactly an uninterrupted study's results
        Assert.Contains(lines, l => l.Contains("] degree2 lfw ", StringComparison.Ordinal) && l.EndsWith(": cached", StringComparison.Ordinal));
        var whole = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = Path.Combine(root, "uninterrupted") });
        Assert.Equal(whole.Rows, resumed.Rows);
    }

    [Fact]
    public void UnitCostsAreRecordedOnceAndSummedOverEveryRun()
    {
        var (root, config, outDir) = Study(SyntheticStudyInputs.SharedSweepsConfig);
        var first = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        var files = Directory.GetFiles(Path.Combine(outDir, ".work"), "*.json", SearchOption.AllDirectories);
        StudyUnitResult Unit(string file) => new StudyUnitCache(Path.GetDirectoryName(file)!).Read(file)!;
        Assert.Equal(files.Length, first.Info.UnitsTimed);
        Assert.Equal(0, first.Info.UnitsUntimed);
        Assert.All(files, f => Assert.NotNull(Unit(f).Cost));
        // every unit computes itself (shared work comes from the memo): each has a cost of its own
        Assert.All(files, f => Assert.True(Unit(f).Cost!.WallSeconds > 0));
        var sum = files.Sum(f => Unit(f).Cost!.WallSeconds);
        Assert.Equal(sum, first.Info.UnitsWallSeconds, 9);

        // A run that computes nothing reports the same cost; a unit cached before costs were recorded is not counted.
        var again = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        Assert.Equal(first.Info.UnitsWallSeconds, again.Info.UnitsWallSeconds);
        var old = files.First(f => f.Contains("within", StringComparison.Ordinal));
        StudyUnitCache.Write(old, Unit(old) with { Cost = null });
        var third = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Report = FaceCompat.Reporting.StudyReport.Write });
        Assert.Equal(files.Length - 1, third.Info.UnitsTimed);
        Assert.Equal(1, third.Info.UnitsUntimed);
        var report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains($"({files.Length - 1} units with a recorded cost", report);
        Assert.Contains("Not counted: 1 unit computed before costs were recorded", report);
    }

    [Fact]
    public void CachedOnlyReportsTheUnitsDoneAndComputesNone()
    {
        var (root, config, outDir) = Study(r => SyntheticStudyInputs.Config(r));
        var whole = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        var sweeps = Directory.GetFiles(Path.Combine(outDir, ".work", "alpha-sweep"), "*.json");
        Assert.Equal(6, sweeps.Length);
        foreach (var unit in sweeps) File.Delete(unit); // as if the study were still running before its alpha sweeps

        var lines = new List<string>();
        var partial = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, CachedOnly = true, Log = lines.Add, Report = FaceCompat.Reporting.StudyReport.Write });
        Assert.Empty(Directory.GetFiles(Path.Combine(outDir, ".work", "alpha-sweep"), "*.json"));
        Assert.Equal(6, partial.Info.UnitsMissing);
        Assert.Contains(lines, l => l.StartsWith("6 of ", StringComparison.Ordinal) && l.Contains("units not computed yet", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith('[')), l => Assert.EndsWith(": cached", l));
        Assert.Equal(whole.Rows.Where(r => r.Experiment != "alpha-sweep"), partial.Rows);
        Assert.Contains("Partial results: 6 units", File.ReadAllText(Path.Combine(outDir, "report.html")));
        Assert.Contains("\"units_missing\":6", File.ReadAllText(Path.Combine(outDir, "results.json")));
    }

    [Fact]
    public void ChangedEmbeddingsAreNotTakenFromTheCache()
    {
        var root = SyntheticStudyInputs.Create(identities: 24);
        var outDir = Path.Combine(root, "out");
        StudyRunner.Run(StudyConfigReader.Parse(SyntheticStudyInputs.Config(root), "synthetic"), new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        var lines = new List<string>();
        var changed = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root).Replace("seeds: [42, 7]", "seeds: [42, 8]"), "synthetic");
        StudyRunner.Run(changed, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = lines.Add });
        Assert.Contains(lines, l => l.Contains("within lfw alpha -> beta: ") && !l.EndsWith("cached", StringComparison.Ordinal));
    }

    [Fact]
    public void UnrelatedChangesKeepTheCacheAndTheKeyIgnoresTheBuild()
    {
        var (root, config, outDir) = Study(r => SyntheticStudyInputs.Config(r));
        StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        var variant = StudyEmbeddings.LoadVariants(config, new StudyRunOptions { OutDir = outDir })[0];
        var descriptions = StudyRunner.UnitDescriptions(config, variant);
        Assert.NotEmpty(descriptions);
        Assert.All(descriptions, d => Assert.DoesNotContain(StudyRunner.CodeVersion, d.Description, StringComparison.Ordinal));
        Assert.All(descriptions, d => Assert.Contains($"\"algorithm\":{StudyUnitCache.AlgorithmVersion}", d.Description, StringComparison.Ordinal));

        // A new title and a different space-similarity sample change no unit: every unit comes from the cache.
        var lines = new List<string>();
        var retitled = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root).Replace("title: synthetic", "title: renamed")
            .Replace("images: 60", "images: 50"), "synthetic");
        StudyRunner.Run(retitled, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = lines.Add });
        var unitLines = lines.Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(descriptions.Count, unitLines.Count);
        Assert.All(unitLines, l => Assert.EndsWith(": cached", l));
    }

    [Fact]
    public void AChangedEmbeddingRecomputesExactlyTheUnitsThatReadIt()
    {
        var (root, config, outDir) = Study(r => SyntheticStudyInputs.Config(r));
        StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        var path = Path.Combine(root, "cfp", "gamma.npy");
        var values = FaceCompat.Embeddings.NpyReader.ReadFloat32(path, out var rows, out var cols);
        values[5] += 0.01f;
        FaceCompat.Embeddings.NpyWriter.WriteFloat32(path, values, rows, cols);
        var lines = new List<string>();
        StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = lines.Add });
        foreach (var line in lines.Where(l => l.StartsWith('[')))
        {
            var readsChangedSet = line.Contains("gamma") && line.Contains("cfp-frontal");
            Assert.True(readsChangedSet != line.EndsWith(": cached", StringComparison.Ordinal), line);
        }
        Assert.Contains(lines, l => l.Contains("cross-dataset cfp-frontal -> lfw gamma -> alpha: ") && !l.EndsWith("cached", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("within lfw gamma -> alpha: cached"));
    }
}
