using System.Text.Json;
using System.Text.Json.Nodes;
using FaceCompat.Datasets;
using FaceCompat.Infrastructure;

namespace FaceCompat.Extraction;

/// <summary>One image as an extraction records it: relative path, identity and size in bytes (-1: could not be read).</summary>
internal sealed record FileListEntry(string Path, string Identity, long Size);

/// <summary>
/// The per-image record of an extraction folder, <c>filelist.json</c>: the dataset's images (path, identity, size) in
/// dataset order. Its SHA-256 is the manifest's <c>fileListSha256</c> (<see cref="ImageDataset.FileListHash"/>), so a
/// record that does not belong to the manifest beside it is recognised. When images are added, removed or changed,
/// the next run compares the dataset with it to tell which rows still hold.
/// </summary>
internal sealed class FileList
{
    public const string FileName = "filelist.json";
    private const int Format = 1;

    private FileList(IReadOnlyList<FileListEntry> entries)
    {
        Entries = entries;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var e in entries) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(ImageDataset.FileListLine(e.Path, e.Identity, e.Size)));
        Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public IReadOnlyList<FileListEntry> Entries { get; }

    /// <summary>Equal to <see cref="ImageDataset.FileListHash"/> of the dataset the entries were read from.</summary>
    public string Sha256 { get; }

    /// <summary>The dataset's images with their sizes now.</summary>
    public static FileList Of(ImageDataset dataset) =>
        new(dataset.Images.Select(i => new FileListEntry(i.RelativePath, i.Identity, ImageDataset.FileSize(i))).ToList());

    /// <summary>The entries at <paramref name="indices"/>, in that order.</summary>
    public FileList Subset(IEnumerable<int> indices) => new(indices.Select(i => Entries[i]).ToList());

    /// <summary>The record in <paramref name="folder"/>; null when there is none or it cannot be read.</summary>
    public static FileList? Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file)) return null;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(file));
            if (root?["format"]?.GetValue<int>() != Format || root["files"] is not JsonArray files) return null;
            var entries = new List<FileListEntry>(files.Count);
            foreach (var item in files)
            {
                if (item is not JsonArray { Count: 3 } fields || fields[0] is not JsonValue path || fields[1] is not JsonValue identity
                    || fields[2] is not JsonValue size)
                    return null;
                entries.Add(new FileListEntry(path.GetValue<string>(), identity.GetValue<string>(), size.GetValue<long>()));
            }
            return new FileList(entries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public void Write(string folder)
    {
        var files = new JsonArray(Entries.Select(e => (JsonNode)new JsonArray(e.Path, e.Identity, e.Size)).ToArray());
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), new JsonObject { ["format"] = Format, ["files"] = files }.ToJsonString() + "\n");
    }
}
