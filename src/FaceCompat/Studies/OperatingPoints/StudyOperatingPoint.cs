using System.Globalization;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>
/// One value of a study's <c>operating_points.csv</c>: an <see cref="OperatingPointRow"/> of the operating-points
/// command with the experiment, datasets and preprocessing it belongs to. Names are plain strings (as in the file) so
/// that a unit's result caches as JSON; <see cref="ToRow"/> gives the typed row back.
/// </summary>
public sealed record StudyOperatingPoint(string Experiment, string FitDataset, string TestDataset, string Preprocessing,
    string Source, string Target, string Map, int Seed, string Scenario, string Metric, double OperatingPoint, double? Value, long Count, long? Events, int? FitIdentities = null)
{
    public const string CsvHeader = "experiment,fit_dataset,test_dataset,preprocessing," + OperatingPointRow.CsvHeader;

    internal static StudyOperatingPoint Of(UnitKey key, OperatingPointRow r) =>
        new(key.Experiment, key.FitDataset, key.TestDataset, key.Preprocessing, r.Source, r.Target, r.Map, r.Seed, r.Scenario.Name(),
            r.Metric.Name, r.OperatingPoint, r.Value, r.Count, r.Events, r.FitIdentities);

    public OperatingPointRow ToRow() =>
        new(Source, Target, Map, Seed, ScenarioNames.Parse(Scenario) ?? throw new InvalidOperationException($"unknown scenario '{Scenario}'"),
            Metrics.Find(Metric) ?? throw new InvalidOperationException($"unknown metric '{Metric}'"), OperatingPoint, Value, Count, Events, FitIdentities);

    public string ToCsv() => string.Join(',', Experiment, FitDataset, TestDataset, Preprocessing, ToRow().ToCsv());

    /// <summary>The experiment, datasets, preprocessing and ordered pair: one unit's rows.</summary>
    public (string Experiment, string FitDataset, string TestDataset, string Preprocessing, string Source, string Target) Unit =>
        (Experiment, FitDataset, TestDataset, Preprocessing, Source, Target);
}

/// <summary>
/// One operating-point value over seeds: mean, sample std (ddof 1) and the Student-t 95% interval over seeds (clipped to
/// [0, 1] for rates; NaN with one seed). Not measurable (<see cref="Mean"/> null) unless every seed measured it:
/// <see cref="SeedsMeasurable"/> of <see cref="Seeds"/> did. <see cref="Count"/> is the smallest number of comparisons or
/// searches behind a seed's value, <see cref="CalibrationImpostors"/> the smallest number of impostor comparisons (or
/// non-mated searches) the threshold was set on: a rate below 1 / that is not measurable.
/// </summary>
public sealed record OperatingPointStatistic(string Experiment, string FitDataset, string TestDataset, string Preprocessing,
    string Source, string Target, string Map, string Scenario, string Metric, double OperatingPoint, int Seeds, int SeedsMeasurable,
    double? Mean, double Std, double CiLow, double CiHigh, long Count, long CalibrationImpostors, int? FitIdentities = null)
{
    public const string CsvHeader = "experiment,fit_dataset,test_dataset,preprocessing,source,target,map,scenario,metric,operating_point," +
        "seeds,seeds_measurable,mean,std,ci_low,ci_high,count,calibration_impostors,fit_identities";

    public string ToCsv() => string.Join(',', Experiment, FitDataset, TestDataset, Preprocessing, Source, Target, Map, Scenario, Metric,
        OperatingPointRow.Rate(OperatingPoint), Seeds.ToString(CultureInfo.InvariantCulture), SeedsMeasurable.ToString(CultureInfo.InvariantCulture),
        Mean is { } m ? N(m) : OperatingPointRow.NotMeasurable, N(Std), N(CiLow), N(CiHigh),
        Count.ToString(CultureInfo.InvariantCulture), CalibrationImpostors.ToString(CultureInfo.InvariantCulture),
        OperatingPointRow.FitIdentitiesText(ScenarioNames.Parse(Scenario) ?? throw new InvalidOperationException($"unknown scenario '{Scenario}'"), FitIdentities));

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}

/// <summary>A BCT criterion row (<see cref="BctCriterion"/>) with the experiment, datasets and preprocessing of its unit.</summary>
public sealed record StudyBctRow(string Experiment, string TestDataset, string Preprocessing, BctRow Row);
