using System.Globalization;
using System.Text.Json.Nodes;
using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// The <c>align</c> preprocessing of one dataset for one model: each image's cached landmarks are mapped
/// onto the model's template by a least-squares similarity and the image is warped (bilinear) into the
/// model's input size. Images without landmarks are skipped with the landmark stage's reason, or, when
/// <see cref="Fallback"/> is set, given that preprocessing instead (and listed in the manifest).
/// </summary>
public sealed record AlignmentPlan(LandmarkSet Landmarks, float[] Template, int Width, int Height, Preprocessing? Fallback)
{
    /// <summary>The aligned input, or null with the reason the image is skipped.</summary>
    public (RgbImage? Image, string? SkipReason) Apply(RgbImage image, string relativePath)
    {
        var entry = Landmarks.Find(relativePath);
        if (entry?.Landmarks is { } landmarks) return (FaceAligner.Align(image, landmarks, Template, Width, Height), null);
        var reason = entry?.Reason ?? "no landmarks for this image";
        if (Fallback is not null) return (Fallback.Apply(image, Width, Height), null);
        return (null, "align: " + reason);
    }

    public string Describe() =>
        "aligned: five-point least-squares similarity (Umeyama) of blazeface+facemesh landmarks (cache " + Landmarks.Key[..16] +
        ") onto [" + string.Join(",", Template.Select(t => t.ToString("0.####", CultureInfo.InvariantCulture))) +
        $"] in {Width}x{Height}, bilinear warp, black border; no face: " +
        (Fallback is null ? "skipped" : "fallback " + Fallback.Describe());

    /// <summary>What the manifest records: landmark cache, template, counts and every image that fell back.</summary>
    public JsonObject ManifestNode()
    {
        var missing = Landmarks.Entries.Where(e => e.Landmarks is null).ToList();
        return new JsonObject
        {
            ["landmarks"] = Landmarks.File,
            ["landmarksKey"] = Landmarks.Key,
            ["template"] = new JsonArray(Template.Select(t => (JsonNode)Math.Round(t, 4)).ToArray()),
            ["input"] = $"{Width}x{Height}",
            ["facesFromMesh"] = Landmarks.FromMesh,
            ["facesFromDetectorOnly"] = Landmarks.Found - Landmarks.FromMesh,
            ["noFace"] = missing.Count,
            ["noFaceHandling"] = Fallback is null ? "skipped" : "fallback",
            ["fallbackImages"] = Fallback is null ? new JsonArray()
                : new JsonArray(missing.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["reason"] = e.Reason }).ToArray()),
        };
    }
}
