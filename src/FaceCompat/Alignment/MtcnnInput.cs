using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// The tensors MTCNN.kt feeds its nets. A region of the image is scaled as Android's
/// <c>Bitmap.createBitmap(source, x, y, w, h, scaleMatrix, filter = true)</c> does (bilinear, pixel centres at
/// +0.5, edges clamped to the source bitmap, result stored as 8-bit), normalised as MyUtil.normalizeImage
/// ((p - 127.5) / 128, R, G, B) and written transposed (MyUtil.transposeImage / transposeBatch): the
/// first spatial axis is x, so one image is [width][height][3].
/// </summary>
internal static class MtcnnInput
{
    public const float Mean = 127.5f;
    public const float Std = 128f;

    /// <summary>
    /// The region (left, top, width, height) scaled by (<paramref name="scaleX"/>, <paramref name="scaleY"/>) into
    /// outWidth x outHeight, written transposed into <paramref name="output"/> (outWidth * outHeight * 3 values).
    /// </summary>
    public static void ScaleTransposed(RgbImage image, int left, int top, float scaleX, float scaleY, int outWidth, int outHeight, Span<float> output)
    {
        var p = image.Pixels;
        var stride = image.Width * 3;
        var ys = new (int Y0, int Y1, float F)[outHeight];
        for (var y = 0; y < outHeight; y++) ys[y] = Taps(top + (y + 0.5) / scaleY - 0.5, image.Height);
        for (var x = 0; x < outWidth; x++)
        {
            var (x0, x1, fx) = Taps(left + (x + 0.5) / scaleX - 0.5, image.Width);
            for (var y = 0; y < outHeight; y++)
            {
                var (y0, y1, fy) = ys[y];
                var o = (x * outHeight + y) * 3;
                for (var c = 0; c < 3; c++)
                {
                    float a = p[y0 * stride + x0 * 3 + c], b = p[y0 * stride + x1 * 3 + c];
                    float d = p[y1 * stride + x0 * 3 + c], e = p[y1 * stride + x1 * 3 + c];
                    var top0 = a + (b - a) * fx;
                    var bottom = d + (e - d) * fx;
                    var value = MathF.Round(top0 + (bottom - top0) * fy, MidpointRounding.AwayFromZero);
                    output[o + c] = (value - Mean) / Std;
                }
            }
        }
    }

    /// <summary>The whole image scaled by <paramref name="scale"/> for P-Net: [scaledWidth][scaledHeight][3].</summary>
    public static float[] Pyramid(RgbImage image, float scale, out int width, out int height)
    {
        (width, height) = MtcnnPyramid.ScaledSize(image.Width, image.Height, scale);
        var output = new float[width * height * 3];
        ScaleTransposed(image, 0, 0, scale, scale, width, height, output);
        return output;
    }

    /// <summary>MyUtil.cropAndResize of a box to size x size (transposed), written at <paramref name="output"/>.</summary>
    public static void Crop(RgbImage image, MtcnnBox box, int size, Span<float> output) =>
        ScaleTransposed(image, box.X1, box.Y1, (float)size / box.Width, (float)size / box.Height, size, size, output);

    /// <summary>Whether Android's createBitmap accepts the box as a crop of the image (MTCNN.kt loses every face when it does not).</summary>
    public static bool Fits(MtcnnBox box, int width, int height) =>
        box.X1 >= 0 && box.Y1 >= 0 && box.Width > 0 && box.Height > 0 && box.X1 + box.Width <= width && box.Y1 + box.Height <= height;

    private static (int I0, int I1, float F) Taps(double at, int size)
    {
        at = Math.Clamp(at, 0, size - 1);
        var i0 = (int)at;
        return (i0, Math.Min(i0 + 1, size - 1), (float)(at - i0));
    }
}
