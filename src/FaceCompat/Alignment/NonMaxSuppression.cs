namespace FaceCompat.Alignment;

/// <summary>
/// Greedy non-maximum suppression with the semantics of TensorFlow's <c>image.nonMaxSuppression</c>
/// (what @vladmandic/human calls): boxes by descending score (ties keep input order), a box is kept
/// unless its IoU with an already kept box exceeds <c>iouThreshold</c>, at most
/// <c>maxBoxes</c> kept.
/// </summary>
internal static class NonMaxSuppression
{
    public static List<FaceBox> Apply(IReadOnlyList<FaceBox> boxes, int maxBoxes, float iouThreshold)
    {
        var order = new int[boxes.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // Stable: equal scores keep their input order.
        var sorted = order.OrderByDescending(i => boxes[i].Score).ThenBy(i => i).ToArray();
        var kept = new List<FaceBox>();
        foreach (var i in sorted)
        {
            if (kept.Count >= maxBoxes) break;
            var candidate = boxes[i];
            var suppressed = false;
            foreach (var k in kept)
            {
                if (k.IntersectionOverUnion(candidate) > iouThreshold) { suppressed = true; break; }
            }
            if (!suppressed) kept.Add(candidate);
        }
        return kept;
    }
}
