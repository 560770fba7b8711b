using FaceCompat.Studies.Config;

namespace FaceCompat.Studies.Experiments;

/// <summary>
/// The exposure scenario (<see cref="Scenario.Exposure"/>): for each ordered pair A → B, every map fitted on all
/// identities of the fit dataset (e.g. CFP-frontal) and applied to the A templates of the test identities of each seed's
/// split of the test dataset (e.g. LFW: the leaked database), presented to B at B's thresholds set on those test
/// identities' native B impostors: the attack success rate and its false accepts.
/// </summary>
internal sealed class ExposureExperiment(ExposureSettings settings) : IExperiment
{
    public const string ExperimentName = "exposure";

    public string Name => ExperimentName;

    public IEnumerable<StudyUnit> Units(ExperimentContext context)
    {
        var options = new OperatingPointsOptions
        {
            Maps = settings.Maps, Seeds = settings.Seeds, TrainRatio = context.Config.TrainRatio,
            FalseMatchRates = OperatingPointsExperiment.Rates(settings.FalseMatchRates), FalsePositiveIdentificationRates = [], ExposureOnly = true,
            FitIdentityGrid = settings.FitIdentityGrid,
        };
        foreach (var (s, t) in context.Pairs)
        {
            var key = context.Key(Name, settings.Fit, settings.Test, s, t);
            yield return new StudyUnit(key, OperatingPointsExperiment.Recipe(context, options, settings.Test,
                    [(settings.Fit, s), (settings.Fit, t), (settings.Test, s), (settings.Test, t), .. context.HubEmbeddings(options.Maps, settings.Fit, s, t)]),
                _ => UnitComputations.OperatingPoints(key, context.Data(settings.Fit), context.Data(settings.Test), s, t, options));
        }
    }
}
