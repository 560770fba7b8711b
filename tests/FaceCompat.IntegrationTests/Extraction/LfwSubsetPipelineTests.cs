using System.Text.Json.Nodes;
using FaceCompat.Datasets;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Zoo;

namespace FaceCompat.IntegrationTests.Extraction;

/// <summary>
/// End to end on an LFW subset with real models through the built CLI: the images of the first 30 same
/// and 30 different View-2 pairs of every fold (901 images), faceapi and mobileface. Both models get the
/// same rows, the manifest records both, and the View-2 10-fold accuracy on those pairs is far from
/// the collapse a wrong normalisation or channel order gives (full-LFW figures: faceapi ~90%, mobileface ~77%).
/// </summary>
[Collection(ExtractionCollection.Name)]
public sealed class LfwSubsetPipelineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-lfwsubset-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public void Two_real_models_extract_the_same_rows_and_verify_without_collapse()
    {
        RealModels.Prepare("faceapi");
        RealModels.Prepare("mobileface");
        var (code, output) = CliProcess.Run("extract", "--dataset", "lfw", "--model", "faceapi,mobileface", "--pairs-of", "lfw",
            "--pairs-per-fold", "30", "--out", _dir, "--threads", "2");
        Assert.True(code == 0, output);

        var folder = new EmbeddingFolder(Path.Combine(_dir, "lfw-lfwpairs30"));
        Assert.Equal(["faceapi", "mobileface"], folder.Models());
        var faceapi = folder.Load("faceapi");
        var mobileface = folder.Load("mobileface");
        Assert.Equal(901, faceapi.Count);
        Assert.Equal(128, faceapi.Dimension);
        Assert.Equal(256, mobileface.Dimension);
        Assert.Equal(faceapi.Records, mobileface.Records);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Directory, "manifest.json")))!;
        foreach (var model in new[] { "faceapi", "mobileface" })
        {
            var entry = manifest["models"]![model]!;
            Assert.Contains("central-crop 0.6", entry["preprocessing"]!.GetValue<string>());
            Assert.NotEmpty(entry["modelFiles"]!.AsArray());
            Assert.Equal(ExtractionHash(folder.ModelPath(model)), entry["embeddings"]!["sha256"]!.GetValue<string>());
        }

        var data = FaceCompatPaths.DataRoot();
        var faceapiAccuracy = VerificationProtocols.Evaluate(folder, "faceapi", VerificationProtocol.LfwView2, data, requireAll: false);
        var mobilefaceAccuracy = VerificationProtocols.Evaluate(folder, "mobileface", VerificationProtocol.LfwView2, data, requireAll: false);
        Assert.True(faceapiAccuracy.Pairs >= 600);
        Assert.InRange(faceapiAccuracy.Result.MeanAccuracy, 0.84, 1.0);
        Assert.InRange(mobilefaceAccuracy.Result.MeanAccuracy, 0.70, 1.0);
    }

    private static string ExtractionHash(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
