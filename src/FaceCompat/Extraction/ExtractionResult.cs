namespace FaceCompat.Extraction;

/// <summary>An image of the dataset that has no row, and why.</summary>
public sealed record SkippedImage(string Path, string Reason);

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
}
