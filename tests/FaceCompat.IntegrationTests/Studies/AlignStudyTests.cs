using System.Globalization;
using System.Text.Json.Nodes;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Extraction;
using FaceCompat.IntegrationTests.Zoo;

namespace FaceCompat.IntegrationTests.Studies;

/// <summary>
/// <c>facecompat study</c> with <c>preprocessing.variants: [crop, align]</c> on a small real LFW subset, two real
/// models: both variants are extracted (align into the sibling -aligned cache), measured on the same rows,
/// labelled in every result row, and compared in the report.
/// </summary>
[Collection(ExtractionCollection.Name)]
public sealed class AlignStudyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-align-study-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public void Crop_and_align_run_side_by_side_on_real_lfw_images()
    {
        foreach (var model in new[] { "faceapi", "mobileface", "blazeface", "facemesh" }) RealModels.Prepare(model);
        Directory.CreateDirectory(_dir);
        var config = Path.Combine(_dir, "study.yaml");
        File.WriteAllText(config, """
            title: crop vs align
            models: [faceapi, mobileface]
            datasets:
              - { name: lfw, source: lfw, min_images: 2, max_images: 6, identities: 60 }
            preprocessing: { variants: [crop, align], align_fallback: crop }
            maps: [procrustes, unaligned]
            seeds: [42, 7]
            bootstrap: 20
            roc_points: 8
            threads: 2
            experiments:
              within: { datasets: [lfw] }
              cross_dataset: []
              data_efficiency: { enabled: false }
              alpha_sweep: { enabled: false }
              degree2: { enabled: false }
              space_similarity: { enabled: false }
            """);
        var outDir = Path.Combine(_dir, "out");
        var embeddings = Path.Combine(_dir, "embeddings");
        var (code, output) = CliProcess.Run("study", "--config", config, "--out", outDir, "--embeddings-cache", embeddings, "--data", FaceCompatPaths.DataRoot());
        Assert.True(code == 0, output);

        // the aligned embeddings sit beside the crop ones, and their manifest says how they were made
        var alignedDir = Assert.Single(Directory.GetDirectories(embeddings + "-aligned"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(alignedDir, "manifest.json")))!;
        Assert.Equal("align", manifest["models"]!["mobileface"]!["preprocess"]!.GetValue<string>());
        Assert.Equal("fallback", manifest["models"]!["mobileface"]!["alignment"]!["noFaceHandling"]!.GetValue<string>());

        var rows = Csv(Path.Combine(outDir, "results.csv"));
        Assert.Equal(["align", "crop"], rows.Select(r => r["preprocessing"]).Distinct().Order());
        Assert.Equal(rows.Count(r => r["preprocessing"] == "crop"), rows.Count(r => r["preprocessing"] == "align"));
        Assert.NotEqual(rows.First(r => r["preprocessing"] == "crop")["source_sha256"], rows.First(r => r["preprocessing"] == "align" && r["source"] == rows.First(x => x["preprocessing"] == "crop")["source"])["source_sha256"]);

        var statistics = Csv(Path.Combine(outDir, "statistics.csv"));
        double Mean(string experiment, string source, string map, string preprocessing) => double.Parse(statistics
            .Single(s => s["experiment"] == experiment && s["source"] == source && s["map"] == map && s["protocol"] == "strict"
                && s["metric"] == "rank1" && s["preprocessing"] == preprocessing)["mean"], CultureInfo.InvariantCulture);
        // mobileface is starved by the crop (LFW View-2 77% crop, 94% align): its own Rank-1 must rise with alignment
        Assert.True(Mean("self", "mobileface", "self", "align") > Mean("self", "mobileface", "self", "crop"),
            $"mobileface own strict Rank-1: align {Mean("self", "mobileface", "self", "align")}, crop {Mean("self", "mobileface", "self", "crop")}");
        string Values(string preprocessing) => $"{preprocessing}: procrustes {Mean("within", "faceapi", "procrustes", preprocessing)}, unaligned {Mean("within", "faceapi", "unaligned", preprocessing)}";
        foreach (var preprocessing in new[] { "crop", "align" })
            Assert.True(Mean("within", "faceapi", "procrustes", preprocessing) > Mean("within", "faceapi", "unaligned", preprocessing) + 0.1, Values(preprocessing));
        // faceapi -> mobileface: alignment lifts the mapped strict Rank-1 (LFW pair images: 20% crop, 72% align)
        Assert.True(Mean("within", "faceapi", "procrustes", "align") > Mean("within", "faceapi", "procrustes", "crop") + 0.1, Values("crop") + "; " + Values("align"));

        var report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        var section = report[report.IndexOf("<section id=\"preprocessing\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("class=\"chart heatmap\"", section);
        Assert.Contains("faceapi → mobileface", System.Net.WebUtility.HtmlDecode(section));
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Zip(f).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
