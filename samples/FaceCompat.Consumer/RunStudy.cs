// recipe-begin: study
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

public static class RunStudy
{
    /// <summary>A small study of two built-in models on part of LFW (dataRoot holds lfw/), written to outDir.</summary>
    public static double Run(string dataRoot, string outDir, string embeddingsCache)
    {
        var config = StudyConfigReader.Parse("""
            title: two models on 40 LFW people
            models: [faceapi, mobileface]
            datasets: [{ name: lfw, source: lfw, min_images: 2, max_images: 4, identities: 40 }]
            maps: [procrustes, "ridge:alpha=0.1", unaligned, shuffled]
            seeds: [42]
            bootstrap: 50
            threads: 2
            experiments: { within: { datasets: [lfw] }, cross_dataset: [], data_efficiency: { enabled: false },
              alpha_sweep: { enabled: false }, degree2: { enabled: false }, space_similarity: { enabled: false } }
            """);
        var results = StudyRunner.Run(config, new StudyRunOptions
        {
            OutDir = outDir, DataRoot = dataRoot, EmbeddingsRoot = embeddingsCache, Log = Console.Error.WriteLine,
        });
        foreach (var s in results.Statistics.Where(s => s.Experiment == "within" && s.Protocol == "strict" && s.Metric == "rank1"))
            Console.WriteLine($"{s.Source} -> {s.Target} {s.Map}: rank-1 {s.Mean:P1}");
        return results.Statistics.Single(s => s.Experiment == "within" && s.Source == "faceapi" && s.Map == "procrustes"
            && s.Protocol == "strict" && s.Metric == "rank1").Mean;
    }
}
// recipe-end
