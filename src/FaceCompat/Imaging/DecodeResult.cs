namespace FaceCompat.Imaging;

/// <summary>A decoded image, or the reason it could not be used.</summary>
internal readonly record struct DecodeResult(RgbImage? Image, string? SkipReason)
{
    public bool Ok => Image is not null;
    public static DecodeResult Success(RgbImage image) => new(image, null);
    public static DecodeResult Skip(string reason) => new(null, reason);
}
