namespace FaceCompat.Extraction;

/// <summary>
/// How the models of an embeddings folder were preprocessed, as its <c>manifest.json</c> records it, so that a
/// comparison can say when two models' images were prepared differently (a map between them would then also learn
/// the preprocessing difference).
/// </summary>
internal static class RecordedPreprocessing
{
    /// <summary>"crop", "align (mesh)", "align (mtcnn)"…, or null when the folder's manifest does not list the model
    /// (or cannot be read: the folder's own checks report that where it matters).</summary>
    public static string? Of(string folder, string model)
    {
        try
        {
            var entry = ExtractionManifest.Read(folder)?["models"]?[model];
            if (entry?["preprocess"]?.GetValue<string>() is not { } mode) return null;
            return entry["alignment"]?["aligner"]?.GetValue<string>() is { } aligner ? $"{mode} ({aligner})" : mode;
        }
        catch (Exception e) when (e is Infrastructure.FaceCompatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A warning when both models are recorded with different preprocessing, else null.</summary>
    public static string? MixedWarning(string folder, string source, string target) =>
        (Of(folder, source), Of(folder, target)) is ({ } a, { } b) && a != b
            ? $"{source} was extracted with {a} but {target} with {b} in {folder}: the comparison mixes preprocessings, " +
              $"so a map between them also learns that difference. Extract both with the same preprocessing."
            : null;
}
