namespace FaceCompat.Alignment;

/// <summary>
/// Decodes BlazeFace's raw rows (per anchor: score logit, centre offset x, y, box width, height, then six
/// keypoint offsets x, y) into boxes in input pixels, as @vladmandic/human's blazeface.ts
/// <c>decodeBoxes</c> and <c>getBoxes</c>: centre = offset + anchor, corners = centre -/+ size / 2,
/// score = sigmoid(logit), keypoint = offset + anchor.
/// </summary>
internal static class BlazeFaceDecoder
{
    public const int ValuesPerAnchor = 17;

    /// <summary>All anchors whose score exceeds <paramref name="minScore"/>.</summary>
    public static List<FaceBox> Decode(ReadOnlySpan<float> rows, ReadOnlySpan<float> anchors, float minScore)
    {
        var count = anchors.Length / 2;
        if (rows.Length != count * ValuesPerAnchor)
            throw new ArgumentException($"Expected {count} x {ValuesPerAnchor} values, got {rows.Length}.", nameof(rows));
        var boxes = new List<FaceBox>();
        for (var i = 0; i < count; i++)
        {
            var r = rows.Slice(i * ValuesPerAnchor, ValuesPerAnchor);
            var score = Sigmoid(r[0]);
            if (!(score > minScore)) continue;
            float ax = anchors[2 * i], ay = anchors[2 * i + 1];
            float cx = r[1] + ax, cy = r[2] + ay, hw = r[3] / 2, hh = r[4] / 2;
            var keypoints = new float[12];
            for (var k = 0; k < 6; k++)
            {
                keypoints[2 * k] = r[5 + 2 * k] + ax;
                keypoints[2 * k + 1] = r[6 + 2 * k] + ay;
            }
            boxes.Add(new FaceBox(cx - hw, cy - hh, cx + hw, cy + hh, score, keypoints));
        }
        return boxes;
    }

    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
