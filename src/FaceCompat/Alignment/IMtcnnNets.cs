namespace FaceCompat.Alignment;

/// <summary>O-Net's or R-Net's answers for a batch of crops: face probability, regression (4 per crop) and, from O-Net, landmarks (10 per crop: five x, then five y, as fractions of the box).</summary>
internal sealed record MtcnnRefinement(float[] Scores, float[] Regression, float[]? Landmarks = null);

/// <summary>MTCNN's three nets, fed transposed tensors (see <see cref="MtcnnInput"/>). Implemented over ONNX Runtime by <see cref="MtcnnOnnxNets"/>.</summary>
internal interface IMtcnnNets : IDisposable
{
    /// <summary>P-Net on one transposed image [1][width][height][3].</summary>
    PNetMap RunPNet(float[] input, int width, int height);

    /// <summary>R-Net on <paramref name="count"/> transposed 24x24 crops.</summary>
    MtcnnRefinement RunRNet(float[] input, int count);

    /// <summary>O-Net on <paramref name="count"/> transposed 48x48 crops.</summary>
    MtcnnRefinement RunONet(float[] input, int count);
}
