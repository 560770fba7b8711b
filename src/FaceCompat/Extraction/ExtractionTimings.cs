namespace FaceCompat.Extraction;

/// <summary>
/// Where one extraction's wall-clock time went, for throughput work. <see cref="WaitingForImages"/>,
/// <see cref="Embedding"/> and <see cref="Committing"/> are time on the inference thread (the one that
/// calls the embedder); <see cref="InferenceRun"/> is the part of <see cref="Embedding"/> spent inside
/// ONNX Runtime's Run (zero for embedders that do not report it); the rest of Embedding is the tensor
/// fill and output handling. <see cref="Setup"/> covers everything before the first image (manifest,
/// resumable chunks, pixel cache), <see cref="Finishing"/> the final files.
/// </summary>
public sealed record ExtractionTimings(
    TimeSpan Setup,
    TimeSpan WaitingForImages,
    TimeSpan Embedding,
    TimeSpan InferenceRun,
    TimeSpan Committing,
    TimeSpan Finishing)
{
    public static readonly ExtractionTimings None = new(default, default, default, default, default, default);

    public override string ToString() =>
        $"setup {Setup.TotalSeconds:F2} s, waiting for images {WaitingForImages.TotalSeconds:F2} s, embedding {Embedding.TotalSeconds:F2} s " +
        $"(ORT Run {InferenceRun.TotalSeconds:F2} s), committing {Committing.TotalSeconds:F2} s, finishing {Finishing.TotalSeconds:F2} s";
}
