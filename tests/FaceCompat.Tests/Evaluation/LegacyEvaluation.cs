using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// The evaluation code as it was before the sweep speed-ups (commit 06ae413), kept verbatim as the oracle the
/// faster code must equal bit for bit: the study's unit cache keeps numbers computed by this code.
/// </summary>
internal static class LegacyEvaluation
{
    public static int TopKSelect(ReadOnlySpan<float> scores, int excluded, Span<int> indices)
    {
        var k = indices.Length;
        var count = 0;
        for (var g = 0; g < scores.Length; g++)
        {
            if (g == excluded) continue;
            var s = scores[g];
            if (count == k)
            {
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

    public static float[] Normalized(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var i = 0; i < rows; i++)
        {
            var src = values.AsSpan(i * cols, cols);
            var norm = Math.Sqrt(Verification.DotDouble(src, src));
            var dst = result.AsSpan(i * cols, cols);
            if (norm == 0) continue;
            for (var j = 0; j < cols; j++) dst[j] = (float)(src[j] / norm);
        }
        return result;
    }

    public static float[] Normalized(double[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var i = 0; i < rows; i++)
        {
            var src = values.AsSpan(i * cols, cols);
            double ss = 0;
            foreach (var v in src) ss += v * v;
            var norm = Math.Sqrt(ss);
            var dst = result.AsSpan(i * cols, cols);
            if (norm == 0) continue;
            for (var j = 0; j < cols; j++) dst[j] = (float)(src[j] / norm);
        }
        return result;
    }

    public static double[] Scores(float[] probe, float[] reference, int dimension, IReadOnlyList<VerificationPair> pairs)
    {
        var scores = new double[pairs.Count];
        for (var p = 0; p < pairs.Count; p++)
        {
            var pair = pairs[p];
            scores[p] = Verification.DotDouble(probe.AsSpan(pair.IndexA * dimension, dimension), reference.AsSpan(pair.IndexB * dimension, dimension));
        }
        return scores;
    }
}
