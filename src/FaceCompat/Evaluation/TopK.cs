using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace FaceCompat.Evaluation;

/// <summary>
/// The k highest scores of a row, best first. Equal scores are ordered by lower index first, the
/// order a stable descending sort gives (numpy <c>argsort(-s, kind="stable")</c>).
/// </summary>
internal static class TopK
{
    /// <summary>Most candidates the fast path keeps; a row with more (e.g. many equal scores) takes the insertion path.</summary>
    private const int MaxCandidates = 1024;

    /// <summary>Fills <paramref name="indices"/> (length k) with the best k indices of <paramref name="scores"/>,
    /// skipping <paramref name="excluded"/> (-1 for none). Returns how many were filled.</summary>
    public static int Select(ReadOnlySpan<float> scores, int excluded, Span<int> indices)
    {
        var k = indices.Length;
        // Stryker disable once Equality,Arithmetic : which rows take the fast path is speed only: it refuses any row it cannot answer exactly (TopKFastPathTests)
        if (excluded < 0 && k > 0 && k <= 256 && scores.Length >= 4 * k && Vector.IsHardwareAccelerated
            && SelectFromCandidates(scores, indices))
            return k;
        return SelectByInsertion(scores, excluded, indices);
    }

    /// <summary>
    /// The same k from the few scores that can reach them, with few branches. Cut the row's vectors into chunks and
    /// take each chunk's maximum per vector lane: those maxima are distinct scores, so the k-th best of them (found
    /// by bisection) is at most the k-th best score of the row, and only the scores at or above it are candidates
    /// (about k + a few). The candidates are sorted by (score descending, index ascending) and the first k kept.
    /// False (nothing written) for a row with a NaN or too many candidates.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffers are written before they are read
    internal static bool SelectFromCandidates(ReadOnlySpan<float> scores, Span<int> indices)
    {
        var k = indices.Length;
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(scores);
        var chunks = Math.Min(vectors.Length, (2 * k + Vector<float>.Count - 1) / Vector<float>.Count); // about 2k lane maxima
        // Stryker disable once Equality : the entry condition (4k scores) keeps chunks * lanes above k
        if (chunks * Vector<float>.Count < k) return false; // a row too short to give k of them
        Span<float> maxima = stackalloc float[chunks * Vector<float>.Count];
        var laneMaxima = MemoryMarshal.Cast<float, Vector<float>>(maxima);
        var numbers = Vector<int>.AllBitsSet; // stays all ones while no score is NaN
        var size = vectors.Length / chunks; // the last chunk also takes the remainder
        for (var c = 0; c < chunks; c++)
        {
            var start = c * size;
            // Stryker disable once Conditional,Arithmetic : a chunk left out of the maxima only lowers the bound (more candidates, same answer)
            var end = c == chunks - 1 ? vectors.Length : start + size;
            var m = vectors[start];
            for (var v = start; v < end; v++)
            {
                numbers &= Vector.Equals(vectors[v], vectors[v]);
                m = Vector.MaxNative(m, vectors[v]); // one of the two lanes (a row with a NaN is refused below)
            }
            laneMaxima[c] = m;
        }
        if (numbers != Vector<int>.AllBitsSet) return false;
        for (var g = vectors.Length * Vector<float>.Count; g < scores.Length; g++)
            if (float.IsNaN(scores[g])) return false;
        var bound = KthLargest(maxima, k);

        Span<ulong> keys = stackalloc ulong[MaxCandidates];
        var count = 0;
        var floor = new Vector<float>(bound);
        for (var v = 0; v < vectors.Length; v++)
        {
            // Stryker disable once Statement : skipping vectors below the bound is speed only
            if (!Vector.GreaterThanOrEqualAny(vectors[v], floor)) continue;
            var end = (v + 1) * Vector<float>.Count;
            for (var g = v * Vector<float>.Count; g < end; g++)
                if (scores[g] >= bound && !Keep(scores[g], g, keys, ref count)) return false;
        }
        for (var g = vectors.Length * Vector<float>.Count; g < scores.Length; g++)
            if (scores[g] >= bound && !Keep(scores[g], g, keys, ref count)) return false;

        var candidates = keys[..count];
        candidates.Sort();
        for (var i = 0; i < k; i++) indices[i] = (int)(uint)candidates[i];
        return true;
    }

    /// <summary>The k-th largest of <paramref name="values"/> (no NaN, at least k of them): bisection on the float order.</summary>
    private static float KthLargest(ReadOnlySpan<float> values, int k)
    {
        uint lo = Ascending(TensorPrimitives.Min(values)), hi = Ascending(TensorPrimitives.Max(values));
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            if (CountAtLeast(values, FromAscending(mid)) >= k) lo = mid; else hi = mid - 1;
        }
        return FromAscending(lo);
    }

    /// <summary>Adds the key that sorts (score descending, index ascending) as ascending integers.</summary>
    private static bool Keep(float score, int index, Span<ulong> keys, ref int count)
    {
        if (count == keys.Length) return false;
        keys[count++] = ((ulong)~Ascending(score) << 32) | (uint)index;
        return true;
    }

    /// <summary>A key whose unsigned order is the float order (-0 and +0 share the key of +0, as they compare equal).</summary>
    private static uint Ascending(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value == 0 ? 0f : value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromAscending(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);

    private static int CountAtLeast(ReadOnlySpan<float> values, float threshold)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var t = new Vector<float>(threshold);
        var hits = Vector<int>.Zero;
        foreach (var v in vectors) hits -= Vector.GreaterThanOrEqual(v, t); // -1 per lane at or above
        var count = Vector.Sum(hits);
        // Stryker disable once all : the lane maxima are whole vectors: there is never a tail
        for (var i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
            // Stryker disable once all : the lane maxima are whole vectors: there is never a tail
            if (values[i] >= threshold) count++;
        return count;
    }

    /// <summary>
    /// The general path: one pass keeping the best so far sorted by insertion (any k, exclusions, NaN scores). It is
    /// the whole algorithm as it was before the fast path, and the tests' oracle for it.
    /// </summary>
    internal static int SelectByInsertion(ReadOnlySpan<float> scores, int excluded, Span<int> indices)
    {
        var k = indices.Length;
        if (k == 0) return 0;
        var count = 0;
        // indices[0..count) is kept sorted best first.
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
