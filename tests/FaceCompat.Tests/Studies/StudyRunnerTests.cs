using FaceCompat.Infrastructure;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

namespace FaceCompat.Tests.Studies;

/// <summary>A tiny study end to end in-process on imported synthetic embeddings.</summary>
public class StudyRunnerTests
{
    [Fact]
    public async Task ProducesEveryExperimentWithControlsAtBaselineAndWritesTheFiles()
    {
        var root = SyntheticStudyInputs.Create();
        var config = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root), "synthetic");
        var outDir = Path.Combine(root, "out");
        var results = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Report = FaceCompat.Reporting.StudyReport.Write });

        var experiments = results.Rows.Select(r => r.Experiment).ToHashSet();
        Assert.Equal(6, experiments.Count);
        foreach (var e in new[] { "within", "cross-dataset", "data-efficiency", "alpha-sweep", "degree2", "self" }) Assert.Contains(e, experiments);
        Assert.Equal(3, results.Models.Count);
        // all 6 ordered pairs on both within datasets
        Assert.Equal(6, results.Rows.Where(r => r.Experiment == "within" && r.TestDataset == "lfw").Select(r => (r.Source, r.Target)).Distinct().Count());
        Assert.Equal(["cfp-frontal", "lfw"], results.Rows.Where(r => r.Experiment == "within").Select(r => r.TestDataset).Distinct().Order());

        double Mean(string experiment, string map, string protocol, string metric) => results.Statistics
            .Where(s => s.Experiment == experiment && s.TestDataset == "lfw" && s.Map == map && s.Protocol == protocol && s.Metric == metric)
            .Average(s => s.Mean);
        var procrustes = Mean("within", "procrustes", "strict", "rank1");
        var baseline = Mean("within", "unaligned", "strict", "rank1");
        Assert.True(procrustes > 0.6, $"procrustes strict Rank-1 {procrustes}");
        Assert.True(baseline < 0.3, $"baseline {baseline}");
        foreach (var control in FaceCompat.Mapping.MapRegistry.Controls.Select(c => c.Name))
            Assert.True(Mean("within", control, "strict", "rank1") < baseline + 0.1 * (procrustes - baseline) + 0.05, control);
        Assert.True(Mean("cross-dataset", "procrustes", "strict", "rank1") > 0.5);

        // self: each model's own strict Rank-1; reference protocol finds the query itself
        var self = results.Rows.Where(r => r.Experiment == "self" && r.Metric == "rank1").ToList();
        Assert.All(self.Where(r => r.Protocol == "reference"), r => Assert.Equal(1.0, r.Value));
        Assert.All(self, r => Assert.Equal(r.Source, r.Target));
        var relative = results.Rows.Where(r => r.Metric == "relative_rank1").ToList();
        Assert.NotEmpty(relative);
        var one = relative.First(r => r.Experiment == "within");
        var raw = results.Rows.Single(r => r with { Metric = "rank1", Value = 0 } == one with { Metric = "rank1", Value = 0 } && r.Metric == "rank1");
        var native = self.Single(r => r.TestDataset == one.TestDataset && r.Source == one.Target && r.Seed == one.Seed && r.Protocol == "strict");
        Assert.Equal(raw.Value / native.Value, one.Value, 12);

        // statistics: seeds, intervals, paired tests against the baseline
        var stat = results.Statistics.First(s => s.Experiment == "within" && s.Map == "procrustes" && s.Metric == "rank1" && s.Protocol == "strict");
        Assert.Equal(2, stat.Seeds);
        Assert.True(stat.CiLow <= stat.CiHigh);
        Assert.False(double.IsNaN(stat.WilcoxonP));
        Assert.Equal(["0.3", "0.7"], results.Rows.Where(r => r.Experiment == "data-efficiency").Select(r => r.TrainRatio.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order());
        Assert.Equal(["alpha=0.01", "alpha=10"], results.Rows.Where(r => r.Experiment == "alpha-sweep").Select(r => r.MapParameters).Distinct().Order());
        Assert.Contains(results.Curves, c => c.Curve == "cmc");
        Assert.Contains(results.Curves, c => c.Curve == "roc");
        Assert.Contains(results.Curves, c => c.Curve == "det");
        Assert.Equal(2 * 9 * 3, results.SpaceSimilarity.Count); // 3x3 ordered pairs (diagonal included) x 3 measures, on lfw and cfp-frontal
        Assert.All(results.SpaceSimilarity.Where(s => s.ModelA == s.ModelB && s.Measure == "cka"), s => Assert.Equal(1.0, s.Value, 6));

        foreach (var file in new[] { "results.parquet", "results.csv", "results.json", "statistics.csv", "curves.csv", "space_similarity.csv", "models.csv", "work.csv", "splits/lfw/seed-42.csv", "report.html", "tables.md", "tables.tex" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        // FLOP accounting: every experiment's work counted and set against the peak measured at the start
        Assert.True(results.Info.Peak is { SingleFlopsPerSecond: > 0, DoubleFlopsPerSecond: > 0, Size: 64 }); // the side the options ask for
        Assert.Equal(experiments.Order(), results.Info.Work.Select(w => w.Experiment).Order());
        Assert.All(results.Info.Work, w => Assert.True(w.Flops.SingleGemm > 0 && w.ShareOfPeak > 0, w.Experiment));
        Assert.All(results.Info.Work.Where(w => w.Experiment is "within" or "alpha-sweep"), w => Assert.True(w.Flops.DoubleGemm > 0 && w.Flops.Decomposition > 0, w.Experiment));
        var work = File.ReadAllLines(Path.Combine(outDir, "work.csv"));
        Assert.Equal(StudyWriter.WorkCsvHeader, work[0]);
        Assert.Equal(results.Info.Work.Count + 1, work.Length);
        Assert.Contains("\"share_of_peak\"", File.ReadAllText(Path.Combine(outDir, "results.json")));
        using (var parquet = File.OpenRead(Path.Combine(outDir, "results.parquet")))
        {
            var back = (await Parquet.Serialization.ParquetSerializer.DeserializeAsync<StudyResultRecord>(parquet)).Data;
            Assert.Equal(results.Rows.Count, back.Count);
            Assert.Equal(results.Rows[^1].Value, back[^1].Value);
            Assert.Equal(results.Rows[^1].Metric, back[^1].Metric);
            Assert.Equal(64, back[0].SourceSha256.Length);
            Assert.StartsWith("splits/", back[0].Split, StringComparison.Ordinal);
        }
        var csv = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal(StudyWriter.ResultsCsvHeader, csv[0]);
        Assert.Equal(results.Rows.Count + 1, csv.Length);
    }

    [Fact]
    public void CropAndAlignRunSideBySideOnTheSameRowsWithTheirOwnProvenance()
    {
        // the aligned LFW folders lack every 7th image (align_fallback: skip): both variants are measured on the common rows
        var root = SyntheticStudyInputs.Create(identities: 24, aligned: true, skipEvery: 7);
        var config = StudyConfigReader.Parse(SyntheticStudyInputs.AlignedConfig(root), "synthetic");
        var outDir = Path.Combine(root, "out");
        var lines = new List<string>();
        var results = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = lines.Add });

        Assert.Equal(["align", "crop"], results.Rows.Select(r => r.Preprocessing).Distinct().Order());
        foreach (var experiment in new[] { "self", "within", "cross-dataset", "data-efficiency", "alpha-sweep", "degree2" })
            Assert.Equal(results.Rows.Count(r => r.Experiment == experiment && r.Preprocessing == "crop"),
                results.Rows.Count(r => r.Experiment == experiment && r.Preprocessing == "align"));
        // 96 LFW images, 13 missing from the aligned folder: the crop variant leaves them out too
        Assert.Contains(lines, l => l.Contains("dataset lfw (crop): 13 of 96 images left out"));
        Assert.Contains(lines, l => l.Contains("dataset lfw (align): 0 of 83 images left out"));
        Assert.DoesNotContain(lines, l => l.StartsWith("dataset cfp-frontal", StringComparison.Ordinal)); // every variant has all of CFP
        double Queries(string preprocessing) => results.Rows.First(r => r.Experiment == "within" && r.TestDataset == "lfw"
            && r.Preprocessing == preprocessing && r.Seed == 42 && r.Protocol == "reference" && r.Metric == "queries").Value;
        Assert.Equal(Queries("crop"), Queries("align"));
        // space similarity under each preprocessing, on the same sample of images
        var similarity = results.SpaceSimilarity.GroupBy(s => s.Preprocessing).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["align", "crop"], similarity.Keys.Order());
        Assert.Equal(similarity["crop"].Select(s => (s.Dataset, s.ModelA, s.ModelB, s.Measure)), similarity["align"].Select(s => (s.Dataset, s.ModelA, s.ModelB, s.Measure)));
        Assert.Contains(similarity["crop"].Zip(similarity["align"]), p => p.First.Dataset == "lfw" && p.First.Value != p.Second.Value);
        Assert.Contains("dataset,preprocessing,model_a,model_b,measure,value", File.ReadLines(Path.Combine(outDir, "space_similarity.csv")).First());

        // less noise in the aligned embeddings: higher Rank-1 after mapping and for each model on its own
        double Mean(string experiment, string map, string preprocessing) => results.Statistics
            .Where(s => s.Experiment == experiment && s.TestDataset == "lfw" && s.Map == map && s.Protocol == "strict" && s.Metric == "rank1"
                && s.Preprocessing == preprocessing).Average(s => s.Mean);
        Assert.True(Mean("within", "procrustes", "align") > Mean("within", "procrustes", "crop") + 0.02,
            $"procrustes align {Mean("within", "procrustes", "align")}, crop {Mean("within", "procrustes", "crop")}");
        Assert.True(Mean("self", "self", "align") >= Mean("self", "self", "crop"));
        // relative Rank-1 divides by the target's own Rank-1 under the same preprocessing
        var relative = results.Rows.First(r => r.Metric == "relative_rank1" && r.Preprocessing == "align" && r.Experiment == "within");
        var raw = results.Rows.Single(r => r with { Metric = "rank1", Value = 0 } == relative with { Metric = "rank1", Value = 0 } && r.Metric == "rank1");
        var native = results.Rows.Single(r => r.Experiment == "self" && r.Preprocessing == "align" && r.TestDataset == relative.TestDataset
            && r.Source == relative.Target && r.Seed == relative.Seed && r.Protocol == "strict" && r.Metric == "rank1");
        Assert.Equal(raw.Value / native.Value, relative.Value, 12);

        // every row's model hashes are those of its own variant's embeddings files
        var csv = File.ReadAllLines(Path.Combine(outDir, "results.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var hashes = csv.GroupBy(f => (f[3], f[4])).ToDictionary(g => g.Key, g => g.Select(f => f[16]).Distinct().Single());
        Assert.NotEqual(hashes[("crop", "alpha")], hashes[("align", "alpha")]);
        Assert.Contains("\"align\":", File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.All(results.Models, m => Assert.Contains(m.FileSha256, f => f.StartsWith("align/lfw:", StringComparison.Ordinal)));

        // the unit cache is keyed by preprocessing: new aligned embeddings recompute the align units only
        var aligned = Path.Combine(root, "lfw-aligned");
        var set = new FaceCompat.Embeddings.EmbeddingFolder(aligned).Load("alpha");
        set.Vectors[0] += 0.5f;
        new FaceCompat.Embeddings.EmbeddingFolder(aligned).Write("alpha", set);
        lines.Clear();
        StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = lines.Add });
        var units = lines.Where(l => l.StartsWith('[')).ToList();
        Assert.All(units.Where(l => l.Contains("(crop)")), l => Assert.EndsWith(": cached", l));
        Assert.Contains(units, l => l.Contains("within lfw (align) alpha -> beta: ") && !l.EndsWith(": cached", StringComparison.Ordinal));
        Assert.All(units.Where(l => l.Contains("within lfw (align) beta -> gamma: ")), l => Assert.EndsWith(": cached", l));
    }

    [Fact]
    public void ImportedFolderWithoutTheModelIsAClearError()
    {
        var root = SyntheticStudyInputs.Create(identities: 12);
        File.Delete(Path.Combine(root, "cfp", "gamma.npy"));
        var config = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root), "synthetic");
        var error = Assert.Throws<FaceCompatException>(() => StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = Path.Combine(root, "out") }));
        Assert.Contains("no embeddings for model 'gamma'", error.Message);
    }
}

public class HubStudyTests
{
    private static string Yaml(string root, string maps) =>
        SyntheticStudyInputs.Config(root, $"maps: [{maps}]").Replace("enabled: true", "enabled: false");

    [Fact]
    public void AHubMapReadsEveryModelOfTheStudyAndItsUnitsKeyOnThem()
    {
        var root = SyntheticStudyInputs.Create(identities: 24);
        var outDir = Path.Combine(root, "out");
        var config = StudyConfigReader.Parse(Yaml(root, "procrustes, hub-procrustes, \"hub-procrustes:leave-out=gamma\", unaligned"), "synthetic");
        var results = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        double Rank1(string map, string parameters, string source, string target) => results.Rows
            .Where(r => r.Experiment == "within" && r.FitDataset == "lfw" && r.Map == map && r.MapParameters == parameters && r.Source == source
                && r.Target == target && r.Protocol == "strict" && r.Metric == "rank1").Average(r => r.Value);
        Assert.True(Rank1("hub-procrustes", "", "alpha", "beta") > 2 * Rank1("unaligned", "", "alpha", "beta"));
        Assert.True(Rank1("hub-procrustes", "leave-out=gamma", "gamma", "alpha") > 2 * Rank1("unaligned", "", "gamma", "alpha"));
        Assert.Contains(results.Rows, r => r.Experiment == "cross-dataset" && r.Map == "hub-procrustes");

        // With a hub map a unit of alpha -> beta depends on gamma's embeddings too; without one it does not.
        var variant = StudyEmbeddings.LoadVariants(config, new StudyRunOptions { OutDir = outDir })[0];
        var within = StudyRunner.UnitDescriptions(config, variant).Single(d => d.Key.Experiment == "within" && d.Key.FitDataset == "lfw"
            && d.Key.Source == "alpha" && d.Key.Target == "beta");
        Assert.Contains("lfw/gamma=", within.Description, StringComparison.Ordinal);
        var plain = StudyConfigReader.Parse(Yaml(root, "procrustes, unaligned"), "synthetic");
        var plainWithin = StudyRunner.UnitDescriptions(plain, variant).Single(d => d.Key.Experiment == "within" && d.Key.FitDataset == "lfw"
            && d.Key.Source == "alpha" && d.Key.Target == "beta");
        Assert.DoesNotContain("lfw/gamma=", plainWithin.Description, StringComparison.Ordinal);
    }
}
