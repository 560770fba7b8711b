using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>
/// Refuses a fit set that shares an image with the test set (a map fitted on a test image would leak). Two rows are
/// the same image when (1) their image files are the same path: the metadata path resolved against the folder's
/// dataset root (manifest.json's <c>root</c>, else the folder itself), or (2) their embeddings are bit-for-bit equal
/// under the source or the target model (the same picture under another name, e.g. a copied dataset).
/// </summary>
internal static class FitSetOverlap
{
    public static void RequireDisjoint(string fitFolder, ComparisonInputs fit, string testFolder, ComparisonInputs test)
    {
        var fitRoot = DatasetRoot(fitFolder);
        var testRoot = DatasetRoot(testFolder);
        var testPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in test.Source.Records) testPaths.TryAdd(Path.GetFullPath(Path.Combine(testRoot, r.Path)), r.Path);
        var testRows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in new[] { test.Source, test.Target })
            for (var i = 0; i < set.Count; i++) testRows.TryAdd(RowKey(set, i), set.Records[i].Path);

        var shared = new List<(string Fit, string Test)>();
        for (var i = 0; i < fit.Source.Count; i++)
        {
            var record = fit.Source.Records[i];
            if (testPaths.TryGetValue(Path.GetFullPath(Path.Combine(fitRoot, record.Path)), out var samePath)) shared.Add((record.Path, samePath));
            else if (testRows.TryGetValue(RowKey(fit.Source, i), out var sameSource)) shared.Add((record.Path, sameSource));
            else if (testRows.TryGetValue(RowKey(fit.Target, i), out var sameTarget)) shared.Add((record.Path, sameTarget));
        }
        if (shared.Count > 0)
            throw new FaceCompatException($"The fit set {fitFolder} shares {shared.Count} image(s) with the test set {testFolder} " +
                $"(e.g. '{shared[0].Fit}' is '{shared[0].Test}'): a map fitted on them has seen test images and would overstate what a " +
                "leaked template is worth. Fit on a dataset without the test images.");
    }

    private static string DatasetRoot(string folder)
    {
        var manifest = Path.Combine(folder, "manifest.json");
        if (File.Exists(manifest) && JsonNode.Parse(File.ReadAllText(manifest)) is JsonObject json && json["root"]?.GetValue<string>() is { Length: > 0 } root)
            return root;
        return Path.GetFullPath(folder);
    }

    private static string RowKey(EmbeddingSet set, int row) =>
        Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.Row(row))));
}
