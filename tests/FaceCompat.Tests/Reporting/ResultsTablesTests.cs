using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Reporting;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

namespace FaceCompat.Tests.Reporting;

public class ResultsTablesTests
{
    /// <summary>A tiny study with every experiment, run once for the tests that read its tables.</summary>
    private static readonly Lazy<(StudyResults Results, string Markdown)> Study = new(() =>
    {
        var root = FaceCompat.Tests.Studies.SyntheticStudyInputs.Create(identities: 24);
        var outDir = Path.Combine(root, "out");
        var results = StudyRunner.Run(StudyConfigReader.Parse(FaceCompat.Tests.Studies.SyntheticStudyInputs.Config(root), "synthetic"),
            new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir });
        return (results, ResultsTables.Markdown(outDir));
    });

    [Fact]
    public void TablesOfAFinishedStudyHaveEveryScopeProtocolRelativeAndFamilyMeans()
    {
        var (results, markdown) = Study.Value;
        foreach (var scope in new[] { "within lfw", "within cfp-frontal", "fit cfp-frontal, test lfw" })
        {
            foreach (var protocol in new[] { "strict", "reference" })
            {
                Assert.Contains($"**Rank-1 (%), {scope}, {protocol} protocol**", markdown);
                Assert.Contains($"**Rank-1 by model family (%), {scope}, {protocol} protocol", markdown);
            }
            Assert.Contains($"**Relative compatibility (%), {scope}, strict protocol**", markdown);
            Assert.Contains($"**Relative compatibility by model family (%), {scope}, strict protocol", markdown);
        }
        Assert.True(markdown.IndexOf("within lfw", StringComparison.Ordinal) < markdown.IndexOf("within cfp-frontal", StringComparison.Ordinal));

        // the face-identity -> face-identity row of the LFW strict family table is the mean over alpha->beta and beta->alpha
        double PairMean(string s, string t) => results.Rows.Where(r => r.Experiment == "within" && r.TestDataset == "lfw" && r.Source == s &&
            r.Target == t && r.Map == "procrustes" && r.Protocol == "strict" && r.Metric == "rank1").Average(r => r.Value);
        var expected = 100 * (PairMean("alpha", "beta") + PairMean("beta", "alpha")) / 2;
        var section = markdown[markdown.IndexOf("**Rank-1 by model family (%), within lfw, strict protocol", StringComparison.Ordinal)..];
        var row = section.Split('\n').First(l => l.StartsWith("| face-identity → face-identity |", StringComparison.Ordinal));
        var cells = row.Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal("2", cells[2]);
        Assert.Equal(expected.ToString("0.0", CultureInfo.InvariantCulture), cells[3].Split(' ')[0]);
        Assert.Contains("| across families (all) | 4 |", section);

        // each pair row carries mean ± std [CI] over the two seeds
        Assert.Matches(@"\| alpha → beta \| face-identity → face-identity \| [0-9.]+ ± [0-9.]+ \[[0-9.]+, [0-9.]+\]", markdown);
    }

    [Fact]
    public void TablesHaveDegree2DataEfficiencyAndAlphaSweepWithFamilyMeansAndBestAlpha()
    {
        var (results, markdown) = Study.Value;
        foreach (var protocol in new[] { "strict", "reference" })
        {
            Assert.Contains($"**Rank-1 (%), degree-2 maps, within lfw, {protocol} protocol**", markdown);
            Assert.Contains($"**Rank-1 by model family (%) against the train share, data efficiency, lfw, procrustes, {protocol} protocol", markdown);
            foreach (var share in new[] { "40%", "70%" })
                Assert.Contains($"**Rank-1 by model family (%) against ridge α, ridge-α sweep, lfw, train share {share}, {protocol} protocol", markdown);
        }
        Assert.Contains("**Relative compatibility (%), degree-2 maps, within lfw, strict protocol**", markdown);
        Assert.Contains("**Rank-1 (%) against the train share, data efficiency, lfw, procrustes, strict protocol**", markdown);
        Assert.True(markdown.IndexOf("degree-2 maps", StringComparison.Ordinal) < markdown.IndexOf("data efficiency", StringComparison.Ordinal));

        List<string> Row(string caption, string first)
        {
            var section = markdown[markdown.IndexOf(caption, StringComparison.Ordinal)..];
            return section.Split('\n').First(l => l.StartsWith($"| {first} |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries).ToList();
        }
        double Mean(string experiment, string source, string target, string map, double share) => results.Rows.Where(r => r.Experiment == experiment
            && r.Source == source && r.Target == target && TableVocabulary.MapLabel(r) == map && r.TrainRatio == share && r.Protocol == "strict"
            && r.Metric == "rank1").Average(r => r.Value);
        string Percent(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture);

        // data efficiency at share 30%: the face-identity -> face-identity family mean is the mean of alpha->beta and beta->alpha
        var family = Row("against the train share, data efficiency, lfw, procrustes, strict protocol: mean", "face-identity → face-identity");
        Assert.Equal(["", "face-identity → face-identity", "2"], family[..3]);
        var expected = (Mean("data-efficiency", "alpha", "beta", "procrustes", 0.3) + Mean("data-efficiency", "beta", "alpha", "procrustes", 0.3)) / 2;
        Assert.Equal(Percent(expected), family[3].Split(' ')[0]);

        // best alpha of gamma -> alpha at share 40%: the alpha of the highest mean strict Rank-1 (the smaller on a tie)
        var best = Row("**Best ridge α of each pair by train share", "gamma → alpha");
        var scored = new[] { 0.01, 10 }.Select(a => (Alpha: a, Rank1: Mean("alpha-sweep", "gamma", "alpha", $"ridge:alpha={a.ToString(CultureInfo.InvariantCulture)}", 0.4))).ToList();
        var top = scored.First(s => s.Rank1 == scored.Max(x => x.Rank1));
        Assert.Equal($"{top.Alpha.ToString(CultureInfo.InvariantCulture)} ({Percent(top.Rank1)})", best[3]);
    }

    [Fact]
    public void AFolderWithoutStudyResultsIsAClearError()
    {
        var empty = Directory.CreateTempSubdirectory("fc-tables-").FullName;
        var error = Assert.Throws<FaceCompatException>(() => ResultsTables.Markdown(empty));
        Assert.Contains("results.csv does not exist", error.Message);
    }
}
