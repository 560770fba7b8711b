using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Alignment;

/// <summary>An aligner with its models fetched, verified and converted: opens landmark stages and says what it is.</summary>
internal sealed record PreparedAligner(Aligner Aligner, IReadOnlyList<PreparedModel> Models)
{
    /// <summary>The model cards each aligner runs, in the order <see cref="Open"/> takes them.</summary>
    public static IReadOnlyList<string> ModelIds(Aligner aligner) => aligner switch
    {
        Aligner.Mesh => [FaceLandmarker.DetectorId, FaceLandmarker.MeshId],
        Aligner.Mtcnn => [MtcnnLandmarker.PNetId, MtcnnLandmarker.RNetId, MtcnnLandmarker.ONetId],
        _ => throw new ArgumentOutOfRangeException(nameof(aligner)),
    };

    /// <summary>Fetches, verifies and converts the aligner's models (cached).</summary>
    public static PreparedAligner Prepare(Aligner aligner, EmbedderOptions? options = null) =>
        new(aligner, ModelIds(aligner).Select(id => EmbedderFactory.Prepare(ModelCatalog.Get(id), options)).ToList());

    /// <summary>A landmark stage over these models with <paramref name="threads"/> ONNX Runtime threads per net.</summary>
    public ILandmarker Open(int threads = 1) => Aligner switch
    {
        Aligner.Mesh => new FaceLandmarker(new BlazeFaceDetector(Models[0].Card, Models[0].OnnxPath, threads),
            new FaceMeshLandmarker(Models[1].Card, Models[1].OnnxPath, threads)),
        Aligner.Mtcnn => new MtcnnLandmarker(new MtcnnDetector(new MtcnnOnnxNets(Models[0], Models[1], Models[2], threads))),
        _ => throw new ArgumentOutOfRangeException(nameof(Aligner)),
    };

    /// <summary>Why an image has no landmarks when the stage found no face.</summary>
    public string NoFaceReason => Aligner switch
    {
        Aligner.Mesh => $"no face found (BlazeFace score <= {BlazeFaceDetector.MinScore})",
        _ => $"no face found (MTCNN: no O-Net score >= {MtcnnDetector.ONetThreshold})",
    };

    /// <summary>The landmark models as preprocessing descriptions name them.</summary>
    public static string Describe(Aligner aligner) => aligner == Aligner.Mesh ? "blazeface+facemesh" : "mtcnn (p/r/o-net)";
}
