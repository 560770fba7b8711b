namespace FaceCompat.Reporting.Charts;

/// <summary>Colours: a categorical palette for series and a sequential scale for heatmaps.</summary>
internal static class Palette
{
    // Okabe-Ito: distinguishable for colour-blind readers.
    private static readonly string[] Categorical =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public static string Series(int index) => Categorical[index % Categorical.Length];

    // Darker versions of the same hues, for text (group-coloured labels) on white.
    private static readonly string[] Text = ["#0060A0", "#B36B00", "#007A5A", "#B34A00", "#A3407F", "#2A7FB0", "#8A7F00", "#000000"];

    /// <summary>A colour for text of group (e.g. model family) index, readable on white.</summary>
    public static string Group(int index) => Text[index % Text.Length];

    // Viridis, sampled at 9 stops.
    private static readonly (double R, double G, double B)[] Viridis =
    [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ];

    /// <summary>Colour for t in [0, 1] on the viridis scale; NaN gives light grey.</summary>
    public static string Sequential(double t)
    {
        if (double.IsNaN(t)) return "#dddddd";
        t = Math.Clamp(t, 0, 1) * (Viridis.Length - 1);
        var i = Math.Min((int)t, Viridis.Length - 2);
        var f = t - i;
        var (r0, g0, b0) = Viridis[i];
        var (r1, g1, b1) = Viridis[i + 1];
        return $"#{(int)Math.Round(r0 + f * (r1 - r0)):x2}{(int)Math.Round(g0 + f * (g1 - g0)):x2}{(int)Math.Round(b0 + f * (b1 - b0)):x2}";
    }

    /// <summary>Black or white, whichever reads better on the sequential colour at t.</summary>
    public static string TextOn(double t) => double.IsNaN(t) || t > 0.6 ? "#000000" : "#ffffff";
}
