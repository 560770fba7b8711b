using System.Text.Json;
using System.Text.Json.Nodes;
using FaceCompat.Infrastructure;

namespace FaceCompat.Extraction;

/// <summary>
/// <c>&lt;dataset&gt;/manifest.json</c>: the dataset part (file list hash, image and row counts, skipped
/// files with reasons, listing problems, metadata hash) and one entry per extracted model (model id and
/// file hashes, preprocessing, output hash, timing, code version). Updated read-modify-write under a
/// lock file, written atomically, so several models can be extracted into one dataset folder.
/// </summary>
internal static class ExtractionManifest
{
    public const string FileName = "manifest.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject? Read(string datasetDir)
    {
        var path = Path.Combine(datasetDir, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonNode.Parse(File.ReadAllText(path)) as JsonObject; }
        catch (JsonException ex) { throw new FaceCompatException($"{path} is not valid JSON ({ex.Message}); delete it to rebuild.", ex); }
    }

    /// <summary>The run key recorded for a model, if the model is in the manifest.</summary>
    public static string? ModelRunKey(JsonObject? manifest, string modelId) =>
        manifest?["models"]?[modelId]?["runKey"]?.GetValue<string>();

    public static void Update(string datasetDir, Action<JsonObject> change)
    {
        Directory.CreateDirectory(datasetDir);
        using var lockFile = AcquireLock(Path.Combine(datasetDir, ".manifest.lock"));
        var manifest = Read(datasetDir) ?? new JsonObject();
        change(manifest);
        Write(datasetDir, manifest);
    }

    /// <summary>Writes <paramref name="manifest"/> as the folder's manifest (atomically), without the lock <see cref="Update"/> takes.</summary>
    public static void Write(string folder, JsonObject manifest) =>
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), manifest.ToJsonString(Indented) + "\n");

    private static FileStream AcquireLock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (attempt < 600) { Thread.Sleep(100); }
        }
    }

    public static string CodeVersion =>
        typeof(ExtractionManifest).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(ExtractionManifest).Assembly.GetName().Version?.ToString() ?? "unknown";
}
