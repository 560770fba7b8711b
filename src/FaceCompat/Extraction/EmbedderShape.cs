using FaceCompat.Models;
using FaceCompat.Models.Cards;

namespace FaceCompat.Extraction;

/// <summary>What an extraction's files depend on from the embedder; a model card gives it without loading the model.</summary>
internal sealed record EmbedderShape(string ModelId, int InputWidth, int InputHeight, int Dimension)
{
    public static EmbedderShape Of(IImageEmbedder embedder) => new(embedder.ModelId, embedder.InputWidth, embedder.InputHeight, embedder.Dimension);

    public static EmbedderShape Of(ModelCard card) => new(card.Id, card.Input.Width, card.Input.Height, card.Output.Dimension);
}
