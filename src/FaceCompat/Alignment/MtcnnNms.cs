namespace FaceCompat.Alignment;

/// <summary>How MTCNN's NMS measures overlap: over the union, or over the smaller box (O-Net's last pass).</summary>
internal enum MtcnnOverlap { Union, Min }

/// <summary>
/// MTCNN.kt's <c>nms</c>, which is not TensorFlow's (<see cref="NonMaxSuppression"/>): boxes are visited in
/// their list order, not by score; every pair (i, j &gt; i) of boxes not yet deleted whose overlap (inclusive
/// integer areas) is at least the threshold deletes the lower-scored one (box i on a tie), and box i keeps
/// suppressing later boxes even after it was itself deleted in that pass. Marks <see cref="MtcnnBox.Deleted"/>.
/// </summary>
internal static class MtcnnNms
{
    public static void Apply(IReadOnlyList<MtcnnBox> boxes, float threshold, MtcnnOverlap overlap)
    {
        for (var i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            if (box.Deleted) continue;
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var other = boxes[j];
                if (other.Deleted) continue;
                if (Overlap(box, other, overlap) is not { } value || value < threshold) continue;
                if (box.Score > other.Score) other.Deleted = true;
                else box.Deleted = true;
            }
        }
    }

    /// <summary>Intersection over union (or over the smaller area) with inclusive integer corners; null when the boxes do not meet.</summary>
    public static float? Overlap(MtcnnBox a, MtcnnBox b, MtcnnOverlap overlap)
    {
        var x1 = Math.Max(a.X1, b.X1);
        var y1 = Math.Max(a.Y1, b.Y1);
        var x2 = Math.Min(a.X2, b.X2);
        var y2 = Math.Min(a.Y2, b.Y2);
        if (x2 < x1 || y2 < y1) return null;
        var inter = (x2 - x1 + 1) * (y2 - y1 + 1);
        return overlap == MtcnnOverlap.Union
            ? 1.0f * inter / (a.Area + b.Area - inter)
            : 1.0f * inter / Math.Min(a.Area, b.Area);
    }

    /// <summary>MTCNN.kt's <c>updateBoxes</c>: the boxes not deleted, in order.</summary>
    public static List<MtcnnBox> Survivors(IEnumerable<MtcnnBox> boxes) => boxes.Where(b => !b.Deleted).ToList();
}
