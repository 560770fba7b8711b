namespace FaceCompat.Reporting.Charts;

/// <summary>One curve: points in x order, an optional band (e.g. mean ± std), dashed for controls.</summary>
internal sealed record LineSeries(
    string Name,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double>? Lower = null,
    IReadOnlyList<double>? Upper = null,
    bool Dashed = false);
