namespace FaceCompat.Reporting.Study;

/// <summary>
/// Whether a control (shuffled targets, random orthogonal map) fell to the unaligned baseline. It may lie
/// above max(baseline, chance) by at most 10% of the gap to the best fitted map (or 0.1 when there is no
/// gap): the same rule as the comparison command's control check.
/// </summary>
public static class ControlVerdict
{
    public const double Tolerance = 0.1;

    public static bool IsAtBaseline(double control, double baseline, double chance, double best)
    {
        var floor = Math.Max(double.IsNaN(baseline) ? 0 : baseline, double.IsNaN(chance) ? 0 : chance);
        var allowed = double.IsFinite(best) && best > floor ? Tolerance * (best - floor) : Tolerance;
        return control <= floor + allowed;
    }
}
