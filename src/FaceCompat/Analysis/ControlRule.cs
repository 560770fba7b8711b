namespace FaceCompat.Analysis;

/// <summary>Where a control landed: its mean lift over the floor, the 95% interval of that lift, the margin and the verdict.</summary>
/// <param name="AtBaseline">False only when the data show, at 95%, a lift above the floor larger than the margin.</param>
/// <param name="MeanLift">Mean over seeds of control − floor, floor = max(baseline, chance) of the same seed.</param>
/// <param name="Lower">Lower end of the 95% Student-t interval of the mean lift (NaN with one seed).</param>
/// <param name="Upper">Upper end (NaN with one seed).</param>
/// <param name="Margin">The lift a control may have without being called a leak.</param>
/// <param name="Seeds">Paired values the verdict rests on.</param>
public sealed record ControlJudgement(bool AtBaseline, double MeanLift, double Lower, double Upper, double Margin, int Seeds);

/// <summary>
/// Whether a control (a map fitted on shuffled correspondences, or drawn at random) fell to the unaligned
/// baseline, judged from values paired by seed (the same test identities for control, baseline and chance):
/// <list type="bullet">
/// <item>the lift of seed s is d_s = control_s − max(baseline_s, chance_s);</item>
/// <item>the margin is <see cref="Tolerance"/> (10%) of the best fitted map's mean gain over the same floor,
/// at least <see cref="MinimumMargin"/> (one Rank-1 point);</item>
/// <item>with two or more seeds the control is <b>above baseline</b> only when the whole 95% Student-t interval
/// of the mean lift lies above the margin (lower end &gt; margin): a lift larger than the margin that the
/// seed-to-seed noise cannot explain. An interval that contains 0 or reaches below the margin is "at baseline".
/// With one seed there is no interval and the point lift is compared with the margin.</item>
/// </list>
/// A point rule alone (mean lift ≤ margin) flags a control whenever noise on a small test set lifts it past
/// the margin; the interval asks for evidence of a lift instead.
/// </summary>
internal static class ControlRule
{
    public const double Tolerance = 0.1;
    public const double MinimumMargin = 0.01;

    /// <param name="control">The control's metric (e.g. Rank-1) per seed.</param>
    /// <param name="baseline">The unaligned baseline's, same seeds in the same order.</param>
    /// <param name="chance">Chance level per seed (NaN or empty where unknown).</param>
    /// <param name="best">The best fitted map's, same seeds (empty where no fitted map ran).</param>
    public static ControlJudgement Judge(IReadOnlyList<double> control, IReadOnlyList<double> baseline,
        IReadOnlyList<double> chance, IReadOnlyList<double> best)
    {
        if (control.Count == 0 || control.Count != baseline.Count)
            throw new ArgumentException("The control and the baseline need one value per seed, in the same order.");
        if (chance.Count != 0 && chance.Count != control.Count) throw new ArgumentException("Chance needs one value per seed.");
        if (best.Count != 0 && best.Count != control.Count) throw new ArgumentException("The best map needs one value per seed.");
        var n = control.Count;
        var lift = new double[n];
        var gain = new double[n];
        for (var s = 0; s < n; s++)
        {
            var floor = Floor(baseline[s], chance.Count == 0 ? double.NaN : chance[s]);
            lift[s] = control[s] - floor;
            gain[s] = best.Count == 0 ? double.NaN : best[s] - floor;
        }
        var meanGain = gain.Average();
        // a gain at or below zero gives the minimum through Max; only an unknown gain (no fitted map) needs its own case
        var margin = double.IsNaN(meanGain) ? MinimumMargin : Math.Max(Tolerance * meanGain, MinimumMargin);
        var summary = Summary.Of(lift);
        if (n < 2 || !double.IsFinite(summary.Std))
            return new ControlJudgement(summary.Mean <= margin, summary.Mean, double.NaN, double.NaN, margin, n);
        var half = StudentT.Quantile975(n - 1) * summary.Std / Math.Sqrt(n);
        var (lower, upper) = (summary.Mean - half, summary.Mean + half);
        return new ControlJudgement(!(lower > margin), summary.Mean, lower, upper, margin, n);
    }

    private static double Floor(double baseline, double chance) =>
        Math.Max(double.IsNaN(baseline) ? 0 : baseline, double.IsNaN(chance) ? 0 : chance);
}
