namespace FaceCompat.Analysis;

/// <summary>The standard normal's survival function and its inverse CDF (the probit), to near double precision.</summary>
internal static class NormalDistribution
{
    /// <summary>P(Z ≤ z) for a standard normal Z.</summary>
    public static double Cdf(double z) => Survival(-z);

    /// <summary>
    /// The probit Φ⁻¹(p): the z with P(Z ≤ z) = p (−∞ at 0, +∞ at 1, NaN outside [0, 1]). Acklam's rational
    /// approximation (relative error below 1.2e-9), refined by one Halley step on <see cref="Cdf"/>.
    /// </summary>
    public static double InverseCdf(double p)
    {
        // Stryker disable once Logical : outside [0, 1] the logarithm below gives NaN as well
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        const double low = 0.02425;
        double x;
        if (p < low || p > 1 - low)
        {
            // Stryker disable once Equality : at p = low either approximation is refined to the same value
            var q = Math.Sqrt(-2 * Math.Log(p < low ? p : 1 - p));
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
            // Stryker disable once Equality : at p = 1 - low either approximation is refined to the same value
            if (p > 1 - low) x = -x;
        }
        else
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        // Halley: the error of Φ(x) against p, scaled by the density.
        var e = (x < 0 ? Cdf(x) - p : (1 - p) - Survival(x)) ;
        var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double Survival(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>Complementary error function: a positive-term series below 2.5, a continued fraction above.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2 - Erfc(-x);
        // Stryker disable once Equality : at x = 2.5 the series and the continued fraction agree to rounding
        if (x < 2.5)
        {
            // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1)); all terms positive.
            double term = x, sum = x;
            // Stryker disable once Logical : more (ever smaller, positive) terms change the sum below rounding; the series converges well before 200 terms below 2.5
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
