using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// Bilinear sampling of an <see cref="RgbImage"/> at real pixel-index coordinates ((0,0) is the centre of
/// the top-left pixel). Points outside [0, W-1] x [0, H-1] read as black, like OpenCV's warpAffine with a
/// constant zero border and TensorFlow's cropAndResize extrapolation value 0.
/// </summary>
internal static class BilinearSampler
{
    /// <summary>Writes R, G, B (0..255, unrounded) of the point (x, y) into <paramref name="rgb"/>.</summary>
    public static void Sample(RgbImage image, double x, double y, Span<float> rgb)
    {
        if (!(x >= 0 && y >= 0 && x <= image.Width - 1 && y <= image.Height - 1))
        {
            rgb[0] = rgb[1] = rgb[2] = 0f;
            return;
        }
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, image.Width - 1);
        var y1 = Math.Min(y0 + 1, image.Height - 1);
        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var p = image.Pixels;
        var stride = image.Width * 3;
        int i00 = y0 * stride + x0 * 3, i01 = y0 * stride + x1 * 3, i10 = y1 * stride + x0 * 3, i11 = y1 * stride + x1 * 3;
        for (var c = 0; c < 3; c++)
        {
            var top = p[i00 + c] + (p[i01 + c] - p[i00 + c]) * fx;
            var bottom = p[i10 + c] + (p[i11 + c] - p[i10 + c]) * fx;
            rgb[c] = top + (bottom - top) * fy;
        }
    }
}
