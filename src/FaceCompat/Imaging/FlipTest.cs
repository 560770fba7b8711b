namespace FaceCompat.Imaging;

/// <summary>How the flip test (mean of the embeddings of an image and its mirror) is written in manifests and cache keys.</summary>
internal static class FlipTest
{
    /// <summary>The text that follows a preprocessing's description: whether the flip test is on.</summary>
    public static string Describe(bool flip) => flip ? "; flip test (mean of image and mirror embeddings, L2-normalised)" : "; no flip";
}
