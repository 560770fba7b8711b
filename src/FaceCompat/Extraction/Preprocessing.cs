using FaceCompat.Alignment;
using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>How an extraction prepares its inputs: each image's pixels, and whether the flip test adds the mirror.</summary>
internal sealed record Preprocessing(IImagePreprocessor Images, bool Flip)
{
    /// <summary>The stable text written to manifests and folded into run and cache keys.</summary>
    public string Describe() => Images.Describe() + FlipTest.Describe(Flip);

    /// <summary>What one image's row depends on from the preprocessing (<see cref="IImagePreprocessor.DescribePerImage"/>), with the flip test.</summary>
    public string DescribePerImage() => Images.DescribePerImage() + FlipTest.Describe(Flip);

    /// <summary>The manifest's name for the choice: <c>align</c> or <c>crop</c>.</summary>
    public string Mode => Images is AlignPreprocessor ? "align" : "crop";
}
