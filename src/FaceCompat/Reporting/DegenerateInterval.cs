namespace FaceCompat.Reporting;

/// <summary>
/// A 95% interval that says nothing about the uncertainty of its mean, and is marked as such in every table:
/// <list type="bullet">
/// <item>zero width: its bounds are equal (every bootstrap resample, or every seed, gave the same value: a tiny or
/// saturated test set), or</item>
/// <item>the metric's whole range: for a rate, from 0 to 100% (a Student-t interval over very few seeds, clipped at both ends).</item>
/// </list>
/// </summary>
internal static class DegenerateInterval
{
    public const string Mark = "‡";

    /// <summary>The relative width below which an interval counts as zero wide (floating-point noise, far below any shown digit).</summary>
    private const double ZeroWidth = 1e-9;

    /// <summary>The footnote that explains <see cref="Mark"/>, printed once where a table shows one.</summary>
    public const string Explanation =
        Mark + " degenerate 95% interval: zero width (every bootstrap resample or every seed gave the same value) or spanning the metric's " +
        "whole range (0 to 100% for a rate); it says nothing about the uncertainty of the mean.";

    /// <summary>
    /// Whether [low, high] is degenerate: zero width, or covering all of <paramref name="range"/> (the metric's possible values, in the
    /// interval's units; null when the metric has no upper bound). False without an interval (NaN bounds).
    /// </summary>
    public static bool Is(double low, double high, (double Low, double High)? range)
    {
        if (double.IsNaN(low) || double.IsNaN(high)) return false;
        // Zero up to rounding: values that are equal per seed may differ in their last bits once divided (relative_rank1).
        if (high - low <= ZeroWidth * Math.Max(1, Math.Abs(high))) return true;
        return range is { } r && low <= r.Low && high >= r.High;
    }
}
