using PublicApiGenerator;

namespace FaceCompat.Tests.Api;

/// <summary>
/// The library's public surface is tracked in src/FaceCompat/PublicAPI.txt: any change to it (a type or
/// member made public, removed or changed) fails here until that file is updated, so every change of
/// the surface is a visible diff in review. The failure writes the surface found beside the file
/// (PublicAPI.received.txt) to diff or copy over.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_tracked_one()
    {
        var api = Normalize(typeof(FaceCompat.Embeddings.EmbeddingSet).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
        }));
        var tracked = TrackedFile();
        var received = Path.ChangeExtension(tracked, ".received.txt");
        var expected = File.Exists(tracked) ? Normalize(File.ReadAllText(tracked)) : "";
        if (api == expected)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, api);
        Assert.Fail($"The public API differs from {tracked}. If the change is intended, review `diff {tracked} {received}` and copy the received file over the tracked one.");
    }

    [Fact]
    public void The_surface_stays_deliberate()
    {
        // Pipelines, caches, numerics and reporting stay internal: a consumer sees none of these namespaces.
        var exported = typeof(FaceCompat.Embeddings.EmbeddingSet).Assembly.GetExportedTypes();
        foreach (var hidden in new[] { "FaceCompat.Numerics", "FaceCompat.Reporting", "FaceCompat.Models.Onnx", "FaceCompat.Models.Conversion", "FaceCompat.Models.Fetching", "FaceCompat.Studies.Experiments" })
            Assert.DoesNotContain(exported, t => t.Namespace == hidden || t.Namespace?.StartsWith(hidden + ".", StringComparison.Ordinal) == true);
        Assert.InRange(exported.Count(t => !t.IsNested), 60, 160);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Trim() + "\n";

    private static string TrackedFile() => Path.Combine(RepositoryRoot.Find(), "src", "FaceCompat", "PublicAPI.txt");
}
