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
        int resamples = 1000, double level = 0.95, ulong seed = 42) =>
        GroupedMeans([values], groups, resamples, level, seed)[0];

    /// <summary>
    /// <see cref="GroupedMean"/> of several value lists over the same groups and seed: the resamples are drawn
    /// once and serve every list (each interval is exactly what <see cref="GroupedMean"/> gives for its list).
    /// </summary>
    public static ConfidenceInterval[] GroupedMeans(IReadOnlyList<IReadOnlyList<double>> valueLists, IReadOnlyList<int> groups,
        int resamples = 1000, double level = 0.95, ulong seed = 42)
    {
        var lists = valueLists.Count;
        foreach (var values in valueLists)
            if (values.Count != groups.Count) throw new ArgumentException("One group per value is required.");
        if (groups.Count == 0) return Enumerable.Repeat(new ConfidenceInterval(double.NaN, double.NaN, double.NaN, level), lists).ToArray();
        var index = new Dictionary<int, int>();
        var counts = new List<int>();
        var member = new int[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            if (!index.TryGetValue(groups[i], out var g))
            {
                index[groups[i]] = g = counts.Count;
                counts.Add(0);
            }
            member[i] = g;
            counts[g]++;
        }
        var m = counts.Count;
        var sums = new double[lists][];
        var totals = new double[lists];
        for (var l = 0; l < lists; l++)
        {
            sums[l] = new double[m];
            var values = valueLists[l];
            for (var i = 0; i < values.Count; i++)
            {
                sums[l][member[i]] += values[i];
                totals[l] += values[i];
            }
        }
        var rng = new Numerics.SplitMix64(seed);
        var means = new double[lists][];
        for (var l = 0; l < lists; l++) means[l] = new double[resamples];
        var drawn = new int[m];
        var s = new double[lists];
        for (var r = 0; r < resamples; r++)
        {
            long c = 0;
            for (var j = 0; j < m; j++)
            {
                drawn[j] = rng.NextBelow(m);
                c += counts[drawn[j]];
            }
            for (var l = 0; l < lists; l++)
            {
                double sum = 0;
                var groupSums = sums[l];
                for (var j = 0; j < m; j++) sum += groupSums[drawn[j]];
                means[l][r] = sum / c;
            }
        }
        var intervals = new ConfidenceInterval[lists];
        for (var l = 0; l < lists; l++)
        {
            Array.Sort(means[l]);
            intervals[l] = new ConfidenceInterval(totals[l] / groups.Count, Quantile(means[l], (1 - level) / 2), Quantile(means[l], (1 + level) / 2), level);
        }
        return intervals;
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
