namespace FaceCompat.Models.Inference;

public enum ExecutionDevice
{
    /// <summary>ONNX Runtime's CPU provider (the default, and what CI tests).</summary>
    Cpu,
    /// <summary>The CUDA provider; an error if this ONNX Runtime build or machine has none.</summary>
    Cuda,
}

/// <summary>How an embedder runs, and where its model comes from.</summary>
public sealed record EmbedderOptions
{
    /// <summary>Images per ONNX Runtime call.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Intra-op threads; null or 0 means all cores.</summary>
    public int? Threads { get; init; }
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;
    /// <summary>How ONNX Runtime's worker threads wait for work (see <see cref="OnnxSessionFactory.Create"/>).</summary>
    internal SpinningMode Spinning { get; init; } = SpinningMode.On;
    /// <summary>Cache root; null means FACECOMPAT_CACHE or ~/.cache/facecompat.</summary>
    public string? CacheRoot { get; init; }
    /// <summary>Fetch missing or tampered source files through the package managers (true) or fail (false).</summary>
    public bool FetchIfMissing { get; init; } = true;
    /// <summary>Offline copy to fetch from instead of the package managers.</summary>
    public string? FromDirectory { get; init; }
    /// <summary>Progress lines while fetching or converting.</summary>
    public Action<string>? Progress { get; init; }
    /// <summary>Told the duration of every model run (throughput diagnostics); null reports nothing.</summary>
    internal IInferenceObserver? Observer { get; init; }

    internal int EffectiveThreads => Threads is > 0 ? Threads.Value : Environment.ProcessorCount;
}
