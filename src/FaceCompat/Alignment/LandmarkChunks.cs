using System.Globalization;
using FaceCompat.Datasets;
using FaceCompat.Infrastructure;

namespace FaceCompat.Alignment;

/// <summary>
/// The landmark stage in committed chunks, so that an interrupted run resumes: images
/// [c·size, (c+1)·size) of the dataset form chunk c, computed by <c>threads</c> workers and written
/// atomically to <c>&lt;directory&gt;/chunk-NNNNN.json</c> (a <see cref="LandmarkSet"/> carrying the run's key).
/// A chunk file counts only when its key matches and it lists exactly that range's images; a kill loses at
/// most the chunk in progress. <see cref="Finish"/> removes the directory once the whole set is written.
/// </summary>
internal sealed class LandmarkChunks
{
    public const int DefaultChunkSize = 256;

    private readonly string? _directory;
    private readonly string _key;

    /// <param name="directory">Where chunks are committed; null computes in memory only (nothing to resume).</param>
    public LandmarkChunks(string? directory, string key)
    {
        _directory = directory;
        _key = key;
    }

    /// <summary>Images taken from committed chunks by the last <see cref="Run"/>.</summary>
    public int ResumedImages { get; private set; }

    /// <param name="locators">One locator per worker (each used by one thread at a time).</param>
    public LandmarkEntry[] Run(ImageDataset dataset, int chunkSize, IReadOnlyList<Func<DatasetImage, LandmarkEntry>> locators,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize));
        if (locators.Count < 1) throw new ArgumentException("At least one locator is needed.", nameof(locators));
        var total = dataset.Images.Count;
        var entries = new LandmarkEntry[total];
        var chunkCount = (total + chunkSize - 1) / chunkSize;
        var pending = new List<int>();
        ResumedImages = 0;
        for (var c = 0; c < chunkCount; c++)
        {
            var (first, count) = Range(c, chunkSize, total);
            if (TryLoad(c, dataset, first, count) is { } loaded)
            {
                loaded.CopyTo(entries, first);
                ResumedImages += count;
            }
            else pending.Add(c);
        }
        if (pending.Count > 0 && _directory is not null) Directory.CreateDirectory(_directory);
        var done = ResumedImages;
        if (done > 0) progress?.Report((done, total));
        var workers = locators.Count;
        foreach (var c in pending)
        {
            var (first, count) = Range(c, chunkSize, total);
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation }, worker =>
            {
                for (var i = first + worker; i < first + count; i += workers)
                {
                    cancellation.ThrowIfCancellationRequested();
                    entries[i] = locators[worker](dataset.Images[i]);
                    var d = Interlocked.Increment(ref done);
                    if (d % 64 == 0 || d == total) progress?.Report((d, total));
                }
            });
            if (_directory is null) continue;
            var chunk = new LandmarkSet(_key, dataset.Name, entries[first..(first + count)]);
            AtomicFile.WriteAllText(ChunkPath(c), chunk.ToJson());
        }
        return entries;
    }

    /// <summary>Deletes the committed chunks (after the whole set has been written).</summary>
    public void Finish()
    {
        if (_directory is null) return;
        try
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
            var parent = Path.GetDirectoryName(_directory);
            if (parent is not null && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any()) Directory.Delete(parent);
        }
        catch (IOException) { } // a concurrent run may be using them; they are harmless leftovers
    }

    private LandmarkEntry[]? TryLoad(int chunk, ImageDataset dataset, int first, int count)
    {
        if (_directory is null) return null;
        var path = ChunkPath(chunk);
        if (!File.Exists(path)) return null;
        LandmarkSet set;
        try { set = LandmarkSet.FromJson(File.ReadAllText(path), path); }
        catch (Exception ex) when (ex is FaceCompatException or IOException) { return null; }
        if (set.Key != _key || set.Entries.Count != count) return null;
        for (var i = 0; i < count; i++)
            if (set.Entries[i].Path != dataset.Images[first + i].RelativePath) return null;
        return set.Entries.ToArray();
    }

    private string ChunkPath(int chunk) => Path.Combine(_directory!, "chunk-" + chunk.ToString("D5", CultureInfo.InvariantCulture) + ".json");

    private static (int First, int Count) Range(int chunk, int size, int total)
    {
        var first = chunk * size;
        return (first, Math.Min(size, total - first));
    }
}
