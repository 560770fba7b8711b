using System.Text.Json.Nodes;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Extraction;

/// <summary>What one image gave in an earlier extraction: its row of the .npy, or why it was skipped (row -1).</summary>
internal sealed record EarlierImage(FileListEntry File, int Row, string? SkipReason);

/// <summary>
/// A finished extraction of one model that a run can build on when the dataset's files changed: in the dataset
/// folder itself or set aside in <c>.previous/&lt;model&gt;/</c> (<see cref="SetAsideExtractions"/>). Either place holds
/// <c>&lt;model&gt;.npy</c>, <c>metadata.csv</c>, <c>filelist.json</c> and a <c>manifest.json</c> with the dataset part
/// and the model's entry. It counts only while its files are the ones that manifest records (SHA-256 of the .npy and
/// of metadata.csv, the file list's hash), so the leftovers of an unfinished run are never taken for it.
/// </summary>
internal sealed class EarlierExtraction
{
    private readonly JsonObject _manifest;

    private EarlierExtraction(string folder, string modelId, JsonObject manifest, JsonObject entry, FileList? files)
    {
        Folder = folder;
        ModelId = modelId;
        _manifest = manifest;
        NpyPath = Path.Combine(folder, modelId + ".npy");
        FileListSha256 = manifest["fileListSha256"]!.GetValue<string>();
        Rows = entry["embeddings"]?["rows"]?.GetValue<int>() ?? -1;
        RowKey = entry["rowKey"]?.GetValue<string>();
        Files = files;
    }

    public string Folder { get; }
    public string ModelId { get; }
    public string NpyPath { get; }
    public string FileListSha256 { get; }
    public int Rows { get; }

    /// <summary>What its rows depend on besides the images (<see cref="ExtractionKeys.RowKey"/>); null when it was made before that was recorded.</summary>
    public string? RowKey { get; }

    /// <summary>Its per-image record; null when it was made before that was kept.</summary>
    public FileList? Files { get; }

    /// <summary>Whether a run can tell which of its rows still hold (it records the row key and every image's path, identity and size).</summary>
    public bool HasPerImageRecord => RowKey is not null && Files is not null;

    /// <summary>The model's extraction in the dataset folder, else its set-aside one; null when neither is whole.</summary>
    public static EarlierExtraction? Find(string datasetDir, JsonObject? manifest, string modelId)
    {
        if (Read(datasetDir, manifest, modelId) is { } current) return current;
        var aside = SetAsideExtractions.Folder(datasetDir, modelId);
        return Directory.Exists(aside) ? Read(aside, ExtractionManifest.Read(aside), modelId) : null;
    }

    /// <summary>The model's extraction in <paramref name="folder"/> as <paramref name="manifest"/> records it; null when it is missing or its files differ.</summary>
    public static EarlierExtraction? Read(string folder, JsonObject? manifest, string modelId)
    {
        if (manifest?["models"]?[modelId] is not JsonObject entry || manifest["fileListSha256"] is null) return null;
        var npy = Path.Combine(folder, modelId + ".npy");
        var metadata = Path.Combine(folder, MetadataCsv.FileName);
        if (!File.Exists(npy) || !File.Exists(metadata)) return null;
        if (entry["embeddings"]?["sha256"]?.GetValue<string>() != ModelProvenance.Sha256Of(npy)) return null;
        if (manifest["metadata"]?["sha256"]?.GetValue<string>() != ModelProvenance.Sha256Of(metadata)) return null;
        // A record of another file list than the manifest's is no record of these rows.
        var files = FileList.Read(folder) is { } read && read.Sha256 == manifest["fileListSha256"]!.GetValue<string>() ? read : null;
        return new EarlierExtraction(folder, modelId, manifest, entry, files);
    }

    /// <summary>What each image of that run gave, by relative path.</summary>
    public IReadOnlyDictionary<string, EarlierImage> Images()
    {
        if (Files is null) throw new InvalidOperationException("No per-image record.");
        var records = MetadataCsv.Read(Path.Combine(Folder, MetadataCsv.FileName));
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in _manifest["skipped"] as JsonArray ?? [])
            if (s?["path"]?.GetValue<string>() is { } path) skipped[path] = s["reason"]?.GetValue<string>() ?? "skipped";
        var images = new Dictionary<string, EarlierImage>(Files.Entries.Count, StringComparer.Ordinal);
        var row = 0;
        foreach (var file in Files.Entries)
        {
            if (skipped.TryGetValue(file.Path, out var reason)) images[file.Path] = new EarlierImage(file, -1, reason);
            else if (row < records.Count && records[row].Path == file.Path && records[row].Identity == file.Identity) images[file.Path] = new EarlierImage(file, row++, null);
            else throw Inconsistent();
        }
        if (row != records.Count || row != Rows) throw Inconsistent();
        return images;
    }

    /// <summary>Its embeddings, row-major; refused when the .npy is no longer the one recorded.</summary>
    public float[] ReadRows(int dimension)
    {
        var (rows, cols) = (-1, -1);
        var values = File.Exists(NpyPath) ? NpyReader.ReadFloat32(NpyPath, out rows, out cols) : null;
        if (values is null || rows != Rows || cols != dimension)
            throw new FaceCompatException(
                $"{NpyPath}, the earlier embeddings of {ModelId} this run builds on, changed or went away while it ran (another run in the same folder?). " +
                "Run it again: the images extracted so far are kept.");
        return values;
    }

    private FaceCompatException Inconsistent() => new(
        $"The earlier extraction of {ModelId} in {Folder} is inconsistent: its metadata.csv, {FileList.FileName} and the manifest's skipped images " +
        "do not describe the same images, so this run cannot tell which rows to reuse. Redo the whole extraction.", UserHint.Replace);
}
