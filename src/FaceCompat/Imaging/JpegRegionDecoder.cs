using SkiaSharp;

namespace FaceCompat.Imaging;

/// <summary>
/// Decodes only the rows and columns of a JPEG around a region, through libjpeg-turbo's scanline API
/// as Skia exposes it (column subset = <c>jpeg_crop_scanline</c>, rows skipped with
/// <c>jpeg_skip_scanlines</c>, which still reads the entropy-coded data but skips the inverse DCT,
/// upsampling and colour conversion). Chroma upsampling near the edge of the decoded block can differ
/// from a whole-image decode, so the block is decoded with a margin around the region and only the
/// region is kept; the rows after the region are skipped up to the last row, which is decoded, so all
/// the entropy-coded data is read and truncated or corrupt data is noticed as a whole decode notices it. Any failure returns null and the caller decodes the
/// whole image (which also gives the reason). Equality with the whole decode is checked by tests on
/// real LFW images and on synthetic 4:4:4 / 4:2:2 / 4:2:0 / progressive files.
/// </summary>
internal static class JpegRegionDecoder
{
    public static RgbImage? TryDecodeCentral(ReadOnlySpan<byte> bytes, JpegFrame frame, double fraction)
    {
        // Grayscale and YCbCr (3 components) only; CMYK/YCCK goes through the whole decode.
        if (frame.Components is not (1 or 3)) return null;
        var (x, y, width, height) = ImageOps.CentralRegion(frame.Width, frame.Height, fraction);
        return TryDecode(bytes, frame, x, y, width, height);
    }

    public static RgbImage? TryDecode(ReadOnlySpan<byte> bytes, JpegFrame frame, int x, int y, int width, int height)
    {
        // The upsampling filter reaches one chroma sample (= max sampling factor pixels) beyond a pixel;
        // twice that is kept as margin on every side.
        var marginX = 2 * frame.MaxHorizontalSampling;
        var marginY = 2 * frame.MaxVerticalSampling;
        var left = Math.Max(0, x - marginX);
        var right = Math.Min(frame.Width, x + width + marginX);
        var top = Math.Max(0, y - marginY);
        var bottom = Math.Min(frame.Height, y + height + marginY);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg) return null;
        var info = codec.Info;
        if (info.Width != frame.Width || info.Height != frame.Height) return null;
        var full = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var options = new SKCodecOptions(new SKRectI(left, 0, right, info.Height));
        if (codec.StartScanlineDecode(full, options) != SKCodecResult.Success) return null;
        if (codec.ScanlineOrder != SKCodecScanlineOrder.TopDown) return null;
        var blockWidth = right - left;
        var blockRows = bottom - top;
        var rowBytes = blockWidth * 4;
        // About 100 KB for LFW's crop: pooled, because a fresh large-object array per image costs page
        // faults and full collections.
        var block = System.Buffers.ArrayPool<byte>.Shared.Rent(blockRows * rowBytes);
        try
        {
            int got;
            if (top > 0 && !codec.SkipScanlines(top)) return null;
            unsafe
            {
                fixed (byte* p = block) got = codec.GetScanlines((IntPtr)p, blockRows, rowBytes);
            }
            if (got != blockRows) return null;
            if (bottom < info.Height)
            {
                // libjpeg-turbo skips straight to the end of the image without reading the data, so skip to
                // the last row and decode it: all entropy-coded data is then read, as a whole decode reads it.
                if (bottom < info.Height - 1 && !codec.SkipScanlines(info.Height - 1 - bottom)) return null;
                unsafe
                {
                    fixed (byte* p = block) got = codec.GetScanlines((IntPtr)p, 1, rowBytes);
                }
                if (got != 1) return null;
            }

            var rgb = new byte[width * height * 3];
            var offsetX = x - left;
            for (var row = 0; row < height; row++)
            {
                var source = block.AsSpan((row + y - top) * rowBytes + offsetX * 4, width * 4);
                PixelConversions.RgbaToRgb(source, rgb.AsSpan(row * width * 3, width * 3));
            }
            return new RgbImage(width, height, rgb);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(block);
        }
    }
}
