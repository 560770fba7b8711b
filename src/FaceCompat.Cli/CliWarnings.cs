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
}
