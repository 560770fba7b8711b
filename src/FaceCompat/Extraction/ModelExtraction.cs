using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Extraction;

/// <summary>
/// The one-call entry point for real models: resolves a model card, fetches/converts it (cached), opens
/// an <see cref="OnnxEmbedder"/> and runs <see cref="ExtractionPipeline"/>. A dataset's central reference crop
/// uses the card's reference crop fraction (0.6 for every built-in card).
/// </summary>
public static class ModelExtraction
{
    /// <param name="threads">ONNX Runtime intra-op threads; null means all cores.</param>
    public static ExtractionResult Run(ImageDataset dataset, ModelCard card, ExtractionOptions options, int? threads = null,
        IProgress<ExtractionProgress>? progress = null, Action<string>? log = null, CancellationToken cancellation = default)
    {
        var embedderOptions = new EmbedderOptions
        {
            BatchSize = options.Flip ? 2 * options.BatchSize : options.BatchSize,
            Threads = threads,
            Progress = log,
        };
        var prepared = EmbedderFactory.Prepare(card, embedderOptions);
        var provenance = Provenance(prepared);
        var (w, h) = (card.Input.Width, card.Input.Height);
        var decoder = new ImageDecoder(options.MinimumSide);
        var crop = ReferencePreprocessing.Crop(dataset, w, h, decoder, card.ReferenceCrop);
        var preprocessing = options.Preprocessing ?? (options.Preprocess == PreprocessMode.Align
            ? new AlignPreprocessor(Landmarks(dataset, options.Aligner, threads, embedderOptions, log, cancellation), FaceAligner.TemplateFor(card, w, h), w, h,
                options.AlignFallbackCrop ? new NoFaceFallback(crop, options.Flip) : null, decoder)
            : crop);
        var resolved = options with { Preprocessing = preprocessing };
        if (ExtractionPipeline.TryReuse(dataset, EmbedderShape.Of(card), provenance, resolved) is { } done) return done;
        var everythingCached = options.PixelCache is { } cache && PixelStore.HoldsAll(dataset, preprocessing, options.MinimumSide, cache);
        var spinning = options.InferenceSpinning ?? (everythingCached ? SpinningMode.On : SpinningMode.Off);
        var modelRuns = new InferenceTimer();
        using var embedder = new OnnxEmbedder(card, prepared.OnnxPath, embedderOptions with { Spinning = spinning, Observer = modelRuns });
        log?.Invoke($"{card.Id}: ONNX Runtime {embedder.Threads} threads, spinning {spinning}");
        return ExtractionPipeline.Run(dataset, embedder, provenance, resolved, progress, modelRuns, cancellation);
    }

    /// <summary>The dataset's landmarks, from the landmark cache or computed into it, with progress lines.</summary>
    private static LandmarkSet Landmarks(ImageDataset dataset, Aligner aligner, int? threads, EmbedderOptions embedderOptions, Action<string>? log,
        CancellationToken cancellation)
    {
        log?.Invoke($"landmarks of {dataset.Name} ({AlignerNames.Name(aligner)} aligner, cached per dataset)");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var computed = 0;
        var landmarkProgress = new InlineProgress<(int Done, int Total)>(p =>
        {
            computed = p.Done;
            if (p.Done % 512 == 0 || p.Done == p.Total)
                log?.Invoke($"landmarks {p.Done}/{p.Total} ({p.Done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F1} images/s)");
        });
        var landmarks = LandmarkCache.GetOrCompute(dataset, aligner, threads is > 0 ? threads.Value : Environment.ProcessorCount, embedderOptions with { Progress = log },
            landmarkProgress, cancellation);
        log?.Invoke(computed > 0 ? $"landmarks: {landmarks.Found}/{landmarks.Entries.Count} faces, {computed} images in {clock.Elapsed.TotalSeconds:F1} s" : $"landmarks: cached ({landmarks.File})");
        return landmarks;
    }

    /// <summary>The model's source files (as fetched and verified) and the ONNX file actually run.</summary>
    public static ModelProvenance Provenance(PreparedModel prepared)
    {
        var files = prepared.SourceFiles
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new ModelFile(f.Key, f.Value.Sha256))
            .Append(new ModelFile("onnx:" + Path.GetFileName(prepared.OnnxPath), ModelProvenance.Sha256Of(prepared.OnnxPath)))
            .ToList();
        return new ModelProvenance(prepared.Card.Id, files);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (no synchronisation context hop).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();
    public void Report(T value) { lock (_gate) report(value); }
}
