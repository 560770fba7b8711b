namespace FaceCompat.Alignment;

/// <summary>
/// One detected face: box corners, score (0..1) and BlazeFace's six keypoints (x, y pairs: the eye seen
/// on the image's left, the other eye, nose tip, mouth centre, the two ear tragions), all in the
/// coordinates of the image they refer to.
/// </summary>
internal sealed record FaceBox(float X1, float Y1, float X2, float Y2, float Score, float[] Keypoints)
{
    public float Width => X2 - X1;
    public float Height => Y2 - Y1;
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    public float IntersectionOverUnion(FaceBox other)
    {
        var iw = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        var ih = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        if (iw <= 0 || ih <= 0) return 0;
        var inter = iw * ih;
        var union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
