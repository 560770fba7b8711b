using System.Text.Json.Nodes;
using FaceCompat.Infrastructure;

namespace FaceCompat.IntegrationTests.Extraction;

/// <summary>
/// A folder of the user's own images is aligned by default (LFW and CFP keep their reference crop), and a comparison of
/// two models extracted with different preprocessing says so: real CLI, real models, real LFW images.
/// </summary>
[Collection(ExtractionCollection.Name)]
public sealed class FolderDefaultsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-folder-defaults-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>Two images each of the first <paramref name="identities"/> LFW people (ordinal order) with at least two.</summary>
    private string CopyPairs(int identities)
    {
        var lfw = Path.Combine(FaceCompatPaths.DataRoot(), "lfw", "lfw-deepfunneled");
        var images = Path.Combine(_dir, "images");
        var people = Directory.GetDirectories(lfw).Order(StringComparer.Ordinal)
            .Select(d => (Name: Path.GetFileName(d), Files: Directory.GetFiles(d).Order(StringComparer.Ordinal).ToArray()))
            .Where(p => p.Files.Length >= 2).Take(identities).ToList();
        Assert.Equal(identities, people.Count);
        foreach (var (name, files) in people)
        {
            Directory.CreateDirectory(Path.Combine(images, name));
            foreach (var f in files.Take(2)) File.Copy(f, Path.Combine(images, name, Path.GetFileName(f)));
        }
        return images;
    }

    [Fact]
    public void AFolderIsAlignedByDefaultAndAComparisonOfMixedPreprocessingWarns()
    {
        var images = CopyPairs(12);
        var outRoot = Path.Combine(_dir, "out");
        var (code, output) = CliProcess.Run("extract", "--dataset", images, "--model", "faceapi", "--out", outRoot);
        Assert.True(code == 0, output);
        var folder = Path.Combine(outRoot, FaceCompat.Datasets.ImageFolderDataset.DefaultName(Path.GetFullPath(images)));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;
        Assert.Equal("align", manifest["models"]!["faceapi"]!["preprocess"]!.GetValue<string>());

        (code, output) = CliProcess.Run("extract", "--dataset", images, "--model", "mobileface", "--preprocess", "crop", "--out", outRoot);
        Assert.True(code == 0, output);
        manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;
        Assert.Equal("crop", manifest["models"]!["mobileface"]!["preprocess"]!.GetValue<string>());

        (code, output) = CliProcess.Run("compare", "--embeddings", folder, "--source", "faceapi", "--target", "mobileface", "--map", "procrustes",
            "--seeds", "42", "--train-ratio", "0.5", "--out", Path.Combine(_dir, "cmp"));
        Assert.True(code == 0, output);
        Assert.Contains("warning: faceapi was extracted with align (mesh) but mobileface with crop", output);
    }
}
