using FaceCompat.Studies.Config;

namespace FaceCompat.Studies.Experiments;

/// <summary>
/// Operating points within a dataset (<see cref="OperatingPointsRun"/>, docs/protocol.md "Operating points"): for each
/// ordered pair A → B, every map fitted on the train identities of each seed's split (the within experiment's splits) and
/// the migration scenarios and open-set search scored on all pairs of its test identities at B's thresholds (native-a
/// at A's own).
/// </summary>
internal sealed class OperatingPointsExperiment(OperatingPointsSettings settings) : IExperiment
{
    public const string ExperimentName = "operating-points";

    /// <summary>
    /// The FMRs a unit is scored at besides the configured ones, for DET curves: quarter decades from 1e-6 to 1e-1,
    /// written from decimal literals so that the decades equal the configured rates exactly.
    /// </summary>
    public static IReadOnlyList<double> DetFalseMatchRates { get; } =
        new[] { 1e-6, 1e-5, 1e-4, 1e-3, 1e-2 }.SelectMany(d => new[] { d, d * 1.7782794100389228, d * 3.1622776601683795, d * 5.623413251903491 })
            .Append(1e-1).ToArray();

    public string Name => ExperimentName;

    public IEnumerable<StudyUnit> Units(ExperimentContext context)
    {
        var options = new OperatingPointsOptions
        {
            Maps = settings.Maps, Seeds = settings.Seeds, TrainRatio = context.Config.TrainRatio,
            FalseMatchRates = Rates(settings.FalseMatchRates), FalsePositiveIdentificationRates = settings.FalsePositiveIdentificationRates,
        };
        foreach (var dataset in settings.Datasets)
            foreach (var (s, t) in context.Pairs)
            {
                var key = context.Key(Name, dataset, dataset, s, t);
                yield return new StudyUnit(key, Recipe(context, options, dataset, [(dataset, s), (dataset, t), .. context.HubEmbeddings(options.Maps, dataset, s, t)]),
                    _ => UnitComputations.OperatingPoints(key, null, context.Data(dataset), s, t, options));
            }
    }

    /// <summary>The configured rates with the DET grid, ascending.</summary>
    public static IReadOnlyList<double> Rates(IReadOnlyList<double> configured) => configured.Concat(DetFalseMatchRates).Distinct().Order().ToArray();

    /// <summary>A unit's recipe: its options (the part of its cache key that names maps, seeds and rates), splits and embeddings.</summary>
    public static UnitRecipe Recipe(ExperimentContext context, OperatingPointsOptions o, string splitDataset, params (string Dataset, string Model)[] embeddings) =>
        new(new
        {
            maps = o.Maps.Select(m => m.Label), seeds = o.Seeds, train_ratio = o.TrainRatio, false_match_rates = o.FalseMatchRates,
            false_positive_identification_rates = o.FalsePositiveIdentificationRates, exposure_only = o.ExposureOnly, fit_identities = o.FitIdentityGrid, preparation = o.Preparation.ToString(),
        }, context.Splits(splitDataset, o.Seeds, [o.TrainRatio], null), embeddings);
}
