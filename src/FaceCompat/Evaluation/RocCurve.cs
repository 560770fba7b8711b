namespace FaceCompat.Evaluation;

/// <summary>
/// ROC of a verification score set, built exactly as scikit-learn's <c>roc_curve(y, s)</c> with its
/// default <c>drop_intermediate=True</c>: one point per distinct score (descending), collinear
/// intermediate points dropped, then (0, 0) prepended. Genuine pairs are positives; FMR = false
/// positive rate, TMR = true positive rate, FNMR = 1 - TMR.
/// </summary>
public sealed class RocCurve
{
    private RocCurve(double[] fmr, double[] tmr, double[] thresholds)
    {
        Fmr = fmr;
        Tmr = tmr;
        Thresholds = thresholds;
    }

    /// <summary>False match rate per point, non-decreasing, from 0 to 1.</summary>
    public double[] Fmr { get; }

    /// <summary>True match rate per point, non-decreasing, from 0 to 1.</summary>
    public double[] Tmr { get; }

    /// <summary>Score threshold per point (accept when score ≥ threshold); the first is +∞.</summary>
    public double[] Thresholds { get; }

    public static RocCurve Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> genuine)
    {
        if (scores.Length != genuine.Length) throw new ArgumentException("One label per score is required.");
        var n = scores.Length;
        for (var i = 0; i < n; i++)
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"Score {i} is not finite.", nameof(scores));
        // Genuine and impostor scores sorted apart (in parallel: two sorts of plain doubles are several times faster than
        // one sort carrying labels), then merged from the top (descending): one point per distinct score, with the
        // cumulative true and false positives when accepting >= it.
        var (genuineScores, impostorScores) = Split(scores, genuine);
        // Stryker disable once Equality : sorting in parallel or one after the other gives the same sorted arrays
        if (n >= ParallelSortScores) Parallel.Invoke(() => Array.Sort(genuineScores), () => Array.Sort(impostorScores));
        else { Array.Sort(genuineScores); Array.Sort(impostorScores); }

        var tps = new double[n];
        var fps = new double[n];
        var thr = new double[n];
        var points = 0;
        long tp = 0, fp = 0;
        int g = genuineScores.Length - 1, f = impostorScores.Length - 1;
        while (g >= 0 || f >= 0)
        {
            var score = g < 0 ? impostorScores[f] : f < 0 ? genuineScores[g] : Math.Max(genuineScores[g], impostorScores[f]);
            while (g >= 0 && genuineScores[g] == score) { tp++; g--; }
            while (f >= 0 && impostorScores[f] == score) { fp++; f--; }
            tps[points] = tp;
            fps[points] = fp;
            thr[points++] = score;
        }
        if (tp == 0 || fp == 0)
            throw new ArgumentException("A ROC needs both genuine and impostor scores.");

        var keep = new List<int>(points);
        for (var i = 0; i < points; i++)
        {
            var interior = i > 0 && i < points - 1;
            // Stryker disable once Equality : with two points neither is interior, so points >= 2 drops nothing more
            if (points > 2 && interior)
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
        return new RocCurve(fmr, tmr, thresholds);
    }

    /// <summary>Score count from which the two sorts run in parallel.</summary>
    internal const int ParallelSortScores = 65_536;

    private static (double[] Genuine, double[] Impostor) Split(ReadOnlySpan<double> scores, ReadOnlySpan<bool> genuine)
    {
        var count = 0;
        foreach (var label in genuine) if (label) count++;
        var (genuineScores, impostorScores) = (new double[count], new double[scores.Length - count]);
        int g = 0, f = 0;
        for (var i = 0; i < scores.Length; i++)
            if (genuine[i]) genuineScores[g++] = scores[i];
            else impostorScores[f++] = scores[i];
        return (genuineScores, impostorScores);
    }

    /// <summary>Area under the ROC by the trapezoidal rule (sklearn <c>roc_auc_score</c>).</summary>
    public double Auc()
    {
        double area = 0;
        for (var i = 1; i < Fmr.Length; i++)
            area += (Fmr[i] - Fmr[i - 1]) * (Tmr[i] + Tmr[i - 1]) / 2;
        return area;
    }

    /// <summary>
    /// Equal error rate: at the first ROC point minimising |FNMR - FMR|, the mean of FNMR and FMR.
    /// </summary>
    public double Eer()
    {
        var best = 0;
        var bestGap = double.PositiveInfinity;
        for (var i = 0; i < Fmr.Length; i++)
        {
            var gap = Math.Abs(1 - Tmr[i] - Fmr[i]);
            if (gap < bestGap) { bestGap = gap; best = i; }
        }
        return (Fmr[best] + 1 - Tmr[best]) / 2;
    }

    /// <summary>
    /// The reference's TMR@FMR: TMR at the first ROC point minimising |FMR - target|
    /// (<c>tpr[np.argmin(np.abs(fpr - target))]</c> on sklearn's default curve).
    /// </summary>
    public double TmrAtFmrNearest(double targetFmr)
    {
        var best = 0;
        var bestGap = double.PositiveInfinity;
        for (var i = 0; i < Fmr.Length; i++)
        {
            var gap = Math.Abs(Fmr[i] - targetFmr);
            if (gap < bestGap) { bestGap = gap; best = i; }
        }
        return Tmr[best];
    }

    /// <summary>
    /// TMR at exactly the target FMR on the piecewise-linear ROC: the highest TMR reached at
    /// FMR ≤ target, interpolated linearly towards the next point when that lies beyond the target.
    /// </summary>
    public double TmrAtFmrInterpolated(double targetFmr)
    {
        var j = 0;
        while (j + 1 < Fmr.Length && Fmr[j + 1] <= targetFmr) j++;
        if (j + 1 >= Fmr.Length || Fmr[j] == targetFmr) return Tmr[j];
        var t = (targetFmr - Fmr[j]) / (Fmr[j + 1] - Fmr[j]);
        return Tmr[j] + t * (Tmr[j + 1] - Tmr[j]);
    }

    /// <summary>DET points (FMR, FNMR), one per ROC point.</summary>
    public IReadOnlyList<(double Fmr, double Fnmr)> DetPoints()
    {
        var points = new (double, double)[Fmr.Length];
        for (var i = 0; i < Fmr.Length; i++) points[i] = (Fmr[i], 1 - Tmr[i]);
        return points;
    }
}
