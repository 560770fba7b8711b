using System.Runtime.InteropServices;
using System.Text.Json;
using FaceCompat.Infrastructure;

namespace FaceCompat.Extraction;

/// <summary>A committed chunk: images [First, First + Count) of the dataset, their rows and skips.</summary>
internal sealed record ChunkIndex(int Chunk, int First, int Count, int Rows, int Dimension, string DataSha256, IReadOnlyList<ChunkSkip> Skipped);

internal sealed record ChunkSkip(int Index, string Reason);

/// <summary>
/// The partial work of one model on one dataset, in <c>&lt;dataset&gt;/.partial/&lt;model&gt;/</c>:
/// <c>run.json</c> (the key of the inputs the chunks were made from) and, per chunk,
/// <c>chunk-NNNNN.f32</c> (raw little-endian float32 rows) then <c>chunk-NNNNN.json</c> (its index,
/// with the data's SHA-256). Both are written atomically and the index last, so a chunk counts as done
/// only when its index exists and its data matches the recorded hash; a kill at any moment loses only
/// uncommitted chunks: the one in progress and those waiting in the <see cref="ChunkWriter"/>'s queue.
/// One process at a time owns the folder: it holds an exclusive lock on <c>&lt;model&gt;.lock</c> beside it
/// until it is disposed (two extractions of one model into one folder would discard or interleave each
/// other's chunks); a second process is refused at once.
/// </summary>
internal sealed class ChunkStore : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly string _dir;
    private readonly string _lockPath;
    private FileStream? _lock;

    public ChunkStore(string directory, string runKey)
    {
        _dir = directory;
        _lockPath = directory.TrimEnd(Path.DirectorySeparatorChar) + ".lock";
        _lock = AcquireLock(_lockPath, directory);
        try { Open(runKey); }
        catch
        {
            Dispose();
            throw;
        }
    }

    private static FileStream AcquireLock(string path, string directory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException ex)
        {
            throw new FaceCompatException(
                $"Another process is extracting the same model into {Path.GetDirectoryName(Path.GetDirectoryName(directory))} " +
                $"(it holds {path}); wait for it to finish or stop it, then run again: the finished chunks are kept.", ex);
        }
    }

    private void Open(string runKey)
    {
        var keyPath = Path.Combine(_dir, "run.json");
        if (Directory.Exists(_dir))
        {
            string? existing = null;
            try { existing = JsonSerializer.Deserialize<RunKey>(File.ReadAllText(keyPath))?.Key; }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException) { }
            if (existing != runKey)
            {
                // Chunks made from other inputs (another model file, preprocessing or file list) are discarded.
                Directory.Delete(_dir, recursive: true);
            }
        }
        Directory.CreateDirectory(_dir);
        if (!File.Exists(keyPath)) AtomicFile.WriteAllText(keyPath, JsonSerializer.Serialize(new RunKey(runKey), Json));
    }

    private string DataPath(int chunk) => Path.Combine(_dir, $"chunk-{chunk:D5}.f32");
    private string IndexPath(int chunk) => Path.Combine(_dir, $"chunk-{chunk:D5}.json");

    /// <summary>The committed index of a chunk, or null when it is missing, torn or does not match.</summary>
    public ChunkIndex? TryLoad(int chunk, int first, int count, int dimension)
    {
        var indexPath = IndexPath(chunk);
        if (!File.Exists(indexPath)) return null;
        try
        {
            var index = JsonSerializer.Deserialize<ChunkIndex>(File.ReadAllText(indexPath), Json);
            if (index is null || index.Chunk != chunk || index.First != first || index.Count != count || index.Dimension != dimension) return null;
            if (index.Rows + index.Skipped.Count != count) return null;
            var data = DataPath(chunk);
            if (!File.Exists(data) || new FileInfo(data).Length != (long)index.Rows * dimension * sizeof(float)) return null;
            if (ModelProvenance.Sha256Of(data) != index.DataSha256) return null;
            return index;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Commit(int chunk, int first, int count, int dimension, ReadOnlySpan<float> rows, IReadOnlyList<ChunkSkip> skipped)
    {
        var bytes = MemoryMarshal.AsBytes(rows).ToArray();
        AtomicFile.WriteAllBytes(DataPath(chunk), bytes);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var index = new ChunkIndex(chunk, first, count, rows.Length / dimension, dimension, sha, skipped);
        AtomicFile.WriteAllText(IndexPath(chunk), JsonSerializer.Serialize(index, Json));
    }

    /// <summary>Appends a committed chunk's rows to <paramref name="destination"/>.</summary>
    public void ReadRows(ChunkIndex index, Span<float> destination)
    {
        var bytes = File.ReadAllBytes(DataPath(index.Chunk));
        if (bytes.Length != destination.Length * sizeof(float))
            throw new FaceCompatException($"Chunk {DataPath(index.Chunk)} changed while the extraction was finishing.");
        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
    }

    /// <summary>Removes the folder (the rows are in the finished files) and releases the lock.</summary>
    public void Delete()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        Dispose();
    }

    /// <summary>Releases the lock; the lock file goes first, while still held, so no process ever waits on a removed file.</summary>
    public void Dispose()
    {
        if (_lock is null) return;
        try { File.Delete(_lockPath); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        _lock.Dispose();
        _lock = null;
    }

    private sealed record RunKey(string Key);
}
