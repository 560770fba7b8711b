namespace FaceCompat.Imaging;

/// <summary>Pixel-exact geometric operations on <see cref="RgbImage"/>: crop and mirror.</summary>
internal static class ImageOps
{
    /// <summary>Copies the rectangle (x, y, width, height), which must lie inside the image.</summary>
    public static RgbImage Crop(RgbImage image, int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > image.Width || y + height > image.Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Crop ({x},{y},{width}x{height}) is outside the {image.Width}x{image.Height} image.");
        var output = new byte[width * height * 3];
        var rowBytes = width * 3;
        for (var row = 0; row < height; row++)
            image.Pixels.AsSpan(((y + row) * image.Width + x) * 3, rowBytes).CopyTo(output.AsSpan(row * rowBytes, rowBytes));
        return new RgbImage(width, height, output);
    }

    /// <summary>
    /// The central square-ish region covering <paramref name="fraction"/> of each side, centred with
    /// integer offsets (for the 250x250 LFW frame and 0.6: the 150x150 block at (50, 50)).
    /// </summary>
    public static RgbImage CropCentral(RgbImage image, double fraction)
    {
        var (x, y, width, height) = CentralRegion(image.Width, image.Height, fraction);
        return Crop(image, x, y, width, height);
    }

    /// <summary>The rectangle <see cref="CropCentral"/> keeps of an image of the given size.</summary>
    public static (int X, int Y, int Width, int Height) CentralRegion(int imageWidth, int imageHeight, double fraction)
    {
        if (fraction <= 0 || fraction > 1) throw new ArgumentOutOfRangeException(nameof(fraction), "Fraction must be in (0, 1].");
        var width = Math.Max(1, (int)Math.Round(imageWidth * fraction, MidpointRounding.AwayFromZero));
        var height = Math.Max(1, (int)Math.Round(imageHeight * fraction, MidpointRounding.AwayFromZero));
        return ((imageWidth - width) / 2, (imageHeight - height) / 2, width, height);
    }

    /// <summary>The left-right mirror image.</summary>
    public static RgbImage FlipHorizontal(RgbImage image)
    {
        var output = new byte[image.Pixels.Length];
        var w = image.Width;
        for (var y = 0; y < image.Height; y++)
        {
            var row = y * w * 3;
            for (var x = 0; x < w; x++)
            {
                var s = row + x * 3;
                var d = row + (w - 1 - x) * 3;
                output[d] = image.Pixels[s];
                output[d + 1] = image.Pixels[s + 1];
                output[d + 2] = image.Pixels[s + 2];
            }
        }
        return new RgbImage(image.Width, image.Height, output);
    }
}
