namespace FaceCompat.Analysis;

/// <summary>The standard normal's survival function, to near double precision.</summary>
public static class NormalDistribution
{
    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double Survival(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>Complementary error function: a positive-term series below 2.5, a continued fraction above.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2 - Erfc(-x);
        if (x < 2.5)
        {
            // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1)); all terms positive.
            double term = x, sum = x;
            for (var n = 1; n < 200 && term > 1e-17 * sum; n++)
            {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated backwards.
        double fraction = x;
        for (var k = 120; k >= 1; k--) fraction = x + k / 2.0 / fraction;
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / fraction;
    }
}
