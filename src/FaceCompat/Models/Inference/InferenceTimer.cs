namespace FaceCompat.Models.Inference;

/// <summary>An <see cref="IInferenceObserver"/> that adds up the time spent inside the runtime's runs (thread-safe).</summary>
internal sealed class InferenceTimer : IInferenceObserver
{
    private long _ticks;
    private long _inputs;

    /// <summary>Total time inside the runs reported so far.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Inputs run so far.</summary>
    public long Inputs => Interlocked.Read(ref _inputs);

    public void Ran(int inputs, TimeSpan elapsed)
    {
        Interlocked.Add(ref _ticks, elapsed.Ticks);
        Interlocked.Add(ref _inputs, inputs);
    }
}
