using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;

namespace FaceCompat.Extraction;

/// <summary>
/// A cache of prepared model inputs — 8-bit RGB after crop and resize, before any model's own tensor
/// normalisation — for one dataset listing, preprocessing and input size. Every model with that input
/// size reads the same pixels, so decoding is paid once per size, not once per model.
/// <para>
/// Layout: <c>&lt;root&gt;/&lt;dataset&gt;/&lt;W&gt;x&lt;H&gt;-&lt;key&gt;/</c> with <c>key.txt</c> (what the
/// pixels depend on: dataset root and file-list hash, preprocessing without the flip, input size,
/// minimum side, decoder versions) and per chunk of <see cref="PixelCacheOptions.ChunkImages"/> dataset images
/// <c>chunk-NNNNN.u8</c> (one W·H·3 slot per image, zeros for skipped ones) then <c>chunk-NNNNN.json</c>
/// (SHA-256 and XXH3 of the data, each image's file size and modification time, skip reasons). Both are written
/// atomically and the index last; a chunk is used only if its index matches, its data matches the hash
/// and every image file still has the recorded size and modification time, otherwise it is decoded and
/// written again. Skips that may not last (an unreadable file, an unexpected exception) are never cached:
/// a chunk holding one is not written.
/// </para>
/// Thread-safe: the decode workers read and fill it concurrently.
/// </summary>
internal sealed class PixelStore
{
    private const int FormatVersion = 1;
    private const int LoadedChunksKept = 3;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly ImageDataset _dataset;
    private readonly string _dir;
    private readonly int _bytesPerImage;
    private readonly long _maxBytes;
    private readonly object _gate = new();
    private readonly Dictionary<int, LoadedChunk?> _loaded = new();
    private readonly LinkedList<int> _loadOrder = new();
    private readonly Dictionary<int, PendingChunk> _pending = new();
    private long _bytesOnDisk;
    private long _bytesReserved;
    private int _hits;
    private int _written;

    private PixelStore(ImageDataset dataset, string dir, int width, int height, PixelCacheOptions options, long bytesOnDisk)
    {
        _dataset = dataset;
        _dir = dir;
        Width = width;
        Height = height;
        _bytesPerImage = width * height * 3;
        _maxBytes = options.MaxBytes;
        ChunkImages = options.ChunkImages;
        _bytesOnDisk = bytesOnDisk;
    }

    public int Width { get; }
    public int Height { get; }
    public int ChunkImages { get; }
    public string Directory => _dir;

    /// <summary>Images served from the cache so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Chunks written so far.</summary>
    public int ChunksWritten => Volatile.Read(ref _written);

    /// <summary>The store for this dataset, preprocessing and its input size; null for any preprocessing but the crop (not cached).</summary>
    public static PixelStore? Open(ImageDataset dataset, IImagePreprocessor images, int minimumSide, PixelCacheOptions options)
    {
        if (images is not CropPreprocessor) return null;
        if (options.ChunkImages < 1) throw new ArgumentOutOfRangeException(nameof(options), "Chunk size must be positive.");
        var (width, height) = (images.Width, images.Height);
        var (dir, keyText) = Location(dataset, images, minimumSide, options);
        System.IO.Directory.CreateDirectory(dir);
        var keyPath = Path.Combine(dir, "key.txt");
        if (!File.Exists(keyPath) || File.ReadAllText(keyPath) != keyText) AtomicFile.WriteAllText(keyPath, keyText);
        return new PixelStore(dataset, dir, width, height, options, FolderBytes(options.Root));
    }

    /// <summary>
    /// Whether every chunk of this dataset, preprocessing and size has been written (a quick look at the
    /// index files, not a check of their data: a stale chunk is still found and decoded again when read).
    /// </summary>
    public static bool HoldsAll(ImageDataset dataset, IImagePreprocessor images, int minimumSide, PixelCacheOptions options)
    {
        if (images is not CropPreprocessor || options.ChunkImages < 1) return false;
        var (dir, keyText) = Location(dataset, images, minimumSide, options);
        var keyPath = Path.Combine(dir, "key.txt");
        if (!File.Exists(keyPath) || File.ReadAllText(keyPath) != keyText) return false;
        var chunks = (dataset.Images.Count + options.ChunkImages - 1) / options.ChunkImages;
        for (var c = 0; c < chunks; c++)
            if (!File.Exists(Path.Combine(dir, IndexName(c)))) return false;
        return true;
    }

    private static (string Directory, string KeyText) Location(ImageDataset dataset, IImagePreprocessor images, int minimumSide, PixelCacheOptions options)
    {
        var (width, height) = (images.Width, images.Height);
        var keyText = KeyText(dataset, images, minimumSide) + $"chunk {options.ChunkImages}\n";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keyText)))[..16];
        return (Path.Combine(Path.GetFullPath(options.Root), ExtractionPipeline.SafeFileName(dataset.Name), $"{width}x{height}-{key}"), keyText);
    }

    /// <summary>Whether every chunk of this store has been written (see the static <see cref="HoldsAll(ImageDataset, IImagePreprocessor, int, PixelCacheOptions)"/>).</summary>
    public bool HoldsAll()
    {
        var chunks = (_dataset.Images.Count + ChunkImages - 1) / ChunkImages;
        for (var c = 0; c < chunks; c++)
            if (!File.Exists(IndexPath(c))) return false;
        return true;
    }

    /// <summary>Everything the cached pixels depend on, as stable text.</summary>
    internal static string KeyText(ImageDataset dataset, IImagePreprocessor images, int minimumSide) =>
        string.Join('\n',
            $"format {FormatVersion}",
            $"dataset {dataset.Name}",
            $"root {Path.GetFullPath(dataset.Root)}",
            $"files {dataset.FileListHash()}",
            $"preprocessing {images.Describe()}{FlipTest.Describe(false)}",
            $"input {images.Width}x{images.Height} RGB uint8",
            $"minimum side {minimumSide}",
            $"decoder SkiaSharp {typeof(SkiaSharp.SKCodec).Assembly.GetName().Version} native {SkiaSharp.SkiaSharpVersion.Native}; region decode 1",
            "");

    /// <summary>The cached preparation of dataset image <paramref name="index"/>, or null when it is not cached (or stale).</summary>
    public PreparedImage? TryGet(int index)
    {
        var chunk = Load(index / ChunkImages);
        if (chunk is null) return null;
        var slot = index - chunk.Index.First;
        Interlocked.Increment(ref _hits);
        if (chunk.Reasons.TryGetValue(slot, out var reason)) return new PreparedImage(index, null, null, reason);
        var pixels = chunk.Data.AsSpan(slot * _bytesPerImage, _bytesPerImage).ToArray();
        return new PreparedImage(index, new RgbImage(Width, Height, pixels), null, null);
    }

    /// <summary>Records a freshly prepared image; a chunk is written once all its images are in.</summary>
    /// <param name="cacheable">False for outcomes that may change without the file changing (unreadable file, exception).</param>
    public void Put(int index, RgbImage? input, string? skipReason, bool cacheable)
    {
        var c = index / ChunkImages;
        var first = c * ChunkImages;
        var count = Math.Min(ChunkImages, _dataset.Images.Count - first);
        PendingChunk? complete = null;
        lock (_gate)
        {
            if (!_pending.TryGetValue(c, out var pending))
            {
                // Chunks fill in parallel: the limit counts the bytes of chunks still filling, not only those written.
                if (_bytesOnDisk + _bytesReserved + (long)count * _bytesPerImage > _maxBytes) return;
                // Bound memory: a run that covers only parts of chunks (a resumed extraction) drops the oldest.
                if (_pending.Count >= 4)
                {
                    var oldest = _pending.Keys.Min();
                    _bytesReserved -= _pending[oldest].Data.Length;
                    _pending.Remove(oldest);
                }
                pending = _pending[c] = new PendingChunk(first, count, new byte[count * _bytesPerImage]);
                _bytesReserved += pending.Data.Length;
            }
            var slot = index - first;
            if (pending.Filled[slot]) return;
            pending.Filled[slot] = true;
            pending.FilledCount++;
            if (!cacheable) pending.Poisoned = true;
            if (input is not null)
            {
                if (input.Width != Width || input.Height != Height) throw new InvalidOperationException("Prepared image has the wrong size for the pixel cache.");
                input.Pixels.CopyTo(pending.Data.AsSpan(slot * _bytesPerImage));
            }
            else pending.Reasons[slot] = skipReason ?? "skipped";
            if (pending.FilledCount == count)
            {
                _pending.Remove(c);
                _bytesReserved -= pending.Data.Length;
                if (!pending.Poisoned)
                {
                    complete = pending;
                    _bytesOnDisk += pending.Data.Length;
                }
            }
        }
        if (complete is not null) Write(c, complete);
    }

    private void Write(int c, PendingChunk chunk)
    {
        var files = new long[chunk.Count][];
        for (var i = 0; i < chunk.Count; i++)
        {
            var stamp = Stamp(_dataset.Images[chunk.First + i].FullPath);
            if (stamp is null) return; // the file went away meanwhile: do not cache
            files[i] = stamp;
        }
        var index = new PixelChunkIndex(FormatVersion, c, chunk.First, chunk.Count, Width, Height,
            Convert.ToHexStringLower(SHA256.HashData(chunk.Data)), files,
            chunk.Reasons.OrderBy(r => r.Key).Select(r => new PixelSkip(r.Key, r.Value)).ToArray(), FastHash(chunk.Data));
        AtomicFile.Write(DataPath(c), s => s.Write(chunk.Data));
        AtomicFile.WriteAllText(IndexPath(c), JsonSerializer.Serialize(index, Json));
        Interlocked.Increment(ref _written);
    }

    private LoadedChunk? Load(int c)
    {
        lock (_gate)
        {
            if (_loaded.TryGetValue(c, out var known)) return known;
        }
        var loaded = TryRead(c);
        lock (_gate)
        {
            if (_loaded.TryGetValue(c, out var raced)) return raced;
            _loaded[c] = loaded;
            _loadOrder.AddLast(c);
            while (_loadOrder.Count > LoadedChunksKept)
            {
                _loaded.Remove(_loadOrder.First!.Value);
                _loadOrder.RemoveFirst();
            }
            return loaded;
        }
    }

    private LoadedChunk? TryRead(int c)
    {
        var first = c * ChunkImages;
        var count = Math.Min(ChunkImages, _dataset.Images.Count - first);
        try
        {
            if (!File.Exists(IndexPath(c))) return null;
            var index = JsonSerializer.Deserialize<PixelChunkIndex>(File.ReadAllText(IndexPath(c)), Json);
            if (index is null || index.Format != FormatVersion || index.Chunk != c || index.First != first || index.Count != count
                || index.Width != Width || index.Height != Height || index.Files.Length != count) return null;
            for (var i = 0; i < count; i++)
            {
                var stamp = Stamp(_dataset.Images[first + i].FullPath);
                if (stamp is null || index.Files[i] is not { Length: 2 } recorded || recorded[0] != stamp[0] || recorded[1] != stamp[1]) return null;
            }
            var data = ReadExactly(DataPath(c), count * _bytesPerImage);
            if (data is null) return null;
            // Chunks written since the fast hash was added carry it and are checked with it (about 20x
            // faster than SHA-256 on this path, which runs on the inference thread when everything is cached);
            // older ones are checked with their SHA-256.
            if (index.DataXxHash3 is { } fast ? FastHash(data) != fast : Convert.ToHexStringLower(SHA256.HashData(data)) != index.DataSha256) return null;
            var reasons = new Dictionary<int, string>();
            foreach (var skip in index.Skipped)
            {
                if (skip.Slot < 0 || skip.Slot >= count) return null;
                reasons[skip.Slot] = skip.Reason;
            }
            return new LoadedChunk(index, data, reasons);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string FastHash(byte[] data) => Convert.ToHexStringLower(System.IO.Hashing.XxHash3.Hash(data));

    /// <summary>The file's bytes when it has exactly <paramref name="length"/> of them, else null (read into an array that is not zeroed first).</summary>
    private static byte[]? ReadExactly(string path, int length)
    {
        using var handle = File.OpenHandle(path);
        if (RandomAccess.GetLength(handle) != length) return null;
        var data = GC.AllocateUninitializedArray<byte>(length);
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, data.AsSpan(read), read);
            if (n == 0) return null;
            read += n;
        }
        return data;
    }

    /// <summary>[size in bytes, last write time in UTC ticks], or null when the file cannot be read.</summary>
    private static long[]? Stamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? [info.Length, info.LastWriteTimeUtc.Ticks] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long FolderBytes(string root)
    {
        if (!System.IO.Directory.Exists(root)) return 0;
        long total = 0;
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories)) total += file.Length;
        return total;
    }

    private string DataPath(int c) => Path.Combine(_dir, $"chunk-{c:D5}.u8");
    private string IndexPath(int c) => Path.Combine(_dir, IndexName(c));
    private static string IndexName(int c) => $"chunk-{c:D5}.json";

    private sealed record LoadedChunk(PixelChunkIndex Index, byte[] Data, Dictionary<int, string> Reasons);

    private sealed class PendingChunk(int first, int count, byte[] data)
    {
        public int First { get; } = first;
        public int Count { get; } = count;
        public byte[] Data { get; } = data;
        public bool[] Filled { get; } = new bool[count];
        public Dictionary<int, string> Reasons { get; } = new();
        public int FilledCount { get; set; }
        public bool Poisoned { get; set; }
    }
}

/// <summary>A pixel chunk's index. <see cref="DataXxHash3"/> (XXH3-64 of the data, hex) is absent in chunks written before it was added.</summary>
internal sealed record PixelChunkIndex(int Format, int Chunk, int First, int Count, int Width, int Height, string DataSha256, long[][] Files, PixelSkip[] Skipped,
    string? DataXxHash3 = null);

internal sealed record PixelSkip(int Slot, string Reason);
