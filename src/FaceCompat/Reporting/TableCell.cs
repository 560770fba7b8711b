using System.Globalization;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>
/// One cell of a paper-style table: mean ± std over seeds, an optional 95% confidence interval and a
/// significance mark against the baseline. Plain text cells carry only <see cref="Text"/>.
/// </summary>
internal sealed record TableCell(
    double Mean = double.NaN,
    double Std = double.NaN,
    double CiLow = double.NaN,
    double CiHigh = double.NaN,
    string Mark = "",
    string? Text = null,
    string Format = "0.0")
{
    /// <summary>The possible values of a rate in %, the range a degenerate interval may span.</summary>
    public static readonly (double Low, double High) PercentRange = (0, 100);

    /// <summary>The metric's possible values in the cell's units (null: unbounded), against which its interval is judged degenerate.</summary>
    public (double Low, double High)? Range { get; init; }

    public static TableCell Plain(string text) => new(Text: text);

    /// <summary>A statistic in %: mean ± std, with its 95% interval unless told otherwise, and a mark; empty when there is none.</summary>
    public static TableCell Percent(StudyStatistic? s, bool interval = true, string mark = "") =>
        s is null ? new TableCell()
        : interval ? new TableCell(100 * s.Mean, 100 * s.Std, 100 * s.CiLow, 100 * s.CiHigh, mark) { Range = RangeOf(s.Metric) }
        : new TableCell(100 * s.Mean, 100 * s.Std, Mark: mark);

    /// <summary>A metric's range in %: 0 to 100 for a rate, unbounded otherwise (relative_rank1 may exceed 100%).</summary>
    public static (double Low, double High)? RangeOf(string metric) => Evaluation.Metrics.IsRate(metric) ? PercentRange : null;

    public bool IsNumeric => Text is null;

    public bool HasInterval => !double.IsNaN(CiLow) && !double.IsNaN(CiHigh);

    /// <summary>Whether the cell shows an interval that is <see cref="DegenerateInterval">degenerate</see>.</summary>
    public bool HasDegenerateInterval => IsNumeric && !double.IsNaN(Mean) && DegenerateInterval.Is(CiLow, CiHigh, Range);

    public string Render(bool withInterval = true)
    {
        if (Text is not null) return Text;
        if (double.IsNaN(Mean)) return "–";
        var s = F(Mean);
        if (!double.IsNaN(Std)) s += " ± " + F(Std);
        if (withInterval && HasInterval) s += $" [{F(CiLow)}, {F(CiHigh)}]" + (HasDegenerateInterval ? DegenerateInterval.Mark : "");
        return s + Mark;
    }

    internal string F(double v) => v.ToString(Format, CultureInfo.InvariantCulture);
}
