using System.Security.Cryptography;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Studies.Interim;

namespace FaceCompat.Studies;

/// <summary>A validated source/target pair of embedding sets over the same images.</summary>
public sealed class ComparisonInputs
{
    private ComparisonInputs(string source, string target, EmbeddingSet sourceSet, EmbeddingSet targetSet,
        IReadOnlyDictionary<string, string> files)
    {
        SourceName = source;
        TargetName = target;
        Source = sourceSet;
        Target = targetSet;
        Files = files;
    }

    public string SourceName { get; }
    public string TargetName { get; }
    public EmbeddingSet Source { get; }
    public EmbeddingSet Target { get; }

    /// <summary>Input file path → sha256 (hex), for provenance.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>Reads <c>DIR/metadata.csv</c>, <c>DIR/&lt;source&gt;.npy</c> and <c>DIR/&lt;target&gt;.npy</c> and validates them.</summary>
    public static ComparisonInputs Load(string folder, string source, string target)
    {
        if (!Directory.Exists(folder)) throw new FaceCompatException($"Embeddings folder {folder} does not exist.");
        var metadataPath = Path.Combine(folder, "metadata.csv");
        var records = MetadataReader.Read(metadataPath);
        var files = new Dictionary<string, string> { [Path.GetFullPath(metadataPath)] = Sha256(metadataPath) };
        EmbeddingSet Read(string model)
        {
            var path = Path.Combine(folder, model + ".npy");
            var (values, rows, cols) = NpyMatrixReader.Read(path);
            EmbeddingValidation.CheckRows($"{model}.npy", values, rows, cols, records.Count);
            files[Path.GetFullPath(path)] = Sha256(path);
            return new EmbeddingSet(values, rows, cols, records);
        }
        return FromSets(source, target, Read(source), Read(target), files);
    }

    /// <summary>Wraps two in-memory sets (rows aligned by index) after validating them.</summary>
    public static ComparisonInputs FromSets(string source, string target, EmbeddingSet sourceSet, EmbeddingSet targetSet,
        IReadOnlyDictionary<string, string>? files = null)
    {
        if (sourceSet.Count != targetSet.Count)
            throw new FaceCompatException($"{source} has {sourceSet.Count} rows but {target} has {targetSet.Count}; rows must be aligned by index.");
        EmbeddingValidation.CheckRows(source, sourceSet.Vectors, sourceSet.Count, sourceSet.Dimension, targetSet.Count);
        EmbeddingValidation.CheckRows(target, targetSet.Vectors, targetSet.Count, targetSet.Dimension, sourceSet.Count);
        for (var i = 0; i < sourceSet.Count; i++)
            if (sourceSet.Records[i].Identity != targetSet.Records[i].Identity)
                throw new FaceCompatException($"Row {i} has identity '{sourceSet.Records[i].Identity}' in {source} but '{targetSet.Records[i].Identity}' in {target}.");
        return new ComparisonInputs(source, target, sourceSet, targetSet, files ?? new Dictionary<string, string>());
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
