using FaceCompat.Datasets;
using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>The preprocessing used when nothing else is asked for: the one place that picks it.</summary>
internal static class ReferencePreprocessing
{
    /// <summary>The user's default choice between crop and align.</summary>
    public static PreprocessMode Mode => PreprocessMode.Crop;

    /// <summary>
    /// The dataset's reference crop for a model input size: the central share of each side its protocol keeps
    /// (<paramref name="modelFraction"/>, a model card's own reference crop, replaces the dataset's share), or the
    /// whole image for datasets used as given.
    /// </summary>
    public static CropPreprocessor Crop(ImageDataset dataset, int width, int height, ImageDecoder decoder, double? modelFraction = null) =>
        new(dataset.ReferenceCrop is { } fraction ? modelFraction ?? fraction : null, width, height, decoder);
}
