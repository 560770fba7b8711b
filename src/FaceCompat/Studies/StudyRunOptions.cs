using FaceCompat.Extraction;

namespace FaceCompat.Studies;

/// <summary>Where a study runs and how it reports progress (the CLI fills these; tests use the defaults).</summary>
public sealed record StudyRunOptions
{
    /// <summary>Output folder: results files, splits and the work cache <c>.work/</c> that makes a run resumable.</summary>
    public required string OutDir { get; init; }

    /// <summary>
    /// Computes no unit: aggregates, writes and reports only the units already in the work cache (the results so far
    /// of a study still running or interrupted). Embeddings are loaded, or extracted, as in a normal run.
    /// </summary>
    public bool CachedOnly { get; init; }

    /// <summary>
    /// With <see cref="CachedOnly"/>: refuse, writing nothing, unless every unit is in the work cache (the final run of a
    /// sharded study, which must not publish partial results when a shard failed).
    /// </summary>
    public bool RequireComplete { get; init; }

    /// <summary>Marks the results as the quick variant.</summary>
    public bool Quick { get; init; }

    /// <summary>Data root holding lfw/ and cfp/ (default FACECOMPAT_DATA or ../shared/data).</summary>
    public string? DataRoot { get; init; }

    /// <summary>Where extracted embeddings are cached (default &lt;cache&gt;/embeddings, shared with <c>facecompat extract</c>).</summary>
    public string? EmbeddingsRoot { get; init; }

    public Action<string>? Log { get; init; }

    /// <summary>Wraps each extraction (dataset, model, work) to show its progress.</summary>
    internal Func<string, string, Func<IProgress<ExtractionProgress>, ExtractionResult>, ExtractionResult>? ExtractionView { get; init; }

    /// <summary>Called with the results and the output folder after the results files are written (e.g. the HTML report).</summary>
    public Action<StudyResults, string>? Report { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The side of the square products timed at the start for the GEMM peak the work is set against (1,024: close to
    /// the rate of large products; a small side, as in tests, times faster but reads low).
    /// </summary>
    public int GemmPeakSize { get; init; } = 1024;
}
