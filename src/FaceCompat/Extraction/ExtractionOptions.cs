using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>How an extraction runs. Defaults suit a 2-core machine.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Output root; a dataset's files go to <c>&lt;OutputRoot&gt;/&lt;dataset&gt;/</c>.</summary>
    public required string OutputRoot { get; init; }

    /// <summary>Images per inference batch (each image counts once even with the flip test).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Threads decoding and preprocessing images in parallel with inference.</summary>
    public int DecodeThreads { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Images per committed chunk: a kill loses the chunk in progress and at most <see cref="ChunkWriter.Queued"/> finished ones still being written.</summary>
    public int ChunkSize { get; init; } = 512;

    /// <summary>Mean of the embeddings of the image and its mirror, then L2-normalised.</summary>
    public bool Flip { get; init; }

    /// <summary>
    /// Replaces the preprocessing <see cref="Preprocess"/> chooses; built for the model's input size (its decoder's
    /// minimum side should be <see cref="MinimumSide"/>, which the run key records).
    /// </summary>
    internal IImagePreprocessor? Preprocessing { get; init; }

    /// <summary>Crop (the reference protocol's crop) or align (landmark alignment to each model's template).</summary>
    public PreprocessMode Preprocess { get; init; } = ReferencePreprocessing.Mode;

    /// <summary>With <see cref="PreprocessMode.Align"/>: the landmark stage that places the five points.</summary>
    public Alignment.Aligner Aligner { get; init; } = Alignment.AlignerNames.Default;

    /// <summary>With <see cref="PreprocessMode.Align"/>: images without a face get the crop instead of being skipped.</summary>
    public bool AlignFallbackCrop { get; init; }

    /// <summary>Images with a shorter side are skipped as too small.</summary>
    public int MinimumSide { get; init; } = ImageDecoder.DefaultMinimumSide;

    /// <summary>
    /// Cache of prepared 8-bit inputs shared by every model with the same input size (see
    /// <see cref="PixelStore"/>); null decodes every image for every model. Never changes the embeddings.
    /// </summary>
    internal PixelCacheOptions? PixelCache { get; init; }

    /// <summary>
    /// How ONNX Runtime's threads wait for work (see <see cref="Models.Inference.OnnxSessionFactory.Create"/>); used by
    /// <see cref="ModelExtraction"/>. Null (the default) decides per run: spinning when the pixel cache already
    /// holds every image (nothing to decode, so the cores are inference's), off otherwise, because the decode
    /// threads share the cores and a spinning worker both takes their CPU and stalls its own parallel loops
    /// when it is preempted.
    /// </summary>
    internal Models.Inference.SpinningMode? InferenceSpinning { get; init; }

    /// <summary>Recompute even when finished embeddings with the same inputs exist.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Where a preprocessing's embeddings are cached by default: <paramref name="cropRoot"/> (default
    /// &lt;cache&gt;/embeddings) for crop, its sibling <c>&lt;cropRoot&gt;-aligned</c> for align with the mesh
    /// aligner and <c>&lt;cropRoot&gt;-aligned-mtcnn</c> with MTCNN, so the exchange folders of a dataset sit
    /// side by side and never mix.
    /// </summary>
    public static string DefaultOutputRoot(PreprocessMode mode, string? cropRoot = null, Alignment.Aligner aligner = Alignment.AlignerNames.Default)
    {
        var root = cropRoot ?? Path.Combine(Infrastructure.FaceCompatPaths.CacheRoot, "embeddings");
        if (mode != PreprocessMode.Align) return root;
        var aligned = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + "-aligned";
        return aligner == Alignment.Aligner.Mesh ? aligned : aligned + "-" + Alignment.AlignerNames.Name(aligner);
    }

    internal void Validate()
    {
        if (BatchSize < 1) throw new Infrastructure.FaceCompatException($"Batch size must be at least 1 (got {BatchSize}).");
        if (DecodeThreads < 1) throw new Infrastructure.FaceCompatException($"Decode threads must be at least 1 (got {DecodeThreads}).");
        if (ChunkSize < 1) throw new Infrastructure.FaceCompatException($"Chunk size must be at least 1 (got {ChunkSize}).");
        if (string.IsNullOrWhiteSpace(OutputRoot)) throw new Infrastructure.FaceCompatException("No output folder given.");
    }
}
