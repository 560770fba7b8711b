using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// The evaluation code as it was before the sweep speed-ups (commit 06ae413), kept verbatim as the oracle the
/// faster code must equal bit for bit: the study's unit cache keeps numbers computed by this code. (The old top-k
/// is still in the library as <c>TopK.SelectByInsertion</c>, unchanged, and serves as its own oracle.)
/// </summary>
internal static class LegacyEvaluation
{
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

    /// <summary>RocCurve.Compute's points (FMR, TMR, thresholds).</summary>
    public static (double[] Fmr, double[] Tmr, double[] Thresholds) Roc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> genuine)
    {
        var n = scores.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        Array.Reverse(order);
        var tps = new List<double>();
        var fps = new List<double>();
        var thr = new List<double>();
        long tp = 0, fp = 0;
        for (var i = 0; i < n; i++)
        {
            if (genuine[order[i]]) tp++; else fp++;
            if (i == n - 1 || scores[order[i + 1]] != scores[order[i]])
            {
                tps.Add(tp);
                fps.Add(fp);
                thr.Add(scores[order[i]]);
            }
        }
        var keep = new List<int>(tps.Count);
        for (var i = 0; i < tps.Count; i++)
        {
            var interior = i > 0 && i < tps.Count - 1;
            if (tps.Count > 2 && interior)
            {
                var d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
                var d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
                if (d2f == 0 && d2t == 0) continue;
            }
            keep.Add(i);
        }
        var fmr = new double[keep.Count + 1];
        var tmr = new double[keep.Count + 1];
        var thresholds = new double[keep.Count + 1];
        thresholds[0] = double.PositiveInfinity;
        for (var j = 0; j < keep.Count; j++)
        {
            fmr[j + 1] = fps[keep[j]] / fp;
            tmr[j + 1] = tps[keep[j]] / tp;
            thresholds[j + 1] = thr[keep[j]];
        }
        return (fmr, tmr, thresholds);
    }
}
