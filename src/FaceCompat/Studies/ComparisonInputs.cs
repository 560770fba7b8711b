using System.Security.Cryptography;
using FaceCompat.Embeddings;

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

    /// <summary>Reads an exchange folder's metadata.csv, &lt;source&gt;.npy and &lt;target&gt;.npy and validates them.</summary>
    public static ComparisonInputs Load(string folder, string source, string target)
    {
        var embeddings = new EmbeddingFolder(folder);
        var sourceSet = embeddings.Load(source);
        var targetSet = embeddings.Load(target);
        var files = new Dictionary<string, string>();
        foreach (var path in new[] { embeddings.MetadataPath, embeddings.ModelPath(source), embeddings.ModelPath(target) })
            files[path] = Sha256(path);
        return FromSets(source, target, sourceSet, targetSet, files);
    }

    /// <summary>Wraps two in-memory sets (rows aligned by index) after validating them.</summary>
    public static ComparisonInputs FromSets(string source, string target, EmbeddingSet sourceSet, EmbeddingSet targetSet,
        IReadOnlyDictionary<string, string>? files = null)
    {
        EmbeddingChecks.RequireAligned(sourceSet, source, targetSet, target);
        EmbeddingChecks.RequireUsableRows(sourceSet, source);
        EmbeddingChecks.RequireUsableRows(targetSet, target);
        return new ComparisonInputs(source, target, sourceSet, targetSet, files ?? new Dictionary<string, string>());
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
