using FaceCompat.Embeddings;
using FaceCompat.Studies.Config;
using FaceCompat.Studies.Experiments;

namespace FaceCompat.Studies;

/// <summary>The identity splits a study used: the files written under splits/ and the one each result row names.</summary>
internal static class StudySplits
{
    /// <summary>The split file(s) a row's map was fitted and tested on.</summary>
    public static string SplitOf(StudyConfig config, StudyRow row) => row.Experiment switch
    {
        "cross-dataset" => $"all identities of {row.FitDataset}; test: {StudyWriter.SplitFile(row.TestDataset, row.Seed, config.TrainRatio, null)}",
        SweepExperiment.DataEfficiency => StudyWriter.SplitFile(row.TestDataset, row.Seed, row.TrainRatio, config.DataEfficiency!.TestRatio),
        SweepExperiment.AlphaSweep => StudyWriter.SplitFile(row.TestDataset, row.Seed, row.TrainRatio, config.AlphaSweep!.TestRatio),
        _ => StudyWriter.SplitFile(row.TestDataset, row.Seed, row.TrainRatio, null),
    };

    /// <summary>Every identity split the study used, by its file name under splits/.</summary>
    public static List<(string File, IdentitySplit Split)> All(StudyConfig config, StudyInputs inputs)
    {
        var splits = new List<(string, IdentitySplit)>();
        var datasets = config.Within.Concat(config.CrossDataset.Select(c => c.Test)).Concat(config.Degree2?.Datasets ?? [])
            .Concat(config.OperatingPoints?.Datasets ?? []).Concat(config.Exposure is { } e ? [e.Test] : []);
        var seeds = config.Seeds.Concat(config.Degree2?.Seeds ?? []).Concat(config.OperatingPoints?.Seeds ?? []).Concat(config.Exposure?.Seeds ?? []);
        foreach (var dataset in datasets.Distinct())
            foreach (var seed in seeds.Distinct())
                splits.Add((StudyWriter.SplitFile(dataset, seed, config.TrainRatio, null),
                    UnitComputations.TestSplit(inputs.Datasets[dataset], config.TrainRatio, seed, null)));
        foreach (var sweep in new[] { config.DataEfficiency, config.AlphaSweep })
        {
            if (sweep is null) continue;
            foreach (var seed in sweep.Seeds)
                foreach (var ratio in sweep.TrainRatios)
                    splits.Add((StudyWriter.SplitFile(sweep.Dataset, seed, ratio, sweep.TestRatio),
                        UnitComputations.TestSplit(inputs.Datasets[sweep.Dataset], ratio, seed, sweep.TestRatio)));
        }
        return splits.DistinctBy(s => s.Item1).ToList();
    }
}
