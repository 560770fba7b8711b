using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>A landmark stage: one face's alignment points in an image, or null when it finds no face. Not thread-safe; open one per thread.</summary>
internal interface ILandmarker : IDisposable
{
    FaceLandmarks? Locate(RgbImage image);
}
