using FaceCompat.Datasets;
using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>The preprocessing used when nothing else is asked for: the one place that picks it.</summary>
internal static class ReferencePreprocessing
{
    /// <summary>The default choice between crop and align for the benchmark datasets: their protocols' reference crop.</summary>
    public static PreprocessMode Mode => PreprocessMode.Crop;

    /// <summary>
    /// The default for one dataset: a benchmark with a reference crop (LFW, CFP) keeps it; a folder of the user's own
    /// images, which has none, is aligned, since resizing whole frames as given puts each face wherever the photo had it
    /// (faceapi's leave-one-out Rank-1 on 40 LFW images: 57.5% as given, 100% aligned).
    /// </summary>
    public static PreprocessMode ModeFor(ImageDataset dataset) => dataset.ReferenceCrop is null ? PreprocessMode.Align : Mode;

    /// <summary>
    /// The dataset's reference crop for a model input size: the central share of each side its protocol keeps
    /// (<paramref name="modelFraction"/>, a model card's own reference crop, replaces the dataset's share), or the
    /// whole image for datasets used as given.
    /// </summary>
    public static CropPreprocessor Crop(ImageDataset dataset, int width, int height, ImageDecoder decoder, double? modelFraction = null) =>
        new(dataset.ReferenceCrop is { } fraction ? modelFraction ?? fraction : null, width, height, decoder);
}
