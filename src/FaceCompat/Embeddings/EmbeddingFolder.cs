using FaceCompat.Infrastructure;

namespace FaceCompat.Embeddings;

/// <summary>
/// The exchange layout: a folder with one <c>metadata.csv</c> and one <c>&lt;model&gt;.npy</c> per
/// model, row i of every array being the image of metadata index i.
/// </summary>
public sealed class EmbeddingFolder
{
    private IReadOnlyList<EmbeddingRecord>? records;

    public EmbeddingFolder(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>
    /// Sub-folder where an extraction sets aside a model's <c>.npy</c> that no longer matches <c>metadata.csv</c> (the
    /// dataset's images changed since it was made), until that model is extracted again.
    /// </summary>
    internal const string SetAsideFolder = ".previous";

    public string MetadataPath => Path.Combine(Directory, MetadataCsv.FileName);

    public string ModelPath(string model) => Path.Combine(Directory, CheckModelName(model) + ".npy");

    /// <summary>The models present (file names of the <c>.npy</c> files without extension), sorted ordinally.</summary>
    public IReadOnlyList<string> Models()
    {
        if (!System.IO.Directory.Exists(Directory)) throw new FaceCompatException($"{Directory}: no such embeddings folder.");
        return System.IO.Directory.EnumerateFiles(Directory, "*.npy")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !string.IsNullOrEmpty(n) && !n!.StartsWith('.'))
            .Select(n => n!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public IReadOnlyList<EmbeddingRecord> Records()
    {
        if (records is not null) return records;
        if (!File.Exists(MetadataPath))
            throw new FaceCompatException($"{Directory}: no {MetadataCsv.FileName} (an embeddings folder needs one, with columns index,path,identity).");
        return records = MetadataCsv.Read(MetadataPath);
    }

    /// <summary>Loads one model's embeddings with the folder's metadata; checks row count, NaN/Inf and all-zero rows.</summary>
    public EmbeddingSet Load(string model)
    {
        var path = ModelPath(model);
        if (!File.Exists(path))
        {
            var known = System.IO.Directory.Exists(Directory) ? string.Join(", ", Models()) : "";
            var setAside = Path.Combine(Directory, SetAsideFolder, model, Path.GetFileName(path));
            var stale = File.Exists(setAside)
                ? $" Its earlier embeddings were set aside in {Path.GetDirectoryName(setAside)} because the dataset's images changed after they were made: " +
                  $"extract '{model}' again to update them (only new or changed images are embedded)."
                : "";
            throw new FaceCompatException($"{Directory}: no embeddings for model '{model}' ({Path.GetFileName(path)}); models here: {(known.Length > 0 ? known : "none")}.{stale}");
        }
        var meta = Records();
        var values = NpyReader.ReadFloat32(path, out var rows, out var cols);
        EmbeddingChecks.RequireRowCount(rows, meta.Count, path, MetadataPath);
        EmbeddingChecks.RequireUsableRows(values, rows, cols, path);
        return new EmbeddingSet(values, rows, cols, meta);
    }

    /// <summary>
    /// Writes one model's embeddings. The first model written creates <c>metadata.csv</c>; later ones
    /// must carry the same records.
    /// </summary>
    public void Write(string model, EmbeddingSet set)
    {
        var path = ModelPath(model);
        if (File.Exists(MetadataPath))
        {
            var existing = Records();
            if (existing.Count != set.Count || !existing.SequenceEqual(set.Records))
                throw new FaceCompatException($"{MetadataPath}: the folder's metadata differs from the rows of '{model}'; rows must be aligned by index.");
        }
        else
        {
            for (var i = 0; i < set.Count; i++)
                if (set.Records[i].Index != i)
                    throw new ArgumentException($"Record {i} has index {set.Records[i].Index}; records must be in index order.", nameof(set));
            MetadataCsv.Write(MetadataPath, set.Records);
            records = set.Records;
        }
        NpyWriter.WriteFloat32(path, set.Vectors, set.Count, set.Dimension);
    }

    private static string CheckModelName(string model)
    {
        if (string.IsNullOrWhiteSpace(model) || model.IndexOfAny(['/', '\\']) >= 0 || model is "." or ".." || model.Contains('\0'))
            throw new FaceCompatException($"'{model}' is not a valid model name (no path separators).");
        return model;
    }
}
