namespace FaceCompat.Evaluation;

/// <summary>
/// The k highest scores of a row, best first. Equal scores are ordered by lower index first, the
/// order a stable descending sort gives (numpy <c>argsort(-s, kind="stable")</c>).
/// </summary>
internal static class TopK
{
    /// <summary>Fills <paramref name="indices"/> (length k) with the best k indices of <paramref name="scores"/>,
    /// skipping <paramref name="excluded"/> (-1 for none). Returns how many were filled.</summary>
    public static int Select(ReadOnlySpan<float> scores, int excluded, Span<int> indices)
    {
        var k = indices.Length;
        var count = 0;
        // indices[0..count) is kept sorted best first; insertion sort is fastest for k <= 50.
        for (var g = 0; g < scores.Length; g++)
        {
            if (g == excluded) continue;
            var s = scores[g];
            if (count == k)
            {
                // A later index with an equal score ranks after: only strictly better scores enter.
                if (!(s > scores[indices[k - 1]])) continue;
                count--;
            }
            var pos = count;
            while (pos > 0 && s > scores[indices[pos - 1]])
            {
                indices[pos] = indices[pos - 1];
                pos--;
            }
            indices[pos] = g;
            count++;
        }
        return count;
    }
}
