using System.Globalization;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>
/// One value of <c>operating_points.csv</c>: a metric of a scenario at a nominal rate. <see cref="Value"/> is null
/// when the rate is not measurable (written as <c>not_measurable</c>, never a number). <see cref="Count"/> is the
/// number of comparisons or searches behind the value, <see cref="Events"/> how many of them the value counts
/// (accepted genuine pairs for TMR, missed mated searches for FNIR...; empty for a threshold). <see cref="FitIdentities"/>
/// is the number of fit-set identities an exposure map was fitted on (<see cref="OperatingPointsOptions.FitIdentityGrid"/>),
/// null for all of them; written <c>all</c> on exposure rows and empty on the others.
/// </summary>
public sealed record OperatingPointRow(string Source, string Target, string Map, int Seed, Scenario Scenario, Metric Metric,
    double OperatingPoint, double? Value, long Count, long? Events, int? FitIdentities = null)
{
    public const string NotMeasurable = "not_measurable";
    internal const string AllIdentities = "all";
    public const string CsvHeader = "source,target,map,seed,scenario,metric,operating_point,value,count,events,fit_identities";

    public string ToCsv() => string.Join(',', Source, Target, Map, Seed.ToString(CultureInfo.InvariantCulture), Scenario.Name(), Metric.Name,
        Rate(OperatingPoint),
        Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : NotMeasurable,
        Count.ToString(CultureInfo.InvariantCulture), Events?.ToString(CultureInfo.InvariantCulture) ?? "", FitIdentitiesText(Scenario, FitIdentities));

    /// <summary>The <c>fit_identities</c> cell: the grid size, <c>all</c> for an exposure map fitted on the whole fit set, empty otherwise.</summary>
    internal static string FitIdentitiesText(Scenario scenario, int? fitIdentities) =>
        fitIdentities?.ToString(CultureInfo.InvariantCulture) ?? (scenario is Scenario.Exposure or Scenario.ExposureSameImage ? AllIdentities : "");

    /// <summary>A nominal rate as plain decimals (0.00001, not 1E-05).</summary>
    public static string Rate(double rate) => rate.ToString("0.###############", CultureInfo.InvariantCulture);

    /// <summary>The rows of one scored scenario: the threshold (for a calibrating scenario), then TMR and FMR (verification)
    /// or FNIR and FPIR (open set) at each operating point.</summary>
    internal static IEnumerable<OperatingPointRow> Of(string source, string target, string map, int seed, Scenario scenario,
        OperatingTask task, IReadOnlyList<OperatingPointResult> results, bool withThreshold, int? fitIdentities = null)
    {
        foreach (var r in results)
        {
            var t = r.Threshold;
            var at = t.Rate;
            if (withThreshold)
                yield return new(source, target, map, seed, scenario, task == OperatingTask.Verification ? Metrics.FmrThreshold : Metrics.FpirThreshold, at, t.Score, t.Impostors, null, fitIdentities);
            var (g, i) = (r.GenuineAccepted, r.ImpostorAccepted);
            if (task == OperatingTask.Verification)
            {
                yield return new(source, target, map, seed, scenario, Metrics.Tmr, at, g.Value, g.Total, g.Events, fitIdentities);
                if (scenario != Scenario.ExposureSameImage)
                    yield return new(source, target, map, seed, scenario, Metrics.Fmr, at, i.Value, i.Total, i.Events, fitIdentities);
            }
            else
            {
                var missed = g.Events is { } hits ? g.Total - hits : (long?)null;
                yield return new(source, target, map, seed, scenario, Metrics.Fnir, at, missed is { } mi && g.Total > 0 ? (double)mi / g.Total : null, g.Total, missed, fitIdentities);
                yield return new(source, target, map, seed, scenario, Metrics.Fpir, at, i.Value, i.Total, i.Events, fitIdentities);
            }
        }
    }
}
