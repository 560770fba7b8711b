using FaceCompat.Studies.Config;

namespace FaceCompat.Studies.Experiments;

/// <summary>The experiments a configuration turns on, in the order their units are planned and their results listed.</summary>
internal static class StudyExperiments
{
    public static IReadOnlyList<IExperiment> Of(StudyConfig config)
    {
        var experiments = new List<IExperiment> { new SelfExperiment(), new WithinExperiment(), new CrossDatasetExperiment() };
        if (config.DataEfficiency is { } efficiency) experiments.Add(new SweepExperiment(SweepExperiment.DataEfficiency, efficiency));
        if (config.AlphaSweep is { } alpha) experiments.Add(new SweepExperiment(SweepExperiment.AlphaSweep, alpha));
        if (config.Degree2 is { } degree2) experiments.Add(new Degree2Experiment(degree2));
        if (config.OperatingPoints is { } operatingPoints) experiments.Add(new OperatingPointsExperiment(operatingPoints));
        if (config.Exposure is { } exposure) experiments.Add(new ExposureExperiment(exposure));
        return experiments;
    }
}
