namespace FaceCompat.Alignment;

/// <summary>Where a face's landmarks came from.</summary>
public enum LandmarkSource
{
    /// <summary>Five points from the 468-point face mesh.</summary>
    Mesh,
    /// <summary>Four points (eyes, nose tip, mouth centre) from BlazeFace's keypoints: the mesh rejected the face.</summary>
    Detector,
}

/// <summary>
/// The alignment points of one image, in image pixels: five (x, y) pairs — eye on the image's left,
/// the other eye, nose tip, mouth corner on the left, on the right — from the mesh, or four (the two
/// eyes, nose tip, mouth centre) from the detector alone.
/// </summary>
public sealed record FaceLandmarks(LandmarkSource Source, float[] Points, float DetectorScore, float MeshScore)
{
    public int Count => Points.Length / 2;
}
