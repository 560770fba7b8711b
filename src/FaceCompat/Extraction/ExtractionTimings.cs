namespace FaceCompat.Extraction;

/// <summary>
/// Where one extraction's wall-clock time went, for throughput work. <see cref="WaitingForInput"/>,
/// <see cref="Embedding"/> and <see cref="HandingOver"/> are time on the inference thread (the one that
/// runs the model): waiting for the next batch, running it (<see cref="InferenceRun"/> is the part inside
/// ONNX Runtime's Run, zero for embedders that do not report it; the rest is output handling, and the
/// tensor fill for embedders that cannot fill ahead), and waiting for room in the chunk writer's queue.
/// <see cref="Writing"/> is the chunk writer's own time (beside inference). <see cref="Setup"/> covers
/// everything before the first image (manifest, resumable chunks, pixel cache), <see cref="Finishing"/>
/// the final files.
/// </summary>
public sealed record ExtractionTimings(
    TimeSpan Setup,
    TimeSpan WaitingForInput,
    TimeSpan Embedding,
    TimeSpan InferenceRun,
    TimeSpan HandingOver,
    TimeSpan Writing,
    TimeSpan Finishing)
{
    public static readonly ExtractionTimings None = new(default, default, default, default, default, default, default);

    /// <summary>The time on the inference thread's path: everything but <see cref="Writing"/>.</summary>
    public TimeSpan OnInferencePath => Setup + WaitingForInput + Embedding + HandingOver + Finishing;

    public override string ToString() =>
        $"setup {Setup.TotalSeconds:F2} s, waiting for input {WaitingForInput.TotalSeconds:F2} s, embedding {Embedding.TotalSeconds:F2} s " +
        $"(ORT Run {InferenceRun.TotalSeconds:F2} s), handing over chunks {HandingOver.TotalSeconds:F2} s, finishing {Finishing.TotalSeconds:F2} s; " +
        $"chunk writer (beside) {Writing.TotalSeconds:F2} s";
}
