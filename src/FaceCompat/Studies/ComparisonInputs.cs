using System.Security.Cryptography;
using FaceCompat.Embeddings;

namespace FaceCompat.Studies;

/// <summary>
/// A validated source/target pair of embedding sets over the same images, with the run's other models of the same
/// images when a shared-space map needs them.
/// </summary>
public sealed class ComparisonInputs
{
    private ComparisonInputs(string source, string target, EmbeddingSet sourceSet, EmbeddingSet targetSet,
        IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, EmbeddingSet> others)
    {
        SourceName = source;
        TargetName = target;
        Source = sourceSet;
        Target = targetSet;
        Files = files;
        Others = others;
    }

    public string SourceName { get; }
    public string TargetName { get; }
    public EmbeddingSet Source { get; }
    public EmbeddingSet Target { get; }

    /// <summary>Input file path → sha256 (hex), for provenance.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>The run's other models by name, row-aligned with the pair (what a shared-space map's hub is fitted on besides the pair).</summary>
    public IReadOnlyDictionary<string, EmbeddingSet> Others { get; }

    /// <summary>Every model of the run by name: the pair and the others.</summary>
    public IReadOnlyDictionary<string, EmbeddingSet> All
    {
        get
        {
            var all = new Dictionary<string, EmbeddingSet>(Others, StringComparer.Ordinal) { [SourceName] = Source };
            all[TargetName] = Target;
            return all;
        }
    }

    /// <summary>
    /// Reads an exchange folder's metadata.csv, &lt;source&gt;.npy and &lt;target&gt;.npy and validates them; with
    /// <paramref name="withOthers"/>, every other model of the folder too (the members a shared space defaults to).
    /// </summary>
    public static ComparisonInputs Load(string folder, string source, string target, bool withOthers = false)
    {
        var embeddings = new EmbeddingFolder(folder);
        var sourceSet = embeddings.Load(source);
        var targetSet = embeddings.Load(target);
        var others = withOthers
            ? embeddings.Models().Where(m => m != source && m != target).ToDictionary(m => m, embeddings.Load, StringComparer.Ordinal)
            : new Dictionary<string, EmbeddingSet>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>();
        foreach (var path in new[] { embeddings.MetadataPath, embeddings.ModelPath(source), embeddings.ModelPath(target) }.Concat(others.Keys.Select(embeddings.ModelPath)))
            files[path] = Sha256(path);
        return FromSets(source, target, sourceSet, targetSet, files, others);
    }

    /// <summary>Wraps two in-memory sets (rows aligned by index) after validating them.</summary>
    /// <param name="others">The run's other models (any that are the source or target are skipped), or null.</param>
    public static ComparisonInputs FromSets(string source, string target, EmbeddingSet sourceSet, EmbeddingSet targetSet,
        IReadOnlyDictionary<string, string>? files = null, IReadOnlyDictionary<string, EmbeddingSet>? others = null)
    {
        EmbeddingChecks.RequireAligned(sourceSet, source, targetSet, target);
        EmbeddingChecks.RequireUsableRows(sourceSet, source);
        EmbeddingChecks.RequireUsableRows(targetSet, target);
        var rest = (others ?? new Dictionary<string, EmbeddingSet>()).Where(o => o.Key != source && o.Key != target)
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        foreach (var (name, set) in rest)
        {
            EmbeddingChecks.RequireAligned(sourceSet, source, set, name);
            EmbeddingChecks.RequireUsableRows(set, name);
        }
        return new ComparisonInputs(source, target, sourceSet, targetSet, files ?? new Dictionary<string, string>(), rest);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
