using System.Security.Cryptography;
using System.Text;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Inference;

namespace FaceCompat.Alignment;

/// <summary>
/// Landmarks are computed once per dataset (they do not depend on the recognition model) and cached at
/// <c>&lt;cache&gt;/landmarks/&lt;dataset&gt;[-aligner]-&lt;key&gt;.json</c>, written atomically; the key covers the
/// aligner, the dataset's file list hash, the aligner's model source file hashes and <see cref="Version"/>, so
/// sets of different aligners never mix (and never share entries: <see cref="LandmarkSet.ModelsKey"/> differs). While the
/// stage runs, its work is committed in chunks under <c>landmarks/.partial/</c> (<see cref="LandmarkChunks"/>),
/// so an interrupted run resumes with at most one chunk lost.
/// </summary>
internal static class LandmarkCache
{
    /// <summary>Bump when the landmark stage changes its output for the same images and models.</summary>
    public const string Version = "1";

    public static LandmarkSet GetOrCompute(ImageDataset dataset, Aligner aligner, int threads = 2, EmbedderOptions? options = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        var prepared = PreparedAligner.Prepare(aligner, options);
        var modelsKey = Key("", prepared);
        var key = Key(dataset.FileListHash(), prepared);
        var root = options?.CacheRoot ?? FaceCompatPaths.CacheRoot;
        var path = Path.Combine(root, "landmarks", $"{ExtractionSafe(dataset.Name)}{FileTag(aligner)}-{key[..16]}.json");
        if (File.Exists(path))
        {
            var cached = LandmarkSet.FromJson(File.ReadAllText(path), path);
            if (cached.Key == key && cached.Entries.Count == dataset.Images.Count) return cached;
        }
        var known = Reusable(Path.GetDirectoryName(path)!, modelsKey, Path.GetFullPath(dataset.Root));
        var chunks = new LandmarkChunks(Path.Combine(root, "landmarks", ".partial", Path.GetFileNameWithoutExtension(path)), key);
        var entries = Compute(dataset, threads, prepared, progress, cancellation, known, chunks);
        var set = new LandmarkSet(key, dataset.Name, entries, path, modelsKey, Path.GetFullPath(dataset.Root), aligner);
        AtomicFile.WriteAllText(path, set.ToJson());
        chunks.Finish();
        return set;
    }

    /// <summary>
    /// Runs the landmark stage on every image, <paramref name="threads"/> images at a time (one ONNX thread
    /// each), in chunks committed to <paramref name="chunks"/> (null: in memory, nothing to resume).
    /// </summary>
    public static IReadOnlyList<LandmarkEntry> Compute(ImageDataset dataset, int threads, PreparedAligner aligner,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default,
        IReadOnlyDictionary<string, LandmarkEntry>? known = null, LandmarkChunks? chunks = null, int chunkSize = LandmarkChunks.DefaultChunkSize)
    {
        threads = Math.Max(1, threads);
        var decoder = new ImageDecoder();
        var landmarkers = new List<ILandmarker>();
        try
        {
            var locators = new List<Func<DatasetImage, LandmarkEntry>>();
            for (var w = 0; w < threads; w++)
            {
                var landmarker = aligner.Open(1);
                landmarkers.Add(landmarker);
                locators.Add(image =>
                {
                    var bytes = SizeOf(image.FullPath);
                    return known is not null && known.TryGetValue(image.RelativePath, out var old) && old.Bytes == bytes && bytes >= 0
                        ? old
                        : Locate(landmarker, aligner.NoFaceReason, decoder, image) with { Bytes = bytes };
                });
            }
            return (chunks ?? new LandmarkChunks(null, "")).Run(dataset, chunkSize, locators, progress, cancellation);
        }
        finally
        {
            foreach (var l in landmarkers) l.Dispose();
        }
    }

    private static LandmarkEntry Locate(ILandmarker landmarker, string noFace, ImageDecoder decoder, DatasetImage image)
    {
        try
        {
            var decoded = decoder.Decode(image.FullPath);
            if (!decoded.Ok) return new LandmarkEntry(image.RelativePath, null, decoded.SkipReason);
            var landmarks = landmarker.Locate(decoded.Image!);
            return landmarks is null
                ? new LandmarkEntry(image.RelativePath, null, noFace)
                : new LandmarkEntry(image.RelativePath, landmarks, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return new LandmarkEntry(image.RelativePath, null, $"landmarks failed: {ex.Message}");
        }
    }

    /// <summary>Entries of other cached sets made by the same models over the same root (e.g. the full dataset for a pair subset).</summary>
    private static Dictionary<string, LandmarkEntry> Reusable(string dir, string modelsKey, string root)
    {
        var known = new Dictionary<string, LandmarkEntry>(StringComparer.Ordinal);
        if (!Directory.Exists(dir)) return known;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            LandmarkSet set;
            try { set = LandmarkSet.FromJson(File.ReadAllText(file), file); }
            catch (Exception ex) when (ex is FaceCompatException or IOException) { continue; }
            if (set.ModelsKey != modelsKey || set.Root != root) continue;
            foreach (var e in set.Entries) if (e.Bytes >= 0) known.TryAdd(e.Path, e);
        }
        return known;
    }

    private static long SizeOf(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return -1; }
    }

    /// <summary>
    /// The cache key: stage version, file list and every landmark model file's hash. The mesh aligner's text
    /// is the one it had before there were several aligners (its cached sets and the aligned extractions
    /// keyed by them stay valid); other aligners add their name.
    /// </summary>
    internal static string Key(string fileListHash, PreparedAligner aligner)
    {
        var text = new StringBuilder();
        text.Append("landmarks=").Append(Version).Append('\n');
        if (aligner.Aligner != Aligner.Mesh) text.Append("aligner=").Append(AlignerNames.Name(aligner.Aligner)).Append('\n');
        text.Append("files=").Append(fileListHash).Append('\n');
        foreach (var model in aligner.Models)
            foreach (var f in model.SourceFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
                text.Append(model.Card.Id).Append(':').Append(f.Key).Append('=').Append(f.Value.Sha256).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>What the cache file's name adds after the dataset's: nothing for the mesh aligner (its files keep their names), "-mtcnn" for MTCNN.</summary>
    private static string FileTag(Aligner aligner) => aligner == Aligner.Mesh ? "" : "-" + AlignerNames.Name(aligner);

    private static string ExtractionSafe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
