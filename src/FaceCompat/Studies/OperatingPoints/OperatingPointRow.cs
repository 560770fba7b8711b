using System.Globalization;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>
/// One value of <c>operating_points.csv</c>: a metric of a scenario at a nominal rate. <see cref="Value"/> is null
/// when the rate is not measurable (written as <c>not_measurable</c>, never a number). <see cref="Count"/> is the
/// number of comparisons or searches behind the value, <see cref="Events"/> how many of them the value counts
/// (accepted genuine pairs for TMR, missed mated searches for FNIR...; empty for a threshold).
/// </summary>
public sealed record OperatingPointRow(string Source, string Target, string Map, int Seed, Scenario Scenario, Metric Metric,
    double OperatingPoint, double? Value, long Count, long? Events)
{
    public const string NotMeasurable = "not_measurable";
    public const string CsvHeader = "source,target,map,seed,scenario,metric,operating_point,value,count,events";

    public string ToCsv() => string.Join(',', Source, Target, Map, Seed.ToString(CultureInfo.InvariantCulture), Scenario.Name(), Metric.Name,
        Rate(OperatingPoint),
        Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : NotMeasurable,
        Count.ToString(CultureInfo.InvariantCulture), Events?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>A nominal rate as plain decimals (0.00001, not 1E-05).</summary>
    public static string Rate(double rate) => rate.ToString("0.###############", CultureInfo.InvariantCulture);

    /// <summary>The rows of one scored scenario: the threshold (for a calibrating scenario), then TMR and FMR (verification)
    /// or FNIR and FPIR (open set) at each operating point.</summary>
    internal static IEnumerable<OperatingPointRow> Of(string source, string target, string map, int seed, Scenario scenario,
        OperatingTask task, IReadOnlyList<OperatingPointResult> results, bool withThreshold)
    {
        foreach (var r in results)
        {
            var t = r.Threshold;
            var at = t.Rate;
            if (withThreshold)
                yield return new(source, target, map, seed, scenario, task == OperatingTask.Verification ? Metrics.FmrThreshold : Metrics.FpirThreshold, at, t.Score, t.Impostors, null);
            var (g, i) = (r.GenuineAccepted, r.ImpostorAccepted);
            if (task == OperatingTask.Verification)
            {
                yield return new(source, target, map, seed, scenario, Metrics.Tmr, at, g.Value, g.Total, g.Events);
                if (scenario != Scenario.ExposureSameImage)
                    yield return new(source, target, map, seed, scenario, Metrics.Fmr, at, i.Value, i.Total, i.Events);
            }
            else
            {
                var missed = g.Events is { } hits ? g.Total - hits : (long?)null;
                yield return new(source, target, map, seed, scenario, Metrics.Fnir, at, missed is { } mi && g.Total > 0 ? (double)mi / g.Total : null, g.Total, missed);
                yield return new(source, target, map, seed, scenario, Metrics.Fpir, at, i.Value, i.Total, i.Events);
            }
        }
    }
}
