namespace FaceCompat.Alignment;

/// <summary>Where a face's landmarks came from.</summary>
internal enum LandmarkSource
{
    /// <summary>Five points from the 468-point face mesh.</summary>
    Mesh,
    /// <summary>Four points (eyes, nose tip, mouth centre) from BlazeFace's keypoints: the mesh rejected the face.</summary>
    Detector,
    /// <summary>Five points from MTCNN's O-Net.</summary>
    Mtcnn,
}

/// <summary>
/// The alignment points of one image, in image pixels: five (x, y) pairs — eye on the image's left,
/// the other eye, nose tip, mouth corner on the left, on the right — from the mesh, or four (the two
/// eyes, nose tip, mouth centre) from the detector alone; five from MTCNN's O-Net.
/// </summary>
/// <param name="CropBox">The face mesh's crop (x1, y1, x2, y2): BlazeFace's box enlarged 1.4x and squared, as human crops faces; for MTCNN, O-Net's final box.</param>
internal sealed record FaceLandmarks(LandmarkSource Source, float[] Points, float DetectorScore, float MeshScore, float[]? CropBox = null)
{
    public int Count => Points.Length / 2;
}
