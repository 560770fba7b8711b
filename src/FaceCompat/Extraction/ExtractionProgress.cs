namespace FaceCompat.Extraction;

/// <summary>
/// Progress of one model's extraction over one dataset. <see cref="Done"/> counts images handled so
/// far, including those committed by an earlier interrupted run (<see cref="Resumed"/>) and skipped ones.
/// The rate counts only images processed in this run.
/// </summary>
public sealed record ExtractionProgress(
    string Dataset,
    string ModelId,
    int Total,
    int Done,
    int Resumed,
    int Skipped,
    TimeSpan Elapsed,
    double ImagesPerSecond)
{
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;

    /// <summary>Time left at the current rate, when there is a rate.</summary>
    public TimeSpan? Eta => ImagesPerSecond > 0 ? TimeSpan.FromSeconds((Total - Done) / ImagesPerSecond) : null;
}
