using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Alignment;

/// <summary>
/// The landmark stage: BlazeFace finds the face, the face mesh places 468 points on its crop, and those
/// reduce to five alignment points. When the mesh's face score is below <see cref="MinMeshScore"/>
/// (human's own threshold) the detector's keypoints are used instead; with no detection the result is
/// null. One instance is not thread-safe; open one per thread.
/// </summary>
internal sealed class FaceLandmarker : ILandmarker
{
    public const float MinMeshScore = 0.2f;
    public const string DetectorId = "blazeface";
    public const string MeshId = "facemesh";

    private readonly BlazeFaceDetector _detector;
    private readonly FaceMeshLandmarker _mesh;

    public FaceLandmarker(BlazeFaceDetector detector, FaceMeshLandmarker mesh)
    {
        _detector = detector;
        _mesh = mesh;
    }

    /// <summary>Opens both models (fetching and converting them when needed).</summary>
    public static FaceLandmarker Open(int threads = 1, EmbedderOptions? options = null)
    {
        var (detector, mesh) = Prepare(options);
        return new FaceLandmarker(new BlazeFaceDetector(detector.Card, detector.OnnxPath, threads), new FaceMeshLandmarker(mesh.Card, mesh.OnnxPath, threads));
    }

    /// <summary>Fetches, verifies and converts the detector and the mesh.</summary>
    public static (PreparedModel Detector, PreparedModel Mesh) Prepare(EmbedderOptions? options = null) =>
        (EmbedderFactory.Prepare(ModelCatalog.Get(DetectorId), options), EmbedderFactory.Prepare(ModelCatalog.Get(MeshId), options));

    public FaceLandmarks? Locate(RgbImage image)
    {
        var face = _detector.Detect(image);
        if (face is null) return null;
        var box = FaceMeshLandmarker.CropBox(face);
        var (mesh, score) = _mesh.Locate(image, box);
        float[] crop = [box.X1, box.Y1, box.X2, box.Y2];
        return score >= MinMeshScore
            ? new FaceLandmarks(LandmarkSource.Mesh, FivePoints.FromMesh(mesh), face.Score, score, crop)
            : new FaceLandmarks(LandmarkSource.Detector, FivePoints.FromDetector(face.Keypoints), face.Score, score, crop);
    }

    public void Dispose()
    {
        _detector.Dispose();
        _mesh.Dispose();
    }
}
