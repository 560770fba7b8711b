namespace FaceCompat.Evaluation;

/// <summary>Counts, in one stream of a set of comparisons, the genuine and impostor scores accepted at each threshold.</summary>
internal static class OperatingPointCounter
{
    public static IReadOnlyList<OperatingPointResult> Count(IScoreStream scores, IReadOnlyList<OperatingThreshold> thresholds)
    {
        var counter = new Counter(thresholds);
        if (thresholds.Any(t => t.Measurable)) scores.Stream(counter);
        return thresholds.Select((t, i) => new OperatingPointResult(t,
            new Proportion(t.Measurable && scores.GenuineCount > 0 ? counter.Genuine[i] : null, scores.GenuineCount),
            new Proportion(t.Measurable && scores.ImpostorCount > 0 ? counter.Impostors[i] : null, scores.ImpostorCount))).ToArray();
    }

    private sealed class Counter(IReadOnlyList<OperatingThreshold> thresholds) : IScoreSink
    {
        // An unmeasurable threshold accepts nothing: +∞ is never exceeded.
        private readonly float[] _tau = thresholds.Select(t => t.Score ?? float.PositiveInfinity).ToArray();
        public long[] Genuine { get; } = new long[thresholds.Count];
        public long[] Impostors { get; } = new long[thresholds.Count];

        void IScoreSink.Genuine(ReadOnlySpan<float> scores) => Tally(scores, Genuine);
        void IScoreSink.Impostor(ReadOnlySpan<float> scores) => Tally(scores, Impostors);

        private void Tally(ReadOnlySpan<float> scores, long[] counts)
        {
            for (var t = 0; t < _tau.Length; t++)
            {
                var tau = _tau[t];
                long c = 0;
                foreach (var s in scores) if (s > tau) c++;
                counts[t] += c;
            }
        }
    }
}
