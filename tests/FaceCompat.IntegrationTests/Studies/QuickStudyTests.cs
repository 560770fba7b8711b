using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Extraction;
using FaceCompat.IntegrationTests.Zoo;

namespace FaceCompat.IntegrationTests.Studies;

/// <summary>
/// <c>facecompat study</c> through the built CLI with two real models (faceapi, mobileface) on small real
/// LFW and CFP-frontal subsets: a quick-like configuration with every experiment, extraction included.
/// Face-to-face Procrustes must beat the unaligned baseline by far and the controls must stay at it.
/// </summary>
[Collection(ExtractionCollection.Name)]
public sealed class QuickStudyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-study-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public void Two_real_models_run_every_experiment_and_write_the_results()
    {
        RealModels.Prepare("faceapi");
        RealModels.Prepare("mobileface");
        Directory.CreateDirectory(_dir);
        var config = Path.Combine(_dir, "study.yaml");
        File.WriteAllText(config, """
            title: integration study
            models: [faceapi, mobileface]
            datasets:
              - { name: lfw, source: lfw, min_images: 2, max_images: 6, identities: 60 }
              - { name: cfp-frontal, source: cfp-frontal, identities: 16 }
            seeds: [42, 7]
            bootstrap: 50
            roc_points: 12
            threads: 2
            experiments:
              data_efficiency: { train_ratios: [0.3, 0.7], maps: [procrustes, unaligned], seeds: [42] }
              alpha_sweep: { alphas: [0.01, 10], train_ratios: [0.4, 0.7], seeds: [42] }
              degree2: { datasets: [lfw], seeds: [42] }
              space_similarity: { images: 100 }
            """);
        var outDir = Path.Combine(_dir, "out");
        string[] args = ["study", "--config", config, "--out", outDir, "--embeddings-cache", Path.Combine(_dir, "embeddings"), "--data", FaceCompatPaths.DataRoot()];
        var (code, output) = CliProcess.Run(args);
        Assert.True(code == 0, output);
        foreach (var file in new[] { "results.parquet", "results.csv", "results.json", "statistics.csv", "curves.csv", "space_similarity.csv", "splits/lfw/seed-42.csv" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);

        var statistics = Csv(Path.Combine(outDir, "statistics.csv"));
        double Mean(string experiment, string source, string map, string protocol, string metric) => double.Parse(statistics
            .Single(s => s["experiment"] == experiment && s["test_dataset"] == "lfw" && s["source"] == source && s["map"] == map
                && s["protocol"] == protocol && s["metric"] == metric)["mean"], CultureInfo.InvariantCulture);
        var procrustes = Mean("within", "faceapi", "procrustes", "strict", "rank1");
        var baseline = Mean("within", "faceapi", "unaligned", "strict", "rank1");
        Assert.True(procrustes > 0.3 && procrustes > baseline + 0.2, $"faceapi -> mobileface strict Rank-1: procrustes {procrustes}, baseline {baseline}");
        Assert.True(Mean("within", "faceapi", "shuffled", "strict", "rank1") < baseline + 0.1 * (procrustes - baseline) + 0.02);
        Assert.True(Mean("self", "faceapi", "self", "strict", "rank1") > 0.5);
        Assert.InRange(Mean("within", "faceapi", "procrustes", "strict", "relative_rank1"), 0.2, 1.5);
        foreach (var experiment in new[] { "within", "cross-dataset", "data-efficiency", "alpha-sweep", "degree2", "self" })
            Assert.Contains(statistics, s => s["experiment"] == experiment);

        // a second run takes every unit from the cache
        var (again, secondOutput) = CliProcess.Run(args);
        Assert.True(again == 0, secondOutput);
        Assert.DoesNotContain(secondOutput.Split('\n'), l => l.Contains("] within") && !l.TrimEnd().EndsWith("cached", StringComparison.Ordinal));
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Zip(f).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
