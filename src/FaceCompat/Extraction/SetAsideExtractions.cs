using System.Text.Json.Nodes;
using FaceCompat.Embeddings;

namespace FaceCompat.Extraction;

/// <summary>
/// <c>&lt;dataset&gt;/.previous/&lt;model&gt;/</c>: a model's finished embeddings that no longer match the folder's
/// <c>metadata.csv</c>, because a run of another model took in the dataset's changed images. Each is a small
/// extraction folder of its own — the <c>&lt;model&gt;.npy</c>, the <c>metadata.csv</c> and <c>filelist.json</c> it was
/// made with, and a <c>manifest.json</c> with the dataset part and the model's entry — so the model's next run
/// reuses the rows of unchanged images (<see cref="EarlierExtraction"/>). Out of the dataset folder's model list,
/// they cannot be loaded as if they were current.
/// </summary>
internal static class SetAsideExtractions
{
    public static string Folder(string datasetDir, string modelId) => Path.Combine(datasetDir, EmbeddingFolder.SetAsideFolder, modelId);

    /// <summary>
    /// Moves every <c>.npy</c> of the dataset folder aside with the metadata, file list and manifest entry it was made
    /// with, and takes their entries out of <paramref name="manifest"/> (the folder's, read under its lock). Called before
    /// metadata.csv is replaced, so a .npy never lies beside a metadata.csv it does not match. Returns the models moved.
    /// </summary>
    public static IReadOnlyList<string> SetAsideAll(string datasetDir, JsonObject manifest)
    {
        var models = manifest["models"] as JsonObject;
        var moved = new List<string>();
        foreach (var npy in Directory.GetFiles(datasetDir, "*.npy").Order(StringComparer.Ordinal))
        {
            var modelId = Path.GetFileNameWithoutExtension(npy);
            if (modelId.StartsWith('.')) continue;
            var entry = models?[modelId] as JsonObject;
            var recorded = entry?["embeddings"]?["sha256"]?.GetValue<string>() == ModelProvenance.Sha256Of(npy);
            var folder = Folder(datasetDir, modelId);
            models?.Remove(modelId);
            // A .npy its manifest entry does not describe is what an unfinished run of this model left; the recorded one set aside earlier stays.
            if (!recorded && EarlierExtraction.Read(folder, ExtractionManifest.Read(folder), modelId) is not null)
            {
                File.Delete(npy);
                continue;
            }
            SetAside(datasetDir, manifest, recorded ? entry : null, npy, folder, modelId);
            moved.Add(modelId);
        }
        // Entries without their .npy (moved by a run that stopped before it wrote the manifest) describe nothing here.
        foreach (var modelId in models?.Select(m => m.Key).ToList() ?? [])
            if (!File.Exists(Path.Combine(datasetDir, modelId + ".npy"))) models!.Remove(modelId);
        return moved;
    }

    /// <summary>
    /// The folder is whole once the .npy is in it, and that is moved last: a run stopped before leaves the .npy where it
    /// was and an incomplete folder that nothing reads.
    /// </summary>
    private static void SetAside(string datasetDir, JsonObject manifest, JsonObject? entry, string npy, string folder, string modelId)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { MetadataCsv.FileName, FileList.FileName })
            if (File.Exists(Path.Combine(datasetDir, name))) File.Copy(Path.Combine(datasetDir, name), Path.Combine(folder, name));
        var own = (JsonObject)manifest.DeepClone();
        own["models"] = entry is null ? new JsonObject() : new JsonObject { [modelId] = entry.DeepClone() };
        own["setAsideUtc"] = DateTime.UtcNow.ToString("O");
        ExtractionManifest.Write(folder, own);
        File.Move(npy, Path.Combine(folder, modelId + ".npy"));
    }

    /// <summary>Removes a model's set-aside embeddings once it has current ones (and the area when it is empty).</summary>
    public static void Remove(string datasetDir, string modelId)
    {
        var folder = Folder(datasetDir, modelId);
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            var area = Path.GetDirectoryName(folder)!;
            if (Directory.Exists(area) && !Directory.EnumerateFileSystemEntries(area).Any()) Directory.Delete(area);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The models with set-aside embeddings in the dataset folder.</summary>
    public static IReadOnlyList<string> Models(string datasetDir)
    {
        var area = Path.Combine(datasetDir, EmbeddingFolder.SetAsideFolder);
        return Directory.Exists(area)
            ? Directory.GetDirectories(area).Select(Path.GetFileName).Where(m => File.Exists(Path.Combine(area, m!, m + ".npy"))).Select(m => m!)
                .Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
