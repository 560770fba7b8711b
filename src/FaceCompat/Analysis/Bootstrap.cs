namespace FaceCompat.Analysis;

/// <summary>A point estimate with a confidence interval.</summary>
public readonly record struct ConfidenceInterval(double Estimate, double Lower, double Upper, double Level);

/// <summary>
/// Percentile bootstrap that resamples groups (test identities), not rows, so correlated images of
/// one identity move together.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// CI of the mean of <paramref name="values"/> (e.g. per-query hit@1 or AP) when whole groups are
    /// resampled with replacement: each resample draws as many groups as there are, uniformly from
    /// SplitMix64(seed), and takes the mean of all values of the drawn groups. Bounds are the
    /// (1 - level)/2 and (1 + level)/2 quantiles of the resampled means, linearly interpolated
    /// (numpy.percentile's default).
    /// </summary>
    public static ConfidenceInterval GroupedMean(IReadOnlyList<double> values, IReadOnlyList<int> groups,
        int resamples = 1000, double level = 0.95, ulong seed = 42)
    {
        if (values.Count != groups.Count) throw new ArgumentException("One group per value is required.");
        if (values.Count == 0) return new ConfidenceInterval(double.NaN, double.NaN, double.NaN, level);
        var index = new Dictionary<int, int>();
        var sums = new List<double>();
        var counts = new List<int>();
        double total = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (!index.TryGetValue(groups[i], out var g))
            {
                index[groups[i]] = g = sums.Count;
                sums.Add(0);
                counts.Add(0);
            }
            sums[g] += values[i];
            counts[g]++;
            total += values[i];
        }
        var m = sums.Count;
        var rng = new Evaluation.SplitMix64(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double s = 0;
            long c = 0;
            for (var j = 0; j < m; j++)
            {
                var g = rng.NextBelow(m);
                s += sums[g];
                c += counts[g];
            }
            means[r] = s / c;
        }
        Array.Sort(means);
        return new ConfidenceInterval(total / values.Count, Quantile(means, (1 - level) / 2), Quantile(means, (1 + level) / 2), level);
    }

    /// <summary>Linear-interpolated quantile of sorted values (numpy's default "linear" method).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}
