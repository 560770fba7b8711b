using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// Warps an image by a similarity into a new frame with bilinear sampling (the equivalent of OpenCV's
/// <c>warpAffine(image, M, size)</c> with INTER_LINEAR and a black border): output pixel (u, v) takes the
/// source value at <c>imageToOutput⁻¹(u, v)</c>, in pixel-index coordinates.
/// </summary>
internal static class FaceWarp
{
    public static RgbImage Warp(RgbImage image, SimilarityTransform imageToOutput, int width, int height)
    {
        var inverse = imageToOutput.Inverse();
        var output = new byte[width * height * 3];
        Span<float> rgb = stackalloc float[3];
        for (var v = 0; v < height; v++)
        {
            for (var u = 0; u < width; u++)
            {
                var (x, y) = inverse.Apply(u, v);
                BilinearSampler.Sample(image, x, y, rgb);
                var o = (v * width + u) * 3;
                output[o] = ToByte(rgb[0]);
                output[o + 1] = ToByte(rgb[1]);
                output[o + 2] = ToByte(rgb[2]);
            }
        }
        return new RgbImage(width, height, output);
    }

    private static byte ToByte(float value)
    {
        var r = MathF.Round(value, MidpointRounding.AwayFromZero);
        return r <= 0 ? (byte)0 : r >= 255 ? (byte)255 : (byte)r;
    }
}
