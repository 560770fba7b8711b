using FaceCompat.Infrastructure;

namespace FaceCompat.Extraction;

/// <summary>
/// Where the prepared-pixel cache lives and how much disk it may take (see <see cref="PixelStore"/>).
/// When the folder holds <see cref="MaxBytes"/> or more, no new chunk is written (the extraction still
/// runs, decoding as usual); delete the folder to free the space.
/// </summary>
internal sealed record PixelCacheOptions(string Root, long MaxBytes = PixelCacheOptions.DefaultMaxBytes, int ChunkImages = PixelCacheOptions.DefaultChunkImages)
{
    /// <summary>Dataset images per cache file: 256 images of 224x224 are 37 MiB.</summary>
    public const int DefaultChunkImages = 256;

    /// <summary>8 GiB: full LFW at 64, 112, 150 and 224 px plus CFP at 224 px take about 4.3 GiB.</summary>
    public const long DefaultMaxBytes = 8L << 30;

    /// <summary>Environment variable overriding <see cref="MaxBytes"/>, in GiB (0 turns writing off).</summary>
    public const string MaxGibVariable = "FACECOMPAT_PIXEL_CACHE_GB";

    /// <summary><c>&lt;cache&gt;/pixels</c>, with the size limit from <see cref="MaxGibVariable"/> when set.</summary>
    public static PixelCacheOptions Default(string? cacheRoot = null)
    {
        var max = DefaultMaxBytes;
        if (Environment.GetEnvironmentVariable(MaxGibVariable) is { Length: > 0 } text)
        {
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var gib) || gib < 0)
                throw new FaceCompatException($"{MaxGibVariable}='{text}' is not a size in GiB.");
            max = (long)(gib * (1L << 30));
        }
        return new PixelCacheOptions(Path.Combine(cacheRoot ?? FaceCompatPaths.CacheRoot, "pixels"), max);
    }
}
