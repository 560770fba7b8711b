using FaceCompat.Datasets;

namespace FaceCompat.Alignment;

/// <summary>Landmark accuracy of one group of CFP images (frontal or profile).</summary>
internal sealed record LandmarkAccuracyRow(string View, int Images, int Detected, int FromMesh, double MeanError, double MedianError, double FailureRate10)
{
    public double DetectionRate => Images == 0 ? 0 : (double)Detected / Images;
}

/// <summary>Compares a CFP landmark set with CFP's fiducials, per view.</summary>
internal static class LandmarkAccuracy
{
    /// <param name="cfp">The CFP dataset (its folder holds Data/Images and Data/Fiducials).</param>
    public static IReadOnlyList<LandmarkAccuracyRow> EvaluateCfp(LandmarkSet landmarks, ImageDataset cfp)
    {
        var rows = new List<LandmarkAccuracyRow>();
        foreach (var view in new[] { "frontal", "profile" })
        {
            var errors = new List<double>();
            int images = 0, detected = 0, mesh = 0;
            foreach (var image in cfp.Images)
            {
                var parts = image.RelativePath.Replace('\\', '/').Split('/');
                if (parts.Length < 2 || parts[^2] != view) continue;
                var fiducials = FiducialPath(cfp.Root, image.FullPath);
                if (fiducials is null) continue;
                images++;
                var entry = landmarks.Find(image.RelativePath);
                if (entry?.Landmarks is not { } l) continue;
                detected++;
                if (l.Source == LandmarkSource.Mesh) mesh++;
                errors.Add(CfpFiducials.Read(fiducials).NormalisedError(l));
            }
            errors.Sort();
            var mean = errors.Count == 0 ? double.NaN : errors.Average();
            var median = errors.Count == 0 ? double.NaN : errors[errors.Count / 2];
            var failures = errors.Count == 0 ? double.NaN : errors.Count(e => e > 0.10) / (double)errors.Count;
            rows.Add(new LandmarkAccuracyRow(view, images, detected, mesh, mean, median, failures));
        }
        return rows;
    }

    /// <summary>Data/Images/a/b/c.jpg -> Data/Fiducials/a/b/c.txt, when it exists.</summary>
    internal static string? FiducialPath(string root, string imagePath)
    {
        var full = Path.GetFullPath(imagePath).Replace('\\', '/');
        var marker = "/Data/Images/";
        var at = full.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var path = full[..at] + "/Data/Fiducials/" + Path.ChangeExtension(full[(at + marker.Length)..], ".txt");
        return File.Exists(path) ? path : null;
    }
}
