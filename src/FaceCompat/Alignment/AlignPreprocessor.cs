using System.Globalization;
using System.Text.Json.Nodes;
using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// The <c>align</c> preprocessing of one dataset for one model: each image's cached landmarks are mapped
/// onto the model's template by a least-squares similarity and the image is warped (bilinear) into the
/// model's input size. Images without landmarks are skipped with the landmark stage's reason, or, when
/// <see cref="Fallback"/> is set, given the crop instead (and listed in the manifest).
/// </summary>
internal sealed class AlignPreprocessor(LandmarkSet landmarks, float[] template, int width, int height, NoFaceFallback? fallback,
    ImageDecoder? decoder = null) : IImagePreprocessor
{
    private readonly ImageDecoder _decoder = decoder ?? new ImageDecoder();

    public LandmarkSet Landmarks { get; } = landmarks;
    public float[] Template { get; } = template;
    public int Width { get; } = width;
    public int Height { get; } = height;
    public NoFaceFallback? Fallback { get; } = fallback;

    public PreprocessedImage Prepare(ImageFile file)
    {
        var decoded = _decoder.Decode(file.FullPath);
        return decoded.Ok ? Align(decoded.Image!, file.RelativePath) : PreprocessedImage.Skip(decoded.SkipReason!);
    }

    /// <summary>The aligned input of a decoded image, or the reason it is skipped.</summary>
    public PreprocessedImage Align(RgbImage image, string relativePath)
    {
        var entry = Landmarks.Find(relativePath);
        if (entry?.Landmarks is { } found) return PreprocessedImage.Success(FaceAligner.Align(image, found, Template, Width, Height));
        if (Fallback is not null) return PreprocessedImage.Success(Fallback.Crop.Apply(image));
        return PreprocessedImage.Skip("align: " + (entry?.Reason ?? "no landmarks for this image"));
    }

    public string Describe() => Description("cache " + Landmarks.Key[..16]);

    /// <summary>An image's landmarks depend on the image and the landmark models alone (<see cref="LandmarkSet.ModelsKey"/>).</summary>
    public string DescribePerImage() => Landmarks.ModelsKey.Length >= 16 ? Description("models " + Landmarks.ModelsKey[..16]) : Describe();

    private string Description(string landmarks) =>
        "aligned: five-point least-squares similarity (Umeyama) of " + PreparedAligner.Describe(Landmarks.Aligner) + " landmarks (" + landmarks +
        ") onto [" + string.Join(",", Template.Select(t => t.ToString("0.####", CultureInfo.InvariantCulture))) +
        $"] in {Width}x{Height}, bilinear warp, black border; no face: " +
        (Fallback is null ? "skipped" : "fallback " + Fallback.Describe());

    /// <summary>What the manifest records: landmark cache, template, counts and every image that fell back.</summary>
    public JsonObject ManifestNode()
    {
        var missing = Landmarks.Entries.Where(e => e.Landmarks is null).ToList();
        var node = new JsonObject
        {
            ["aligner"] = AlignerNames.Name(Landmarks.Aligner),
            ["landmarks"] = Landmarks.File,
            ["landmarksKey"] = Landmarks.Key,
            ["template"] = new JsonArray(Template.Select(t => (JsonNode)Math.Round(t, 4)).ToArray()),
            ["input"] = $"{Width}x{Height}",
            ["noFace"] = missing.Count,
            ["noFaceHandling"] = Fallback is null ? "skipped" : "fallback",
            ["fallbackImages"] = Fallback is null ? new JsonArray()
                : new JsonArray(missing.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["reason"] = e.Reason }).ToArray()),
        };
        if (Landmarks.Aligner == Aligner.Mesh)
        {
            node["facesFromMesh"] = Landmarks.FromMesh;
            node["facesFromDetectorOnly"] = Landmarks.Found - Landmarks.FromMesh;
        }
        else node["facesFromMtcnn"] = Landmarks.Found;
        return node;
    }
}
