using FaceCompat.Alignment;
using FaceCompat.Imaging;
using FaceCompat.Models.Cards;

namespace FaceCompat.Tests.Alignment;

public class AlignPreprocessorTests
{
    private static readonly RgbImage Gray = new(40, 40, Enumerable.Repeat((byte)128, 40 * 40 * 3).ToArray());

    private static LandmarkSet Set(params LandmarkEntry[] entries) => new("k".PadRight(64, '0'), "test", entries);

    [Fact]
    public void Image_without_face_is_skipped_with_the_reason()
    {
        var plan = new AlignPreprocessor(Set(new LandmarkEntry("a.jpg", null, "no face found")), AlignmentTemplate.ArcFace112.Points.ToArray(), 112, 112, null);
        var (image, reason) = plan.Align(Gray, "a.jpg");
        Assert.Null(image);
        Assert.Contains("no face found", reason);
        Assert.Equal(1, plan.ManifestNode()["noFace"]!.GetValue<int>());
    }

    [Fact]
    public void Fallback_crop_is_used_and_listed()
    {
        var crop = new CropPreprocessor(0.6, 20, 20);
        var plan = new AlignPreprocessor(Set(new LandmarkEntry("a.jpg", null, "no face found")), AlignmentTemplate.ArcFace112.Points.ToArray(), 20, 20,
            new NoFaceFallback(crop, Flip: false));
        var (image, reason) = plan.Align(Gray, "a.jpg");
        Assert.Null(reason);
        Assert.Equal(crop.Apply(Gray).Pixels, image!.Pixels);
        Assert.EndsWith("no face: fallback central-crop 0.6; resize " + CropPreprocessor.Interpolation + "; no flip", plan.Describe());
        Assert.Equal("a.jpg", plan.ManifestNode()["fallbackImages"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Landmarks_on_the_template_give_an_identity_warp()
    {
        var template = AlignmentTemplate.ArcFace112.Points.ToArray();
        var source = new RgbImage(112, 112, Enumerable.Range(0, 112 * 112 * 3).Select(i => (byte)(i % 251)).ToArray());
        var plan = new AlignPreprocessor(Set(new LandmarkEntry("a.jpg", new FaceLandmarks(LandmarkSource.Mesh, template, 1, 1), null)), template, 112, 112, null);
        var (image, _) = plan.Align(source, "a.jpg");
        Assert.Equal(source.Pixels, image!.Pixels);
    }

    [Fact]
    public void Templates_scale_to_the_input_size()
    {
        var card = ModelCatalog.Get("resnet18");
        var t = FaceAligner.TemplateFor(card, 224, 224);
        Assert.Equal(38.2946f * 2, t[0], 3);
        Assert.Equal(92.2041f * 2, t[9], 3);
    }

    [Fact]
    public void Alignment_models_stay_out_of_the_embedding_lists()
    {
        Assert.DoesNotContain(ModelCatalog.BuiltIn, c => c.Id is "blazeface" or "facemesh");
        Assert.DoesNotContain("blazeface", ModelCatalog.UsableIds);
        Assert.Equal(ModelRole.Detector, ModelCatalog.Get("blazeface").Role);
        Assert.Equal(ModelRole.Landmarks, ModelCatalog.Get("facemesh").Role);
    }
}
