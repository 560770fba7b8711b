namespace FaceCompat.Analysis;

/// <summary>A point estimate with a confidence interval.</summary>
public readonly record struct ConfidenceInterval(double Estimate, double Lower, double Upper, double Level);

/// <summary>
/// Percentile bootstrap that resamples groups (test identities), not rows, so correlated images of
/// one identity move together.
/// </summary>
internal static class Bootstrap
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
    /// A NaN value is a row its metric leaves out (e.g. a query the published mAP does not average): it counts
    /// in neither the sum nor the number of rows of its list, and its group is still drawn as a whole.
    /// </summary>
    public static ConfidenceInterval[] GroupedMeans(IReadOnlyList<IReadOnlyList<double>> valueLists, IReadOnlyList<int> groups,
        int resamples = 1000, double level = 0.95, ulong seed = 42)
    {
        var lists = valueLists.Count;
        foreach (var values in valueLists)
            if (values.Count != groups.Count) throw new ArgumentException("One group per value is required.");
        if (groups.Count == 0) return Enumerable.Repeat(new ConfidenceInterval(double.NaN, double.NaN, double.NaN, level), lists).ToArray();
        var index = new Dictionary<int, int>();
        var member = new int[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            if (!index.TryGetValue(groups[i], out var g)) index[groups[i]] = g = index.Count;
            member[i] = g;
        }
        var m = index.Count;
        var sums = new double[lists][];
        var counts = new long[lists][];
        var totals = new double[lists];
        var rows = new long[lists];
        for (var l = 0; l < lists; l++)
        {
            sums[l] = new double[m];
            counts[l] = new long[m];
            var values = valueLists[l];
            for (var i = 0; i < values.Count; i++)
            {
                if (double.IsNaN(values[i])) continue;
                sums[l][member[i]] += values[i];
                counts[l][member[i]]++;
                totals[l] += values[i];
                rows[l]++;
            }
        }
        var rng = new Numerics.SplitMix64(seed);
        var means = new double[lists][];
        for (var l = 0; l < lists; l++) means[l] = new double[resamples];
        var drawn = new int[m];
        for (var r = 0; r < resamples; r++)
        {
            for (var j = 0; j < m; j++) drawn[j] = rng.NextBelow(m);
            for (var l = 0; l < lists; l++)
            {
                double sum = 0;
                long c = 0;
                var groupSums = sums[l];
                var groupCounts = counts[l];
                for (var j = 0; j < m; j++)
                {
                    sum += groupSums[drawn[j]];
                    c += groupCounts[drawn[j]];
                }
                means[l][r] = c == 0 ? double.NaN : sum / c;
            }
        }
        var intervals = new ConfidenceInterval[lists];
        for (var l = 0; l < lists; l++)
        {
            // A resample that drew no counted row has no mean; the quantiles come from the others.
            var finite = means[l].Where(v => !double.IsNaN(v)).ToArray();
            Array.Sort(finite);
            var estimate = rows[l] == 0 ? double.NaN : totals[l] / rows[l];
            intervals[l] = finite.Length == 0
                ? new ConfidenceInterval(estimate, double.NaN, double.NaN, level)
                : new ConfidenceInterval(estimate, Quantile(finite, (1 - level) / 2), Quantile(finite, (1 + level) / 2), level);
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
