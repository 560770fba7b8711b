using System.Text.Json.Nodes;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Cards;
using Xunit.Abstractions;

namespace FaceCompat.IntegrationTests.Alignment;

/// <summary>The MTCNN aligner with the real converted nets on real LFW images: its five points against the mesh aligner's, and aligned extraction end to end.</summary>
public class MtcnnAlignerTests(ITestOutputHelper log)
{
    private static PreparedAligner Prepared(Aligner aligner) =>
        new(aligner, PreparedAligner.ModelIds(aligner).Select(RealModels.Prepare).ToList());

    [Fact]
    public void Mtcnn_five_points_land_near_the_mesh_aligners_on_lfw_faces()
    {
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(), IdentitySubset.First(6));
        var mesh = LandmarkCache.Compute(dataset, 1, Prepared(Aligner.Mesh));
        var mtcnn = LandmarkCache.Compute(dataset, 1, Prepared(Aligner.Mtcnn));
        Assert.True(dataset.Images.Count >= 6);
        for (var i = 0; i < dataset.Images.Count; i++)
        {
            var a = mesh[i].Landmarks!;
            var b = mtcnn[i].Landmarks;
            Assert.True(b is not null, $"MTCNN found no face on {mtcnn[i].Path}: {mtcnn[i].Reason}");
            Assert.Equal(LandmarkSource.Mtcnn, b.Source);
            Assert.True(b.DetectorScore >= MtcnnDetector.ONetThreshold);
            var iod = Distance(a.Points, 0, a.Points, 1);
            var worst = Enumerable.Range(0, 5).Max(p => Distance(a.Points, p, b.Points, p)) / iod;
            log.WriteLine($"{mtcnn[i].Path}: worst point {worst:F3} inter-ocular distances from the mesh's");
            // the same five points in the same order: every one within a fifth of the eye distance
            Assert.True(worst < 0.2, $"{mtcnn[i].Path}: a point lies {worst:F3} inter-ocular distances from the mesh aligner's");
            Assert.True(b.Points[0] < b.Points[2] && b.Points[6] < b.Points[8], "image-left eye and mouth corner come first");
        }
    }

    [Fact]
    public void A_blank_image_has_no_mtcnn_face()
    {
        using var landmarker = Prepared(Aligner.Mtcnn).Open();
        Assert.Null(landmarker.Locate(new RgbImage(200, 200, new byte[200 * 200 * 3])));
    }

    [Fact]
    public void Align_extraction_with_mtcnn_embeds_every_face_and_keeps_apart_from_the_mesh_aligner()
    {
        Prepared(Aligner.Mtcnn);
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(), IdentitySubset.First(4));
        var output = Path.Combine(Path.GetTempPath(), "facecompat-align-mtcnn-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new ExtractionOptions
            {
                OutputRoot = ExtractionOptions.DefaultOutputRoot(PreprocessMode.Align, output, Aligner.Mtcnn),
                Preprocess = PreprocessMode.Align, Aligner = Aligner.Mtcnn, DecodeThreads = 1, BatchSize = 4,
            };
            var result = ModelExtraction.Run(dataset, ModelCatalog.Get("mobileface"), options, threads: 2);
            Assert.Equal(dataset.Images.Count, result.Rows);
            Assert.Empty(result.Skipped);
            Assert.StartsWith(output + "-aligned-mtcnn", result.EmbeddingsPath);
            var entry = JsonNode.Parse(File.ReadAllText(result.ManifestPath))!["models"]!["mobileface"]!;
            Assert.Equal("align", entry["preprocess"]!.GetValue<string>());
            Assert.Contains("of mtcnn (p/r/o-net) landmarks", entry["preprocessing"]!.GetValue<string>());
            Assert.Equal("mtcnn", entry["alignment"]!["aligner"]!.GetValue<string>());
            Assert.Equal(dataset.Images.Count, entry["alignment"]!["facesFromMtcnn"]!.GetValue<int>());
            var landmarks = entry["alignment"]!["landmarks"]!.GetValue<string>();
            Assert.Contains("-mtcnn-", Path.GetFileName(landmarks));
            Assert.Equal(Aligner.Mtcnn, LandmarkSet.FromJson(File.ReadAllText(landmarks), landmarks).Aligner);

            // the same model aligned by the mesh into the same folder is a different run, not a reuse
            var meshed = ModelExtraction.Run(dataset, ModelCatalog.Get("mobileface"), options with { Aligner = Aligner.Mesh }, threads: 2);
            Assert.False(meshed.AlreadyComplete);
            var meshEntry = JsonNode.Parse(File.ReadAllText(meshed.ManifestPath))!["models"]!["mobileface"]!;
            Assert.Equal("mesh", meshEntry["alignment"]!["aligner"]!.GetValue<string>());
        }
        finally { if (Directory.Exists(output + "-aligned-mtcnn")) Directory.Delete(output + "-aligned-mtcnn", true); }
    }

    [Theory]
    [InlineData("extract", "--aligner", "dlib", "--preprocess", "align", "--model", "mobileface", "Unknown aligner 'dlib': use one of mesh, mtcnn.")]
    [InlineData("extract", "--aligner", "mtcnn", "--preprocess", "crop", "--model", "mobileface", "--aligner needs --preprocess align.")]
    [InlineData("landmarks", "--aligner", "dlib", "--threads", "1", "--count", "1", "Unknown aligner 'dlib': use one of mesh, mtcnn.")]
    public void A_bad_aligner_option_is_one_clear_error_and_writes_nothing(string command, string o1, string v1, string o2, string v2, string o3, string v3, string message)
    {
        var output = Path.Combine(Path.GetTempPath(), "facecompat-bad-aligner-" + Guid.NewGuid().ToString("N"));
        var args = new List<string> { command, "--dataset", "lfw", "--limit-identities", "1", o1, v1, o2, v2, o3, v3 };
        if (command == "extract") args.AddRange(["--out", output]);
        var (code, text) = FaceCompat.IntegrationTests.Extraction.CliProcess.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Equal("error: " + message, text.Trim());
        Assert.False(Directory.Exists(output));
    }

    private static double Distance(float[] a, int i, float[] b, int j) =>
        Math.Sqrt((a[2 * i] - b[2 * j]) * (a[2 * i] - b[2 * j]) + (a[2 * i + 1] - b[2 * j + 1]) * (a[2 * i + 1] - b[2 * j + 1]));
}
