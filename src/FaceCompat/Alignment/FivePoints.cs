namespace FaceCompat.Alignment;

/// <summary>Reduces landmark sets to the alignment points.</summary>
internal static class FivePoints
{
    // MediaPipe mesh indices (human's meshAnnotations): eye contours (upper0 + lower0) of the eye seen on the
    // image's left (the subject's right) and of the other eye; nose tip; mouth corners.
    internal static readonly int[] LeftEyeContour = [246, 161, 160, 159, 158, 157, 173, 33, 7, 163, 144, 145, 153, 154, 155, 133];
    internal static readonly int[] RightEyeContour = [466, 388, 387, 386, 385, 384, 398, 263, 249, 390, 373, 374, 380, 381, 382, 362];
    public const int NoseTip = 1;
    public const int MouthLeft = 61;
    public const int MouthRight = 291;

    /// <summary>Five points from 468 mesh points (x, y pairs): eye centres are the means of the eye contours.</summary>
    public static float[] FromMesh(ReadOnlySpan<float> mesh)
    {
        var points = new float[10];
        Mean(mesh, LeftEyeContour, points.AsSpan(0, 2));
        Mean(mesh, RightEyeContour, points.AsSpan(2, 2));
        Copy(mesh, NoseTip, points.AsSpan(4, 2));
        Copy(mesh, MouthLeft, points.AsSpan(6, 2));
        Copy(mesh, MouthRight, points.AsSpan(8, 2));
        return points;
    }

    /// <summary>Four points from BlazeFace's six keypoints: eyes, nose tip, mouth centre (ears dropped).</summary>
    public static float[] FromDetector(ReadOnlySpan<float> keypoints) => keypoints[..8].ToArray();

    /// <summary>A five-point template reduced the same way as <see cref="FromDetector"/>: the mouth corners become their mean.</summary>
    public static float[] FourFromFive(ReadOnlySpan<float> five) =>
        [five[0], five[1], five[2], five[3], five[4], five[5], (five[6] + five[8]) / 2, (five[7] + five[9]) / 2];

    private static void Mean(ReadOnlySpan<float> mesh, int[] indices, Span<float> xy)
    {
        float x = 0, y = 0;
        foreach (var i in indices) { x += mesh[2 * i]; y += mesh[2 * i + 1]; }
        xy[0] = x / indices.Length;
        xy[1] = y / indices.Length;
    }

    private static void Copy(ReadOnlySpan<float> mesh, int i, Span<float> xy)
    {
        xy[0] = mesh[2 * i];
        xy[1] = mesh[2 * i + 1];
    }
}
