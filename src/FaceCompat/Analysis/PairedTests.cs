namespace FaceCompat.Analysis;

/// <summary>A test statistic and its two-sided p-value.</summary>
public readonly record struct TestResult(double Statistic, double PValue, int Count, string Method);

/// <summary>
/// Paired tests between two conditions measured on the same units (e.g. a map and the baseline on
/// the same seeds, or per-identity scores).
/// </summary>
internal static class PairedTests
{
    /// <summary>
    /// Wilcoxon signed-rank test of x - y, two-sided, as scipy.stats.wilcoxon(x, y) computes it in
    /// scipy 1.10 (Debian 12's; zero_method="wilcox", correction=False, method="auto"): with n ≤ 50
    /// pairs and no zero difference the p-value is exact, 2·min(P(W ≤ W+), P(W ≥ W+)) under the null
    /// distribution of W+, with W+ truncated to an integer when ties give it a half, and 1 at the
    /// centre; otherwise zero differences are dropped and the normal approximation is used with the
    /// tie correction of the variance and no continuity correction. The statistic is min(W+, W-).
    /// </summary>
    public static TestResult Wilcoxon(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("Paired samples must have the same length.");
        var all = new List<double>(x.Length);
        var zeros = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - y[i];
            // Stryker disable once Update : the zero count is only compared with 0
            if (d == 0) zeros++; else all.Add(d);
        }
        var n = all.Count;
        if (n == 0) return new TestResult(double.NaN, double.NaN, 0, "none: all differences are zero");
        var abs = all.Select(Math.Abs).ToArray();
        var ranks = Ranking.AverageRanks(abs);
        double plus = 0, minus = 0;
        for (var i = 0; i < n; i++)
            // Stryker disable once Equality,Boolean : W+ and W- swap; the null distribution is symmetric, so min(W+, W-) and the two-sided p are the same
            if (all[i] > 0) plus += ranks[i]; else minus += ranks[i];
        var t = Math.Min(plus, minus);

        if (x.Length <= 50 && zeros == 0)
        {
            var counts = SignedRankCounts(n);
            var max = counts.Length - 1;
            var w = (int)plus;
            // Stryker disable once Arithmetic : at the centre both tails hold more than half the mass, so the two-sided p clamps to 1 without this shortcut
            if (w == max / 2) return new TestResult(t, 1, n, "exact");
            double total = Math.Pow(2, n), less = 0, greater = 0;
            for (var s = 0; s <= max; s++)
            {
                if (s <= w) less += counts[s];
                if (s >= w) greater += counts[s];
            }
            return new TestResult(t, Math.Clamp(2 * Math.Min(less, greater) / total, 0, 1), n, "exact");
        }

        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1) * (2.0 * n + 1);
        foreach (var size in Ranking.TieGroupSizes(ranks)) variance -= 0.5 * size * ((double)size * size - 1);
        var se = Math.Sqrt(variance / 24);
        var z = (t - mean) / se;
        return new TestResult(t, 2 * NormalDistribution.Survival(Math.Abs(z)), n, "normal approximation");
    }

    /// <summary>counts[s] = number of subsets of {1..n} summing to s.</summary>
    private static double[] SignedRankCounts(int n)
    {
        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var r = 1; r <= n; r++)
            for (var s = max; s >= r; s--)
                counts[s] += counts[s - r];
        return counts;
    }

    /// <summary>
    /// Paired permutation (sign-flip) test of the mean difference, two-sided, statistic |mean(x - y)|.
    /// Exact over all 2^n sign patterns when n ≤ 20 (so with 5 seeds the smallest p is 2/32 = 0.0625);
    /// otherwise <paramref name="resamples"/> random patterns from SplitMix64(seed) and
    /// p = (1 + count) / (1 + resamples). A pattern counts when its |mean| ≥ the observed one (within 1e-12).
    /// </summary>
    public static TestResult SignFlip(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int resamples = 10000, ulong seed = 42)
    {
        if (x.Length != y.Length) throw new ArgumentException("Paired samples must have the same length.");
        var n = x.Length;
        if (n == 0) return new TestResult(0, 1, 0, "none: no pairs");
        var d = new double[n];
        for (var i = 0; i < n; i++) d[i] = x[i] - y[i];
        var observed = Math.Abs(d.Sum() / n);
        var tolerance = 1e-12 * Math.Max(1, observed);

        if (n <= 20)
        {
            long count = 0, patterns = 1L << n;
            for (long mask = 0; mask < patterns; mask++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++) sum += (mask >> i & 1) == 1 ? -d[i] : d[i];
                // Stryker disable once Equality : a pattern exactly at observed - tolerance does not occur; the tolerance already admits the observed value's rounding
                if (Math.Abs(sum / n) >= observed - tolerance) count++;
            }
            return new TestResult(observed, (double)count / patterns, n, "exact sign-flip");
        }

        var rng = new Numerics.SplitMix64(seed);
        long hits = 0;
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++) sum += (rng.Next() & 1) == 1 ? -d[i] : d[i];
            // Stryker disable once Equality : a pattern exactly at observed - tolerance does not occur; the tolerance already admits the observed value's rounding
            if (Math.Abs(sum / n) >= observed - tolerance) hits++;
        }
        return new TestResult(observed, (1.0 + hits) / (1.0 + resamples), n, $"sign-flip, {resamples} random patterns");
    }
}
