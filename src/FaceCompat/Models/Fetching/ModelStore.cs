using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Fetching;

/// <summary>The state of a model's source files in the cache.</summary>
internal enum CacheState { Missing, Valid, Tampered }

/// <summary>One source file's place and state.</summary>
internal sealed record CachedFile(SourceFile File, string LocalPath, CacheState State, string? ActualSha256);

/// <summary>
/// Where a model's verified source files live:
/// <c>&lt;cache&gt;/packages/&lt;package&gt;@&lt;version&gt;/&lt;path in package&gt;</c>, and for user
/// cards with a <c>file</c> source, the paths themselves (relative to the card's folder).
/// </summary>
internal sealed class ModelStore(string cacheRoot)
{
    public ModelStore() : this(FaceCompatPaths.CacheRoot) { }

    public string CacheRoot { get; } = Path.GetFullPath(cacheRoot);
    public string PackagesRoot => Path.Combine(CacheRoot, "packages");
    public string OnnxRoot => Path.Combine(CacheRoot, "onnx");
    internal string TempRoot => Path.Combine(CacheRoot, "tmp");

    public string PackageDirectory(ModelSource source)
    {
        if (source.Manager == PackageManager.File) throw new InvalidOperationException("File sources have no package folder.");
        return Path.Combine(PackagesRoot, source.PackageKey);
    }

    public string LocalPath(ModelCard card, string pathInSource)
    {
        if (card.Source.Manager != PackageManager.File) return Path.Combine(PackageDirectory(card.Source), pathInSource);
        if (Path.IsPathRooted(pathInSource) || card.Origin == "built-in") return Path.GetFullPath(pathInSource);
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(card.Origin)!, pathInSource));
    }

    /// <summary>Checks each source file of <paramref name="card"/> against its sha256 (hashing every file present).</summary>
    public IReadOnlyList<CachedFile> Inspect(ModelCard card)
    {
        var result = new List<CachedFile>(card.Source.Files.Count);
        foreach (var file in card.Source.Files)
        {
            var local = LocalPath(card, file.Path);
            if (!File.Exists(local)) { result.Add(new CachedFile(file, local, CacheState.Missing, null)); continue; }
            if (file.Sha256 is null) { result.Add(new CachedFile(file, local, CacheState.Valid, null)); continue; }
            var actual = FileHash.Sha256(local);
            result.Add(new CachedFile(file, local, actual == file.Sha256 ? CacheState.Valid : CacheState.Tampered, actual));
        }
        return result;
    }

    /// <summary>Whether every source file is present (no hashing: a quick look for listings; <see cref="Inspect"/> verifies).</summary>
    public bool IsCached(ModelCard card) => card.Source.Files.All(f => File.Exists(LocalPath(card, f.Path)));

    /// <summary>The verified local path of each source file, or a clear error naming what is missing or tampered.</summary>
    public IReadOnlyDictionary<string, string> RequireVerified(ModelCard card)
    {
        var files = Inspect(card);
        var bad = files.Where(f => f.State != CacheState.Valid).ToList();
        if (bad.Count > 0)
            throw new FaceCompatException($"Model {card.Id}: {Describe(bad)}; fetch the model first.", UserHint.FetchModel, card.Id);
        return files.ToDictionary(f => f.File.Path, f => f.LocalPath);
    }

    internal static string Describe(IEnumerable<CachedFile> bad) => string.Join("; ", bad.Select(f => f.State == CacheState.Missing
        ? $"{f.LocalPath} is missing"
        : $"{f.LocalPath} fails its sha256 check (expected {f.File.Sha256}, found {f.ActualSha256})"));
}
