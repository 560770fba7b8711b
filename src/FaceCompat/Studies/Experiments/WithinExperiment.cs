namespace FaceCompat.Studies.Experiments;

/// <summary>Fit and test on one dataset: every map on the train identities of each seed's split, scored on its test identities.</summary>
internal sealed class WithinExperiment : IExperiment
{
    public string Name => "within";

    public IEnumerable<StudyUnit> Units(ExperimentContext context)
    {
        var options = context.BaseOptions;
        foreach (var dataset in context.Config.Within)
            foreach (var (s, t) in context.Pairs)
            {
                var key = context.Key(Name, dataset, dataset, s, t);
                yield return new StudyUnit(key, context.Recipe(options, context.Splits(dataset, options.Seeds, [options.TrainRatio], null),
                        [(dataset, s), (dataset, t), .. context.HubEmbeddings(options.Maps, dataset, s, t)]),
                    memo => UnitComputations.Within(context.Unit(key, true, true), context.Data(dataset), s, t, context.Family(s), context.Family(t), options, memo))
                {
                    ShareGroup = ExperimentContext.HubShareGroup(options, dataset),
                };
            }
    }
}
