using FaceCompat.Imaging;

namespace FaceCompat.Models;

/// <summary>
/// Turns images that already have the model's input size into L2-normalised embeddings.
/// The embedder applies the model's own tensor preprocessing (layout, colour order, normalisation).
/// </summary>
public interface IImageEmbedder : IDisposable
{
    string ModelId { get; }
    int InputWidth { get; }
    int InputHeight { get; }
    int Dimension { get; }

    /// <summary>Embeds the images into <paramref name="output"/> (images.Count x Dimension, row-major).</summary>
    void Embed(IReadOnlyList<RgbImage> images, Span<float> output);
}
