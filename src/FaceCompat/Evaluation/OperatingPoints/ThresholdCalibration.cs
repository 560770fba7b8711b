namespace FaceCompat.Evaluation;

/// <summary>
/// Exact thresholds (<see cref="OperatingThreshold"/>) from streamed impostor scores, in constant memory: a radix
/// select over the ordered 32-bit keys of the float32 scores. Pass 1 counts the scores per top-16-bit bucket and finds
/// the bucket holding the (k+1)-th largest; pass 2 counts the low 16 bits inside those buckets only, which fixes the
/// score exactly. Two streams of the scores, ~0.5 MiB of counts per rate.
/// </summary>
internal static class ThresholdCalibration
{
    private const int Buckets = 1 << 16;

    public static IReadOnlyList<OperatingThreshold> Calibrate(IScoreStream native, IReadOnlyList<double> rates)
    {
        var n = native.ImpostorCount;
        var allowed = rates.Select(f => OperatingThreshold.AllowedFalseAccepts(f, n)).ToArray();
        var measurable = Enumerable.Range(0, rates.Count).Where(i => allowed[i] >= 1).ToArray();
        var results = new OperatingThreshold?[rates.Count];
        // Stryker disable once Linq : the measurable rates are overwritten below
        foreach (var i in Enumerable.Range(0, rates.Count).Except(measurable)) results[i] = new OperatingThreshold(rates[i], n, null, 0);
        // Stryker disable once Equality : with no measurable rate the loops below have nothing to fill
        if (measurable.Length > 0)
        {
            var high = new HighBuckets();
            native.Stream(high);
            // The (k+1)-th largest lies in the bucket where the count from the top first reaches k+1.
            var targets = measurable.Select(i => FromTop(high.Counts, allowed[i] + 1)).ToArray();
            var low = new LowCounts(targets.Select(t => t.Index).Distinct().ToArray());
            native.Stream(low);
            for (var t = 0; t < measurable.Length; t++)
            {
                var i = measurable[t];
                var (bucket, above) = targets[t];
                var counts = low.Of(bucket);
                var (lowBits, aboveInBucket) = FromTop(counts, allowed[i] + 1 - above);
                var key = ((uint)bucket << 16) | (uint)lowBits;
                results[i] = new OperatingThreshold(rates[i], n, ScoreKey.ToScore(key), above + aboveInBucket);
            }
        }
        return results.Select(r => r!).ToArray();
    }

    /// <summary>The index where the count from the top end first reaches <paramref name="rank"/>, and the count strictly above it.</summary>
    private static (int Index, long Above) FromTop(long[] counts, long rank)
    {
        long above = 0;
        for (var b = counts.Length - 1; b >= 0; b--)
        {
            if (above + counts[b] >= rank) return (b, above);
            above += counts[b];
        }
        throw new InvalidOperationException($"Fewer than {rank} scores were streamed.");
    }

    private sealed class HighBuckets : IScoreSink
    {
        public long[] Counts { get; } = new long[Buckets];
        public void Genuine(ReadOnlySpan<float> scores) { }

        public void Impostor(ReadOnlySpan<float> scores)
        {
            // Stryker disable once Bitwise : the key is unsigned: >>> and >> are the same shift
            foreach (var s in scores) Counts[ScoreKey.Of(s) >> 16]++;
        }
    }

    private sealed class LowCounts : IScoreSink
    {
        private readonly int[] _slot = new int[Buckets];
        private readonly long[][] _counts;

        public LowCounts(int[] buckets)
        {
            Array.Fill(_slot, -1);
            _counts = new long[buckets.Length][];
            for (var i = 0; i < buckets.Length; i++)
            {
                _slot[buckets[i]] = i;
                _counts[i] = new long[Buckets];
            }
        }

        public long[] Of(int bucket) => _counts[_slot[bucket]];
        public void Genuine(ReadOnlySpan<float> scores) { }

        public void Impostor(ReadOnlySpan<float> scores)
        {
            foreach (var s in scores)
            {
                var key = ScoreKey.Of(s);
                // Stryker disable once Bitwise : the key is unsigned: >>> and >> are the same shift
                var slot = _slot[key >> 16];
                if (slot >= 0) _counts[slot][key & 0xFFFF]++;
            }
        }
    }
}
