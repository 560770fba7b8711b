namespace FaceCompat.Evaluation;

/// <summary>
/// The decision threshold at a nominal false-match rate f (or false-positive identification rate), set on a system's
/// own impostor scores (N of them): k = ⌊f·N⌋ false accepts are allowed, <see cref="Score"/> is the (k+1)-th largest
/// impostor score τ, and a comparison is accepted when its score is strictly greater than τ. At most k impostors
/// score above τ (FMR ≤ f), and no larger accept set keeps FMR ≤ f (it would take in the (k+1)-th score).
/// Not measurable (<see cref="Score"/> null) when f·N &lt; 1: no false accept is allowed, so the rate cannot be told
/// apart from any smaller one.
/// </summary>
internal sealed record OperatingThreshold(double Rate, long Impostors, float? Score, long CalibrationFalseAccepts)
{
    public bool Measurable => Score is not null;

    /// <summary>k = ⌊f·N⌋, computed exactly for the decimal value of f (0.0001 · 10,000 is 1, not 0.99…).</summary>
    public static long AllowedFalseAccepts(double rate, long impostors)
    {
        if (!(rate > 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), "An operating point is a rate strictly between 0 and 1.");
        return (long)decimal.Floor((decimal)rate * impostors);
    }

    /// <summary>Whether a score is accepted at this threshold (false when the threshold is not measurable).</summary>
    public bool Accepts(float score) => Score is { } tau && score > tau;
}

/// <summary>
/// A count of events among a number of trials (accepted genuine pairs among genuine pairs...). <see cref="Events"/> is
/// null, and so is <see cref="Value"/>, when the rate is not measurable (its threshold is not, or there is no trial).
/// </summary>
internal readonly record struct Proportion(long? Events, long Total)
{
    public double? Value => Events is { } e && Total > 0 ? (double)e / Total : null;
}

/// <summary>What one scored set of comparisons gives at one threshold.</summary>
internal sealed record OperatingPointResult(OperatingThreshold Threshold, Proportion GenuineAccepted, Proportion ImpostorAccepted);
