using FaceCompat.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Imaging;

/// <summary>Synthetic images and their encodings for tests.</summary>
internal static class TestImages
{
    /// <summary>A deterministic colourful image (different in every pixel and channel).</summary>
    public static RgbImage Pattern(int width, int height, int seed = 0)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var p = (y * width + x) * 3;
            pixels[p] = (byte)(x * 7 + y * 3 + seed);
            pixels[p + 1] = (byte)(x * 2 + y * 11 + 2 * seed);
            pixels[p + 2] = (byte)((x ^ y) * 5 + 3 * seed);
        }
        return new RgbImage(width, height, pixels);
    }

    public static byte[] Encode(RgbImage image, SKEncodedImageFormat format, int quality = 95)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var p = (y * image.Width + x) * 3;
            bitmap.SetPixel(x, y, new SKColor(image.Pixels[p], image.Pixels[p + 1], image.Pixels[p + 2]));
        }
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] EncodeGray(int width, int height, Func<int, int, byte> value, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var v = value(x, y);
            bitmap.SetPixel(x, y, new SKColor(v, v, v));
        }
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }
}
