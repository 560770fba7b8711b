namespace FaceCompat.Imaging;

/// <summary>The prepared input pixels of one image, or the reason the image is skipped.</summary>
internal readonly record struct PreprocessedImage(RgbImage? Image, string? SkipReason)
{
    public bool Ok => Image is not null;
    public static PreprocessedImage Success(RgbImage image) => new(image, null);
    public static PreprocessedImage Skip(string reason) => new(null, reason);
}
