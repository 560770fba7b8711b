using FaceCompat.Imaging;
using FaceCompat.Models.Cards;

namespace FaceCompat.Alignment;

/// <summary>Warps a face so that its alignment points land on a model's template (least-squares similarity).</summary>
internal static class FaceAligner
{
    /// <summary>The card's template, or the ArcFace template, scaled to the model's input size.</summary>
    public static float[] TemplateFor(ModelCard card, int width, int height)
    {
        var t = card.AlignTemplate ?? AlignmentTemplate.ArcFace112;
        var sx = (float)width / t.Width;
        var sy = (float)height / t.Height;
        var points = new float[10];
        for (var i = 0; i < 5; i++)
        {
            points[2 * i] = t.Points[2 * i] * sx;
            points[2 * i + 1] = t.Points[2 * i + 1] * sy;
        }
        return points;
    }

    public static SimilarityTransform TransformTo(FaceLandmarks landmarks, ReadOnlySpan<float> template) =>
        landmarks.Count == 5
            ? SimilarityTransform.Estimate(landmarks.Points, template)
            : SimilarityTransform.Estimate(landmarks.Points, FivePoints.FourFromFive(template));

    public static RgbImage Align(RgbImage image, FaceLandmarks landmarks, ReadOnlySpan<float> template, int width, int height) =>
        FaceWarp.Warp(image, TransformTo(landmarks, template), width, height);
}
