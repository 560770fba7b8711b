namespace FaceCompat.Reporting.Charts;

/// <summary>How a series is drawn: its colour and SVG dash pattern (null: a solid line).</summary>
internal sealed record SeriesStyle(string Colour, string? Dash = null);

/// <summary>
/// One curve: points in x order, an optional band (e.g. mean ± std), dashed for controls. Without a <see cref="Style"/> it takes
/// the chart's next palette colour (and a plain dash when <see cref="Dashed"/>).
/// </summary>
internal sealed record LineSeries(
    string Name,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double>? Lower = null,
    IReadOnlyList<double>? Upper = null,
    bool Dashed = false,
    SeriesStyle? Style = null);
