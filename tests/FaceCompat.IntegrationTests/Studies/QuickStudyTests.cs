using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Extraction;
using FaceCompat.IntegrationTests.Reporting;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Reporting;

namespace FaceCompat.IntegrationTests.Studies;

/// <summary>
/// One run of <c>facecompat study</c> through the built CLI with two real models (faceapi, mobileface) on small real LFW and
/// CFP-frontal subsets: a quick-like configuration with every experiment, extraction included. Shared by the tests of
/// <see cref="QuickStudyTests"/>: its results, and its report in a browser.
/// </summary>
public sealed class QuickStudyRun : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "fc-study-" + Guid.NewGuid().ToString("N"));

    public string OutDir => Path.Combine(Dir, "out");

    public string[] Args { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public QuickStudyRun()
    {
        RealModels.Prepare("faceapi");
        RealModels.Prepare("mobileface");
        Directory.CreateDirectory(Dir);
        var config = Path.Combine(Dir, "study.yaml");
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
        Args = ["study", "--config", config, "--out", OutDir, "--embeddings-cache", Path.Combine(Dir, "embeddings"), "--data", FaceCompatPaths.DataRoot()];
        (ExitCode, Output) = CliProcess.Run(Args);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}

/// <summary>Face-to-face Procrustes must beat the unaligned baseline by far and the controls must stay at it; the report shows it.</summary>
[Collection(ExtractionCollection.Name)]
public sealed class QuickStudyTests(QuickStudyRun run) : IClassFixture<QuickStudyRun>
{
    [Fact]
    public void Two_real_models_run_every_experiment_and_write_the_results()
    {
        var (code, output, outDir, args) = (run.ExitCode, run.Output, run.OutDir, run.Args);
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

    [Fact]
    public void Its_report_shows_in_Chromium_what_a_reader_needs()
    {
        Assert.True(run.ExitCode == 0, run.Output);
        var dom = new ReportDom(HeadlessChromium.DumpDom(Path.Combine(run.OutDir, StudyReport.HtmlFile)));
        // Two models: one heatmap per map, dataset and protocol (Rank-1) and per map and dataset (EER), each with its colour bar.
        Assert.True(dom.AssertEveryHeatmapHasAColourBar() >= 2 * 2 * 4, "too few heatmaps");
        dom.AssertRidgeHasIntervalsAndPValues("LFW");
        // The test split holds too few identities for 1,000 impostor pairs: TMR at FMR 0.1% cannot be measured and says so.
        Assert.True(dom.AssertTmrNotMeasurableWhereTooFewImpostors("LFW") > 0);
        Assert.True(dom.AssertDetPanelsAreProbit() > 0);
        dom.AssertDegenerateIntervalsAreMarkedAndExplainedOnce();
        dom.AssertMarksNoteOnce();
        dom.AssertNoLoneFigureOnALastRow();
        Assert.False(dom.HasSection("preprocessing"), "a crop-only study has no crop-vs-align section");
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Zip(f).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
