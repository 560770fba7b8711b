using System.Security.Cryptography;
using System.Text;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Inference;

namespace FaceCompat.Alignment;

/// <summary>
/// Landmarks are computed once per dataset (they do not depend on the recognition model) and cached at
/// <c>&lt;cache&gt;/landmarks/&lt;dataset&gt;-&lt;key&gt;.json</c>, written atomically; the key covers the
/// dataset's file list hash, the detector and mesh source file hashes and <see cref="Version"/>. While the
/// stage runs, its work is committed in chunks under <c>landmarks/.partial/</c> (<see cref="LandmarkChunks"/>),
/// so an interrupted run resumes with at most one chunk lost.
/// </summary>
public static class LandmarkCache
{
    /// <summary>Bump when the landmark stage changes its output for the same images and models.</summary>
    public const string Version = "1";

    public static LandmarkSet GetOrCompute(ImageDataset dataset, int threads = 2, EmbedderOptions? options = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default)
    {
        var (detector, mesh) = FaceLandmarker.Prepare(options);
        var modelsKey = Key("", detector, mesh);
        var key = Key(dataset.FileListHash(), detector, mesh);
        var root = options?.CacheRoot ?? FaceCompatPaths.CacheRoot;
        var path = Path.Combine(root, "landmarks", $"{ExtractionSafe(dataset.Name)}-{key[..16]}.json");
        if (File.Exists(path))
        {
            var cached = LandmarkSet.FromJson(File.ReadAllText(path), path);
            if (cached.Key == key && cached.Entries.Count == dataset.Images.Count) return cached;
        }
        var known = Reusable(Path.GetDirectoryName(path)!, modelsKey, Path.GetFullPath(dataset.Root));
        var chunks = new LandmarkChunks(Path.Combine(root, "landmarks", ".partial", Path.GetFileNameWithoutExtension(path)), key);
        var entries = Compute(dataset, threads, detector, mesh, progress, cancellation, known, chunks);
        var set = new LandmarkSet(key, dataset.Name, entries, path, modelsKey, Path.GetFullPath(dataset.Root));
        AtomicFile.WriteAllText(path, set.ToJson());
        chunks.Finish();
        return set;
    }

    /// <summary>
    /// Runs the landmark stage on every image, <paramref name="threads"/> images at a time (one ONNX thread
    /// each), in chunks committed to <paramref name="chunks"/> (null: in memory, nothing to resume).
    /// </summary>
    public static IReadOnlyList<LandmarkEntry> Compute(ImageDataset dataset, int threads, PreparedModel detector, PreparedModel mesh,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellation = default,
        IReadOnlyDictionary<string, LandmarkEntry>? known = null, LandmarkChunks? chunks = null, int chunkSize = LandmarkChunks.DefaultChunkSize)
    {
        threads = Math.Max(1, threads);
        var decoder = new ImageDecoder();
        var landmarkers = new List<FaceLandmarker>();
        try
        {
            var locators = new List<Func<DatasetImage, LandmarkEntry>>();
            for (var w = 0; w < threads; w++)
            {
                var landmarker = new FaceLandmarker(new BlazeFaceDetector(detector.Card, detector.OnnxPath, 1), new FaceMeshLandmarker(mesh.Card, mesh.OnnxPath, 1));
                landmarkers.Add(landmarker);
                locators.Add(image =>
                {
                    var bytes = SizeOf(image.FullPath);
                    return known is not null && known.TryGetValue(image.RelativePath, out var old) && old.Bytes == bytes && bytes >= 0
                        ? old
                        : Locate(landmarker, decoder, image) with { Bytes = bytes };
                });
            }
            return (chunks ?? new LandmarkChunks(null, "")).Run(dataset, chunkSize, locators, progress, cancellation);
        }
        finally
        {
            foreach (var l in landmarkers) l.Dispose();
        }
    }

    private static LandmarkEntry Locate(FaceLandmarker landmarker, ImageDecoder decoder, DatasetImage image)
    {
        try
        {
            var decoded = decoder.Decode(image.FullPath);
            if (!decoded.Ok) return new LandmarkEntry(image.RelativePath, null, decoded.SkipReason);
            var landmarks = landmarker.Locate(decoded.Image!);
            return landmarks is null
                ? new LandmarkEntry(image.RelativePath, null, $"no face found (BlazeFace score <= {BlazeFaceDetector.MinScore})")
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

    internal static string Key(string fileListHash, PreparedModel detector, PreparedModel mesh)
    {
        var text = new StringBuilder();
        text.Append("landmarks=").Append(Version).Append('\n').Append("files=").Append(fileListHash).Append('\n');
        foreach (var model in new[] { detector, mesh })
            foreach (var f in model.SourceFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
                text.Append(model.Card.Id).Append(':').Append(f.Key).Append('=').Append(f.Value.Sha256).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string ExtractionSafe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
