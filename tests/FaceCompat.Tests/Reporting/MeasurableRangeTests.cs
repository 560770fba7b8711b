using FaceCompat.Reporting;
using FaceCompat.Reporting.Study;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Reporting;

public class MeasurableRangeTests
{
    [Fact]
    public void AnFmrIsMeasurableFromOneOverTheImpostorPairs()
    {
        Assert.True(MeasurableRange.IsMeasurable(1e-3, 1000));
        Assert.False(MeasurableRange.IsMeasurable(1e-3, 999));
        Assert.True(MeasurableRange.IsMeasurable(1e-4, 10_000)); // exactly 1 false accept, not 0.99…
        Assert.False(MeasurableRange.IsMeasurable(0.5, 0));
        Assert.Equal([0.01, 0.1, 1.0], MeasurableRange.Truncate([1e-4, 1e-3, 0.01, 0.1, 1.0], 150));
        Assert.Equal("not measurable (7,900 impostor pairs)", MeasurableRange.NotMeasurable(7900));
        Assert.Equal(0.001, MeasurableRange.FmrOf("tmr@fmr=0.001"));
        Assert.Equal(1e-4, MeasurableRange.FmrOf("tmr@fmr=0.0001_interp"));
        Assert.Null(MeasurableRange.FmrOf("eer"));
    }

    [Fact]
    public void CurvesStopAtTheSmallestFmrEverySeedCanMeasure()
    {
        StudyCurvePoint P(int seed, double x) => new("within", "lfw", "a", "b", "procrustes", seed, "reference", "roc", x, 0.5);
        var points = new[] { P(1, 1e-4), P(1, 1e-2), P(1, 1), P(2, 1e-3), P(2, 1) };
        var grid = CurvesSection.MeasurableGrid(points, 200); // 1/200 = 0.005: above seed 2's first point (1e-3)
        Assert.True(grid[0] >= 0.005 && grid[0] < 0.005 * Math.Pow(10, 0.1) + 1e-12, $"starts at {grid[0]}");
        Assert.Equal(1.0, grid[^1], 12);
        var unlimited = CurvesSection.MeasurableGrid(points, null);
        Assert.Equal(1e-3, unlimited[0], 12); // without counts: where every seed's stored curve starts, never extrapolated flat below
    }

    [Fact]
    public void TmrAtAnUnmeasurableFmrSaysSoWithTheImpostorPairs()
    {
        var study = SyntheticStudyResults.Create(quick: true);
        // 500 impostor pairs per seed: FMR 0.1% needs 1,000
        var impostors = study.Rows.Where(r => r.Metric == "eer").Select(r => r with { Metric = "impostor_pairs", Value = r.Seed == 42 ? 500 : 5000 }).ToList();
        var v = new StudyView(study with { Rows = [.. study.Rows, .. impostors] });
        var scope = v.ScopesOf("within")[0];
        var table = StudyTables.MetricTable(v, scope, "reference", "tmr@fmr=0.001", "TMR at FMR 0.1%");
        var cells = table.Rows.SelectMany(r => r.Skip(1)).Select(c => c.Render()).ToList();
        Assert.All(cells, c => Assert.Equal("not measurable (500 impostor pairs)", c));
        // enough impostor pairs on every seed: the numbers come back
        var enough = study.Rows.Where(r => r.Metric == "eer").Select(r => r with { Metric = "impostor_pairs", Value = 1000 }).ToList();
        var measured = StudyTables.MetricTable(new StudyView(study with { Rows = [.. study.Rows, .. enough] }), scope, "reference", "tmr@fmr=0.001", "TMR");
        Assert.DoesNotContain(measured.Rows.SelectMany(r => r).Select(c => c.Render()), c => c.StartsWith("not measurable", StringComparison.Ordinal));
    }
}
