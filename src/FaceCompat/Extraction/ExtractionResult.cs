namespace FaceCompat.Extraction;

/// <summary>An image of the dataset that has no row, and why.</summary>
public sealed record SkippedImage(string Path, string Reason);

/// <summary>
/// How a run built on an earlier extraction of the same model after the dataset's files changed: the images whose
/// rows (or skips) it kept, those it extracted (new or changed) and those of the earlier run no longer in the dataset.
/// </summary>
public sealed record IncrementalUpdate(int ReusedImages, int ExtractedImages, int RemovedImages);

/// <summary>What an extraction produced.</summary>
public sealed record ExtractionResult(
    string DatasetDirectory,
    string EmbeddingsPath,
    string MetadataPath,
    string ManifestPath,
    int Rows,
    int Dimension,
    IReadOnlyList<SkippedImage> Skipped,
    int ResumedChunks,
    bool AlreadyComplete,
    TimeSpan Elapsed)
{
    /// <summary>Where the time went (see <see cref="ExtractionTimings"/>); <see cref="ExtractionTimings.None"/> when nothing ran.</summary>
    public ExtractionTimings Timings { get; init; } = ExtractionTimings.None;

    /// <summary>How the run built on the model's earlier extraction after the dataset's files changed; null when it extracted every image or nothing.</summary>
    public IncrementalUpdate? Update { get; init; }

    /// <summary>
    /// Models of the dataset folder whose embeddings no longer match its rows (the dataset's files changed after they
    /// were made): set aside in <c>.previous/</c>, out of the folder's model list, until each is extracted again, which
    /// then embeds only its new or changed images.
    /// </summary>
    public IReadOnlyList<string> StaleModels { get; init; } = [];
}
