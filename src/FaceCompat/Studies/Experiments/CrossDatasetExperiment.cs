namespace FaceCompat.Studies.Experiments;

/// <summary>Fit on every identity of one dataset (e.g. CFP), test on the test identities of each seed's split of another (e.g. LFW).</summary>
internal sealed class CrossDatasetExperiment : IExperiment
{
    public string Name => "cross-dataset";

    public IEnumerable<StudyUnit> Units(ExperimentContext context)
    {
        var options = context.BaseOptions;
        foreach (var cross in context.Config.CrossDataset)
            foreach (var (s, t) in context.Pairs)
            {
                var key = context.Key(Name, cross.Fit, cross.Test, s, t);
                yield return new StudyUnit(key, context.Recipe(options, context.Splits(cross.Test, options.Seeds, [options.TrainRatio], null),
                        [(cross.Fit, s), (cross.Fit, t), (cross.Test, s), (cross.Test, t), .. context.HubEmbeddings(options.Maps, cross.Fit, s, t)]),
                    memo => UnitComputations.Cross(context.Unit(key, true, true), context.Data(cross.Fit), context.Data(cross.Test), s, t,
                        context.Family(s), context.Family(t), options, memo))
                {
                    ShareGroup = ExperimentContext.HubShareGroup(options, cross.Fit),
                };
            }
    }
}
