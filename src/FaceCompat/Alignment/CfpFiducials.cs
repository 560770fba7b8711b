using System.Globalization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Alignment;

/// <summary>
/// CFP's hand-placed fiducials (<c>Data/Fiducials/&lt;id&gt;/&lt;frontal|profile&gt;/NN.txt</c>, 30 "x,y" lines).
/// CFP annotates one half of the face plus the midline, in both views: 0-8 jaw contour, 9-11 brow,
/// 12-17 the eye (corners and lids), 18-21 nose bridge down to the tip (21), 22-24 nose base,
/// 25 the mouth corner, 26-29 lip midline points. So only three of the five alignment points exist:
/// the annotated eye's centre (mean of 12-17), the nose tip (21) and the annotated mouth corner (25);
/// the annotated side is the side of the nose the eye lies on.
/// </summary>
internal sealed record CfpFiducials(float EyeX, float EyeY, float NoseX, float NoseY, float MouthX, float MouthY)
{
    public const int PointCount = 30;

    /// <summary>True when the annotated eye lies left of the nose tip in the image.</summary>
    public bool LeftSide => EyeX < NoseX;

    /// <summary>Distance from the eye centre to the mouth corner: the normaliser (there is no second eye).</summary>
    public float EyeMouthDistance => MathF.Sqrt((EyeX - MouthX) * (EyeX - MouthX) + (EyeY - MouthY) * (EyeY - MouthY));

    public static CfpFiducials Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length != PointCount) throw new FaceCompatException($"{path}: expected {PointCount} fiducial lines, found {lines.Length}.");
        var xy = new float[PointCount * 2];
        for (var i = 0; i < PointCount; i++)
        {
            var parts = lines[i].Split(',');
            if (parts.Length != 2 || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out xy[2 * i])
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out xy[2 * i + 1]))
                throw new FaceCompatException($"{path}: line {i + 1} is not 'x,y'.");
        }
        float ex = 0, ey = 0;
        for (var i = 12; i <= 17; i++) { ex += xy[2 * i]; ey += xy[2 * i + 1]; }
        return new CfpFiducials(ex / 6, ey / 6, xy[42], xy[43], xy[50], xy[51]);
    }

    /// <summary>
    /// Mean distance of the three annotated points from the predicted ones (same side), over
    /// <see cref="EyeMouthDistance"/>. For four detector points the mouth corner is not compared.
    /// </summary>
    public double NormalisedError(FaceLandmarks predicted)
    {
        var p = predicted.Points;
        var eye = LeftSide ? 0 : 1;
        var errors = new List<double>
        {
            Distance(p[2 * eye], p[2 * eye + 1], EyeX, EyeY),
            Distance(p[4], p[5], NoseX, NoseY),
        };
        if (predicted.Count == 5)
        {
            var mouth = LeftSide ? 3 : 4;
            errors.Add(Distance(p[2 * mouth], p[2 * mouth + 1], MouthX, MouthY));
        }
        return errors.Average() / EyeMouthDistance;
    }

    private static double Distance(float x1, float y1, float x2, float y2) => Math.Sqrt((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2));
}
