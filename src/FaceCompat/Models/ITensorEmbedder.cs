using FaceCompat.Imaging;

namespace FaceCompat.Models;

/// <summary>
/// An embedder whose input tensor can be made apart from running the model, so that a pipeline can fill
/// the next batch's tensor on another thread while the current batch runs. Filling then running gives
/// exactly what <see cref="IImageEmbedder.Embed"/> gives for the same images in the same batch.
/// </summary>
internal interface ITensorEmbedder : IImageEmbedder
{
    /// <summary>The most images one <see cref="RunBatch"/> takes.</summary>
    int BatchSize { get; }

    /// <summary>Tensor values per image.</summary>
    int ValuesPerImage { get; }

    /// <summary>Writes one image's slice of the input tensor (thread-safe; may run while a batch runs).</summary>
    void FillInput(RgbImage image, Span<float> destination);

    /// <summary>Runs <paramref name="count"/> images of a filled input tensor and writes their L2-normalised embeddings.</summary>
    void RunBatch(Memory<float> input, int count, Span<float> output);
}
