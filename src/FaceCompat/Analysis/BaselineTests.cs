using FaceCompat.Evaluation;

namespace FaceCompat.Analysis;

/// <summary>A paired test over seeds of one map's metric against the baseline's.</summary>
internal sealed record BaselineTest<TMap>(TMap Map, string Protocol, Metric Metric, TestResult Wilcoxon, TestResult SignFlip);

/// <summary>
/// Paired tests over seeds of every map against the unaligned baseline, for each paired-tested metric
/// (<see cref="Metric.PairedTested"/>): the exact Wilcoxon signed-rank test and the sign-flip permutation test
/// on the per-seed values. Needs two or more seeds.
/// </summary>
internal static class BaselineTests
{
    /// <param name="maps">The maps to test (the baseline among them is skipped).</param>
    /// <param name="protocols">The protocols a metric was measured under.</param>
    /// <param name="perSeed">A map's values of a metric under a protocol, one per seed, in the same seed order for every map.</param>
    public static List<BaselineTest<TMap>> Run<TMap>(IEnumerable<TMap> maps, TMap baseline, int seeds,
        Func<Metric, IEnumerable<string>> protocols, Func<TMap, string, Metric, double[]> perSeed) where TMap : notnull
    {
        var tests = new List<BaselineTest<TMap>>();
        if (seeds < 2) return tests;
        foreach (var map in maps)
        {
            if (EqualityComparer<TMap>.Default.Equals(map, baseline)) continue;
            foreach (var metric in Metrics.PairedTestedMetrics)
                foreach (var protocol in protocols(metric))
                {
                    var x = perSeed(map, protocol, metric);
                    var y = perSeed(baseline, protocol, metric);
                    tests.Add(new BaselineTest<TMap>(map, protocol, metric, PairedTests.Wilcoxon(x, y), PairedTests.SignFlip(x, y)));
                }
        }
        return tests;
    }
}
