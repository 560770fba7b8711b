using System.Globalization;
using FaceCompat.Evaluation;

namespace FaceCompat.Reporting.Study;

/// <summary>
/// Which false-match rates a set of impostor comparisons can measure: f is measurable when at least one false accept
/// is allowed, ⌊f·N⌋ ≥ 1 (<see cref="OperatingThreshold.AllowedFalseAccepts"/>), i.e. f ≥ 1/N. Below that a TMR is
/// shown as "not measurable (N impostor pairs)" and a curve stops.
/// </summary>
internal static class MeasurableRange
{
    public static bool IsMeasurable(double fmr, long impostors) =>
        impostors > 0 && (fmr >= 1 || (fmr > 0 && OperatingThreshold.AllowedFalseAccepts(fmr, impostors) >= 1));

    /// <summary>The rates of <paramref name="fmrs"/> that <paramref name="impostors"/> comparisons can measure, in the given order.</summary>
    public static IReadOnlyList<double> Truncate(IEnumerable<double> fmrs, long impostors) => fmrs.Where(f => IsMeasurable(f, impostors)).ToList();

    /// <summary>The text of a cell that cannot be measured, with the number of comparisons behind it.</summary>
    public static string NotMeasurable(long count, string what = "impostor pairs") =>
        $"not measurable ({count.ToString("N0", CultureInfo.InvariantCulture)} {what})";

    /// <summary>The FMR of a <c>tmr@fmr=F</c> (or <c>tmr@fmr=F_interp</c>) metric name; null for any other metric.</summary>
    public static double? FmrOf(string metric)
    {
        const string prefix = "tmr@fmr=";
        if (!metric.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var text = metric[prefix.Length..];
        if (text.EndsWith("_interp", StringComparison.Ordinal)) text = text[..^"_interp".Length];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : null;
    }
}
