using FaceCompat.Reporting.Charts;

namespace FaceCompat.Reporting.Study;

/// <summary>
/// How a map's curve is drawn, the same in every chart of a report: each fitted map a hue of its own, far apart (blue, bluish green,
/// vermilion, ... from Okabe–Ito: colour-blind safe), in the order of the study's maps (<see cref="StudyView.AllMaps"/>); the
/// unaligned baseline and the controls grey or black, each with its own dash pattern, so that no control can be taken for a map.
/// </summary>
internal static class MapStyles
{
    // Blue and vermilion first: the headline maps (procrustes, then ridge after lstsq) get the two most different hues.
    private static readonly string[] FittedColours = ["#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"];

    private static readonly SeriesStyle BaselineStyle = new("#555555", "7 3");

    private static readonly SeriesStyle[] ControlStyles = [new("#000000", "2 3"), new("#999999", "9 3 2 3"), new("#333333", "1 5")];

    /// <summary>The style of <paramref name="map"/> among <paramref name="maps"/> (the study's maps, in report order).</summary>
    public static SeriesStyle Of(string map, IReadOnlyList<string> maps)
    {
        if (map == TableVocabulary.Baseline) return BaselineStyle;
        if (StudyView.IsControl(map))
            return ControlStyles[Math.Max(0, maps.Where(StudyView.IsControl).ToList().IndexOf(map)) % ControlStyles.Length];
        return new SeriesStyle(FittedColours[Math.Max(0, maps.Where(m => !StudyView.IsControl(m) && m != TableVocabulary.Baseline).ToList().IndexOf(map)) % FittedColours.Length]);
    }
}
