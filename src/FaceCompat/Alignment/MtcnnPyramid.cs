namespace FaceCompat.Alignment;

/// <summary>
/// P-Net's image pyramid as MTCNN.kt builds it: face sizes from the minimum face size up to the shorter
/// image side, each <see cref="Factor"/>^-1 times the previous (Float maths); each face size s scales the
/// image by 12 / s, so a face of that size fills P-Net's 12x12 window. The minimum face size is
/// FaceDetectionManager.kt's: <see cref="MinFaceRatio"/> of the image width, truncated.
/// </summary>
internal static class MtcnnPyramid
{
    public const float Factor = 0.709f;
    public const float MinFaceRatio = 0.2f;
    public const int Window = 12;

    public static int MinFaceSize(int imageWidth) => (int)(imageWidth * MinFaceRatio);

    public static List<float> Scales(int width, int height, int minFaceSize)
    {
        var whMin = Math.Min(width, height);
        var faceSize = (float)minFaceSize;
        var scales = new List<float>();
        if (faceSize <= 0) return scales; // MTCNN.kt would loop forever; an image this small (width < 5) has no face size to try
        while (faceSize <= whMin)
        {
            scales.Add(Window / faceSize);
            faceSize /= Factor;
        }
        return scales;
    }

    /// <summary>The scaled bitmap's size: Android's createBitmap maps the size through the scale matrix and rounds (Java Math.round).</summary>
    public static (int Width, int Height) ScaledSize(int width, int height, float scale) => (JavaRound(width * scale), JavaRound(height * scale));

    /// <summary>Java's Math.round(float): the nearest integer, halves up.</summary>
    public static int JavaRound(float value) => (int)MathF.Floor(value + 0.5f);
}
