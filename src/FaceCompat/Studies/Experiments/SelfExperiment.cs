using FaceCompat.Mapping;

namespace FaceCompat.Studies.Experiments;

/// <summary>Each model against itself (the baseline map only) on every dataset a within or cross-dataset experiment tests on: its native ability.</summary>
internal sealed class SelfExperiment : IExperiment
{
    public string Name => "self";

    public IEnumerable<StudyUnit> Units(ExperimentContext context)
    {
        var config = context.Config;
        var options = context.BaseOptions with { Maps = [MapRegistry.Baseline.Spec()] };
        foreach (var dataset in config.Within.Concat(config.CrossDataset.Select(c => c.Test)).Distinct())
            foreach (var model in context.Models)
            {
                var key = context.Key(Name, dataset, dataset, model, model);
                var family = context.Family(model);
                yield return new StudyUnit(key, context.Recipe(options, context.Splits(dataset, options.Seeds, [options.TrainRatio], null), (dataset, model)),
                    memo => UnitComputations.Within(context.Unit(key, true, true), context.Data(dataset), model, model, family, family, options, memo));
            }
    }
}
