namespace FaceCompat.Extraction;

/// <summary>
/// An extraction stopped by its cancellation token (e.g. Ctrl-C): <see cref="SavedChunks"/> of <see cref="Chunks"/> are
/// committed under <see cref="Directory"/>, and the same extraction run again resumes from them.
/// </summary>
public sealed class ExtractionInterruptedException(string modelId, int savedChunks, int chunks, string directory, Exception inner)
    : OperationCanceledException($"Extraction of {modelId} interrupted: {savedChunks} of {chunks} chunk(s) saved in {directory}; " +
        "run the same command again to resume from them.", inner)
{
    public string ModelId { get; } = modelId;
    public int SavedChunks { get; } = savedChunks;
    public int Chunks { get; } = chunks;
    public string Directory { get; } = directory;
}
