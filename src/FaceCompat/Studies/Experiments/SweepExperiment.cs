using FaceCompat.Studies.Config;

namespace FaceCompat.Studies.Experiments;

/// <summary>
/// Data efficiency or the ridge-alpha sweep: one comparison per train share, the test share fixed. The two sweeps of
/// a pair share a group: when their splits agree, the second finds the first's training products in the memo.
/// </summary>
internal sealed class SweepExperiment(string name, SweepSettings sweep) : IExperiment
{
    public const string DataEfficiency = "data-efficiency";
    public const string AlphaSweep = "alpha-sweep";

    public string Name => name;

    public IEnumerable<StudyUnit> Units(ExperimentContext context)
    {
        var options = context.BaseOptions with { Maps = sweep.Maps, Seeds = sweep.Seeds, TestRatio = sweep.TestRatio, BootstrapResamples = 0 };
        foreach (var (s, t) in context.Pairs)
        {
            var key = context.Key(Name, sweep.Dataset, sweep.Dataset, s, t);
            var recipe = new UnitRecipe(ExperimentContext.Settings(options, sweep.TrainRatios),
                context.Splits(sweep.Dataset, options.Seeds, sweep.TrainRatios, sweep.TestRatio),
                [(sweep.Dataset, s), (sweep.Dataset, t), .. context.HubEmbeddings(options.Maps, sweep.Dataset, s, t)]);
            yield return new StudyUnit(key, recipe, memo => UnitComputations.Sweep(context.Unit(key, false, false), context.Data(sweep.Dataset), s, t,
                context.Family(s), context.Family(t), options, sweep.TrainRatios, memo))
            {
                ShareGroup = ("sweeps", sweep.Dataset, s, t),
            };
        }
    }
}
