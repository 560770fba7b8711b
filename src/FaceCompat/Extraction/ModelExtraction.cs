using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Extraction;

/// <summary>
/// The one-call entry point for real models: resolves a model card, fetches/converts it (cached), opens
/// an <see cref="OnnxEmbedder"/> and runs <see cref="ExtractionPipeline"/>. The dataset's central crop
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
        using var embedder = new OnnxEmbedder(card, prepared.OnnxPath, embedderOptions);
        var preprocessing = options.Preprocessing ?? PreprocessingFor(dataset, card, options.Flip);
        if (options.Preprocess == PreprocessMode.Align && options.Preprocessing is null)
        {
            log?.Invoke($"landmarks of {dataset.Name} (cached per dataset)");
            var landmarks = LandmarkCache.GetOrCompute(dataset, threads is > 0 ? threads.Value : Environment.ProcessorCount, embedderOptions with { Progress = log }, cancellation: cancellation);
            var (w, h) = (card.Input.Width, card.Input.Height);
            var plan = new AlignmentPlan(landmarks, FaceAligner.TemplateFor(card, w, h), w, h, options.AlignFallbackCrop ? preprocessing : null);
            preprocessing = new Preprocessing(CropMode.Aligned, 1.0, options.Flip) { Align = plan };
        }
        return ExtractionPipeline.Run(dataset, embedder, provenance, options with { Preprocessing = preprocessing }, progress, cancellation);
    }

    /// <summary>The dataset's reference preprocessing, with the card's crop fraction for centrally cropped datasets.</summary>
    public static Preprocessing PreprocessingFor(ImageDataset dataset, ModelCard card, bool flip) =>
        dataset.DefaultCrop == CropMode.Central ? new Preprocessing(CropMode.Central, card.ReferenceCrop, flip) : Preprocessing.AsGiven(flip);

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
