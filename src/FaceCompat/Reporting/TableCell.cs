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
    public static TableCell Plain(string text) => new(Text: text);

    /// <summary>A statistic in %: mean ± std, with its 95% interval unless told otherwise, and a mark; empty when there is none.</summary>
    public static TableCell Percent(StudyStatistic? s, bool interval = true, string mark = "") =>
        s is null ? new TableCell()
        : interval ? new TableCell(100 * s.Mean, 100 * s.Std, 100 * s.CiLow, 100 * s.CiHigh, mark)
        : new TableCell(100 * s.Mean, 100 * s.Std, Mark: mark);

    public bool IsNumeric => Text is null;

    public string Render(bool withInterval = true)
    {
        if (Text is not null) return Text;
        if (double.IsNaN(Mean)) return "–";
        var s = F(Mean);
        if (!double.IsNaN(Std)) s += " ± " + F(Std);
        if (withInterval && !double.IsNaN(CiLow) && !double.IsNaN(CiHigh)) s += $" [{F(CiLow)}, {F(CiHigh)}]";
        return s + Mark;
    }

    internal string F(double v) => v.ToString(Format, CultureInfo.InvariantCulture);
}
