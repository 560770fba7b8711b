using FaceCompat.Analysis;
using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Analysis;

/// <summary>Every map but the baseline is tested against it, per paired-tested metric and protocol, from two seeds on.</summary>
public class BaselineTestsTests
{
    private static double[] Values(string map, int seeds) =>
        Enumerable.Range(0, seeds).Select(s => map == "unaligned" ? 0.1 + 0.01 * s : 0.8 + 0.02 * s * (map == "ridge" ? -1 : 1)).ToArray();

    [Fact]
    public void EachMapButTheBaselineGetsBothTestsPerMetricAndProtocol()
    {
        string[] maps = ["procrustes", "unaligned", "ridge"];
        var tests = BaselineTests.Run(maps, "unaligned", 5, _ => ["strict", "reference"], (map, _, _) => Values(map, 5));
        var metrics = Metrics.PairedTestedMetrics.Count();
        Assert.Equal(2 * metrics * 2, tests.Count);
        Assert.DoesNotContain(tests, t => t.Map == "unaligned");
        var first = tests.First(t => t.Map == "procrustes");
        var expected = PairedTests.Wilcoxon(Values("procrustes", 5), Values("unaligned", 5));
        Assert.Equal(expected, first.Wilcoxon);
        Assert.Equal(PairedTests.SignFlip(Values("procrustes", 5), Values("unaligned", 5)), first.SignFlip);
        Assert.Equal(2 / 32.0, first.Wilcoxon.PValue); // every seed above the baseline: the smallest exact p with 5 seeds
        Assert.Equal(["strict", "reference"], tests.Where(t => t.Map == "ridge" && t.Metric == first.Metric).Select(t => t.Protocol));
    }

    [Fact]
    public void OneSeedGivesNoTest()
    {
        Assert.Empty(BaselineTests.Run(["procrustes", "unaligned"], "unaligned", 1, _ => ["strict"], (map, _, _) => Values(map, 1)));
        Assert.NotEmpty(BaselineTests.Run(["procrustes", "unaligned"], "unaligned", 2, _ => ["strict"], (map, _, _) => Values(map, 2)));
    }
}
