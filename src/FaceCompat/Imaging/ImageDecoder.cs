using SkiaSharp;

namespace FaceCompat.Imaging;

/// <summary>
/// Decodes untrusted image files into <see cref="RgbImage"/> with SkiaSharp (JPEG, PNG, GIF, BMP,
/// WebP, ...) and a small managed reader for PGM/PPM. YCbCr and grayscale JPEGs go first through the
/// system TurboJPEG library (<see cref="TurboJpeg"/>: the same pixels, faster), and to Skia when it
/// refuses them. Grayscale and CMYK input comes out as RGB; the first frame of an animation is used. Anything unusable — empty, truncated, corrupt, not an image,
/// smaller than <see cref="MinimumSide"/> — is reported as a skip reason, never thrown.
/// </summary>
internal sealed class ImageDecoder
{
    public const int DefaultMinimumSide = 32;
    internal const long MaximumPixels = 64L * 1024 * 1024;

    public ImageDecoder(int minimumSide = DefaultMinimumSide)
    {
        if (minimumSide < 1) throw new ArgumentOutOfRangeException(nameof(minimumSide));
        MinimumSide = minimumSide;
    }

    /// <summary>Images with a side shorter than this are skipped as too small.</summary>
    public int MinimumSide { get; }

    public DecodeResult Decode(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DecodeResult.Skip($"unreadable file: {ex.Message}");
        }
        return Decode(bytes);
    }

    /// <summary>
    /// The central crop of an image (<see cref="ImageOps.CropCentral"/>), bitwise equal to decoding the
    /// whole image and cropping it, and with the same skip reasons. Baseline and progressive YCbCr or
    /// grayscale JPEGs are decoded whole by TurboJPEG and cropped, or, without it, decoded only around the
    /// crop by Skia (see <see cref="JpegRegionDecoder"/>); anything else, or any JPEG whose fast decode
    /// reports a problem, goes through the whole decode.
    /// </summary>
    public DecodeResult DecodeCentral(string path, double fraction)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DecodeResult.Skip($"unreadable file: {ex.Message}");
        }
        return DecodeCentral(bytes, fraction);
    }

    /// <inheritdoc cref="DecodeCentral(string, double)"/>
    public DecodeResult DecodeCentral(ReadOnlySpan<byte> bytes, double fraction)
    {
        if (fraction <= 0 || fraction > 1) throw new ArgumentOutOfRangeException(nameof(fraction), "Fraction must be in (0, 1].");
        var frame = fraction < 1 ? DecodableJpeg(bytes) : null;
        if (frame is { } f && (TurboCentral(bytes, f, fraction) ?? JpegRegionDecoder.TryDecodeCentral(bytes, f, fraction)) is { } region)
            return DecodeResult.Success(region);
        // TurboJPEG refused this one already (any problem at all): the whole decode goes straight to Skia.
        var whole = Decode(bytes, tryTurbo: frame is null);
        return whole.Ok && fraction < 1 ? DecodeResult.Success(ImageOps.CropCentral(whole.Image!, fraction)) : whole;
    }

    public DecodeResult Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, tryTurbo: true);

    private DecodeResult Decode(ReadOnlySpan<byte> bytes, bool tryTurbo)
    {
        if (bytes.Length == 0) return DecodeResult.Skip("empty file (0 bytes)");
        var result = NetpbmDecoder.IsNetpbm(bytes) ? NetpbmDecoder.Decode(bytes)
            : tryTurbo && DecodableJpeg(bytes) is { } frame && TurboWhole(bytes, frame) is { } fast ? DecodeResult.Success(fast)
            : DecodeWithSkia(bytes);
        if (result.Image is { } image && (image.Width < MinimumSide || image.Height < MinimumSide))
            return DecodeResult.Skip($"image too small ({image.Width}x{image.Height}, minimum side {MinimumSide} px)");
        return result;
    }

    /// <summary>The frame of a JPEG that the fast paths may decode: YCbCr or grayscale, within the size limits.</summary>
    private JpegFrame? DecodableJpeg(ReadOnlySpan<byte> bytes) =>
        JpegFrame.TryRead(bytes) is { Components: 1 or 3 } frame && frame.Width >= MinimumSide && frame.Height >= MinimumSide
        && (long)frame.Width * frame.Height <= MaximumPixels ? frame : null;

    private static RgbImage? TurboWhole(ReadOnlySpan<byte> bytes, JpegFrame frame)
    {
        if (!TurboJpeg.Available) return null;
        var rgb = new byte[frame.Width * frame.Height * 3];
        return TurboJpeg.TryDecodeRgb(bytes, frame.Width, frame.Height, rgb) ? new RgbImage(frame.Width, frame.Height, rgb) : null;
    }

    /// <summary>The whole decode through TurboJPEG into a pooled buffer, then the crop copied out.</summary>
    private static RgbImage? TurboCentral(ReadOnlySpan<byte> bytes, JpegFrame frame, double fraction)
    {
        if (!TurboJpeg.Available) return null;
        var rowBytes = frame.Width * 3;
        var whole = System.Buffers.ArrayPool<byte>.Shared.Rent(frame.Height * rowBytes);
        try
        {
            if (!TurboJpeg.TryDecodeRgb(bytes, frame.Width, frame.Height, whole)) return null;
            var (x, y, width, height) = ImageOps.CentralRegion(frame.Width, frame.Height, fraction);
            var crop = new byte[width * height * 3];
            for (var row = 0; row < height; row++)
                whole.AsSpan((y + row) * rowBytes + x * 3, width * 3).CopyTo(crop.AsSpan(row * width * 3));
            return new RgbImage(width, height, crop);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(whole);
        }
    }

    internal static DecodeResult DecodeWithSkia(ReadOnlySpan<byte> bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var createResult);
        if (codec is null)
            return DecodeResult.Skip(createResult == SKCodecResult.IncompleteInput
                ? "truncated image header"
                : "not a recognised image format");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) return DecodeResult.Skip("image has no pixels");
        if ((long)info.Width * info.Height > MaximumPixels)
            return DecodeResult.Skip($"image too large ({info.Width}x{info.Height})");

        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[target.BytesSize];
        SKCodecResult decoded;
        unsafe
        {
            fixed (byte* p = rgba)
                decoded = codec.GetPixels(target, (IntPtr)p);
        }
        var format = codec.EncodedFormat.ToString().ToUpperInvariant();
        switch (decoded)
        {
            case SKCodecResult.Success:
                break;
            case SKCodecResult.IncompleteInput:
            case SKCodecResult.ErrorInInput:
                return DecodeResult.Skip($"truncated or corrupt {format} data ({decoded})");
            default:
                return DecodeResult.Skip($"{format} could not be decoded ({decoded})");
        }
        // Alpha is dropped; transparent pixels keep their colour values (unpremultiplied).
        var rgb = new byte[info.Width * info.Height * 3];
        PixelConversions.RgbaToRgb(rgba, rgb);
        return DecodeResult.Success(new RgbImage(info.Width, info.Height, rgb));
    }
}
