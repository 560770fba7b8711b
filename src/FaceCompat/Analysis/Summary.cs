namespace FaceCompat.Analysis;

/// <summary>Mean ± sample standard deviation (ddof 1, as pandas and R report; numpy's default is ddof 0).</summary>
public readonly record struct Summary(double Mean, double Std, int Count)
{
    public static Summary Of(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return new Summary(double.NaN, double.NaN, 0);
        double sum = 0;
        foreach (var v in values) sum += v;
        var mean = sum / values.Length;
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        var std = values.Length > 1 ? Math.Sqrt(ss / (values.Length - 1)) : double.NaN;
        return new Summary(mean, std, values.Length);
    }
}
