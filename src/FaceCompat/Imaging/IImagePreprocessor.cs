namespace FaceCompat.Imaging;

/// <summary>
/// Turns one image file into a model's input pixels (8-bit RGB of the model's input size, before the
/// model's own tensor normalisation), or says why the image is skipped. Implementations: the crop
/// (<see cref="CropPreprocessor"/>) and landmark alignment (in FaceCompat.Alignment); caches wrap one.
/// </summary>
internal interface IImagePreprocessor
{
    /// <summary>Width of the prepared images.</summary>
    int Width { get; }

    /// <summary>Height of the prepared images.</summary>
    int Height { get; }

    /// <summary>A short stable text for manifests and cache keys (the flip test is not part of it).</summary>
    string Describe();

    /// <summary>
    /// What one image's prepared pixels depend on besides the image: <see cref="Describe"/> without anything that
    /// depends on the dataset's other images (alignment names its landmark models, not its landmark cache, whose key
    /// covers the whole file list). It keys the rows an extraction keeps when other images are added or removed.
    /// </summary>
    string DescribePerImage() => Describe();

    /// <summary>The prepared pixels of <paramref name="file"/>, or the reason it is skipped; never throws for a bad file.</summary>
    PreprocessedImage Prepare(ImageFile file);
}
