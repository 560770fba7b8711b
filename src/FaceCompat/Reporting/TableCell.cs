using System.Globalization;

namespace FaceCompat.Reporting;

/// <summary>
/// One cell of a paper-style table: mean ± std over seeds, an optional 95% confidence interval and a
/// significance mark against the baseline. Plain text cells carry only <see cref="Text"/>.
/// </summary>
public sealed record TableCell(
    double Mean = double.NaN,
    double Std = double.NaN,
    double CiLow = double.NaN,
    double CiHigh = double.NaN,
    string Mark = "",
    string? Text = null,
    string Format = "0.0")
{
    public static TableCell Plain(string text) => new(Text: text);

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
