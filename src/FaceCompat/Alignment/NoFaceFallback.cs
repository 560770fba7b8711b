using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// What an image without landmarks gets instead of being skipped: the crop. <see cref="Flip"/> is only
/// part of its description, which has named the run's flip test since the first aligned extractions
/// (manifests and cache keys depend on that text).
/// </summary>
internal sealed record NoFaceFallback(CropPreprocessor Crop, bool Flip)
{
    public string Describe() => Crop.Describe() + FlipTest.Describe(Flip);
}
