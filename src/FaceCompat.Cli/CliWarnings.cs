using FaceCompat.Extraction;

namespace FaceCompat.Cli;

/// <summary>Warnings on stderr ("warning: ..."): the run goes on, the user should know.</summary>
internal static class CliWarnings
{
    /// <summary>Says so when the two models of an embeddings folder were extracted with different preprocessing.</summary>
    public static void MixedPreprocessing(string folder, string source, string target)
    {
        if (RecordedPreprocessing.MixedWarning(folder, source, target) is { } warning) Console.Error.WriteLine($"warning: {warning} (extract --preprocess crop|align, --aligner mesh|mtcnn)");
    }

    /// <summary>Names the models of the folder that no longer match its images (set aside by a run after the dataset's files changed).</summary>
    public static void StaleModels(ExtractionResult result)
    {
        if (result.StaleModels.Count == 0) return;
        var (models, one) = (result.StaleModels, result.StaleModels.Count == 1);
        Console.Error.WriteLine($"warning: the embeddings of {string.Join(", ", models)} no longer match the images of {result.DatasetDirectory} " +
            $"(the dataset's files changed since {(one ? "it was" : "they were")} extracted): set aside in {Path.Combine(result.DatasetDirectory, FaceCompat.Embeddings.EmbeddingFolder.SetAsideFolder)}, " +
            $"{(one ? "it is" : "they are")} not loaded until extracted again. Rerun extract with --model {string.Join(",", models)}: " +
            "only new or changed images are embedded.");
    }
}
