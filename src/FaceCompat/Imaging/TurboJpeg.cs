using System.Runtime.InteropServices;

namespace FaceCompat.Imaging;

/// <summary>
/// Whole-image JPEG decoding through the system's TurboJPEG library (<c>libturbojpeg.so.0</c>, libjpeg-turbo
/// with its SIMD code; scripts/bootstrap.sh installs it). Skia's bundled libjpeg-turbo decodes the same
/// pixels about 2.5 times slower on this machine (0.78 against 0.32 ms of CPU for a 250x250 LFW image),
/// CPU that cold extraction shares with inference. The settings are Skia's: the accurate integer IDCT and fancy (smooth) chroma upsampling, so
/// the pixels are bit for bit the ones Skia gives (tests compare them on real and synthetic files).
/// Anything short of a clean decode — a missing library, an error, or even a warning such as a truncated
/// file — returns false, and the caller decodes with Skia, which also gives the skip reason.
/// </summary>
internal static unsafe class TurboJpeg
{
    private const int PixelFormatRgb = 0;            // TJPF_RGB
    private const int FlagAccurateDct = 4096;        // TJFLAG_ACCURATEDCT: JDCT_ISLOW, as Skia
    private const int FlagLimitScans = 32768;        // TJFLAG_LIMITSCANS: refuse progressive files with absurd scan counts

    private static readonly delegate* unmanaged<nint> InitDecompress;
    private static readonly delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int> DecompressHeader3;
    private static readonly delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int> Decompress2;
    private static readonly delegate* unmanaged<nint, int> Destroy;

    static TurboJpeg()
    {
        if (Environment.GetEnvironmentVariable("FACECOMPAT_JPEG") is "skia") return;
        if (!NativeLibrary.TryLoad("libturbojpeg.so.0", out var library)) return;
        if (!NativeLibrary.TryGetExport(library, "tjInitDecompress", out var init)
            || !NativeLibrary.TryGetExport(library, "tjDecompressHeader3", out var header)
            || !NativeLibrary.TryGetExport(library, "tjDecompress2", out var decompress)
            || !NativeLibrary.TryGetExport(library, "tjDestroy", out var destroy))
            return;
        InitDecompress = (delegate* unmanaged<nint>)init;
        DecompressHeader3 = (delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int>)header;
        Decompress2 = (delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int>)decompress;
        Destroy = (delegate* unmanaged<nint, int>)destroy;
        Available = true;
    }

    /// <summary>Whether the library was found (FACECOMPAT_JPEG=skia turns it off).</summary>
    public static bool Available { get; }

    /// <summary>
    /// Decodes the whole JPEG into <paramref name="rgb"/> (width x height x 3, rows packed) when its header
    /// says <paramref name="width"/> x <paramref name="height"/>. False on any problem (see the class remarks).
    /// </summary>
    public static bool TryDecodeRgb(ReadOnlySpan<byte> jpeg, int width, int height, Span<byte> rgb)
    {
        if (!Available || rgb.Length < (long)width * height * 3) return false;
        // A fresh decompressor per file: libjpeg-turbo 2.1's tjDecompress2 leaves the handle's progress manager pointing
        // into its own, returned, stack frame (TJFLAG_LIMITSCANS), so a reused handle read that dangling pointer and
        // sometimes failed a clean file. Creating and destroying one costs 0.2 µs against ~190 µs for an LFW decode.
        var handle = InitDecompress();
        if (handle == 0) return false;
        try
        {
            return Decode(handle, jpeg, width, height, rgb);
        }
        finally
        {
            Destroy(handle);
        }
    }

    private static bool Decode(nint handle, ReadOnlySpan<byte> jpeg, int width, int height, Span<byte> rgb)
    {
        fixed (byte* source = jpeg)
        fixed (byte* target = rgb)
        {
            int w, h, subsampling, colourspace;
            if (DecompressHeader3(handle, source, (nuint)jpeg.Length, &w, &h, &subsampling, &colourspace) != 0) return false;
            if (w != width || h != height) return false;
            return Decompress2(handle, source, (nuint)jpeg.Length, target, width, width * 3, height, PixelFormatRgb,
                FlagAccurateDct | FlagLimitScans) == 0;
        }
    }
}
