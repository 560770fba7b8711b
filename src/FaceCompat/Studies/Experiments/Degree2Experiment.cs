using FaceCompat.Studies.Config;

namespace FaceCompat.Studies.Experiments;

/// <summary>
/// Degree-2 maps beside a linear map and the baseline, within each listed dataset. The units of one source share a
/// group: the degree-2 kernel and its factor depend on the source's train rows only, so they are computed once per
/// split for every target.
/// </summary>
internal sealed class Degree2Experiment(Degree2Settings settings) : IExperiment
{
    public string Name => "degree2";

    public IEnumerable<StudyUnit> Units(ExperimentContext context)
    {
        var options = context.BaseOptions with { Maps = settings.Maps, Seeds = settings.Seeds, BootstrapResamples = 0 };
        foreach (var dataset in settings.Datasets)
            foreach (var source in context.Models)
                foreach (var target in context.Models.Where(t => t != source))
                {
                    var key = context.Key(Name, dataset, dataset, source, target);
                    yield return new StudyUnit(key, context.Recipe(options, context.Splits(dataset, options.Seeds, [options.TrainRatio], null),
                            (dataset, source), (dataset, target)),
                        memo => UnitComputations.Within(context.Unit(key, false, false), context.Data(dataset), source, target,
                            context.Family(source), context.Family(target), options, memo))
                    {
                        ShareGroup = ("degree2", dataset, source),
                    };
                }
    }
}
