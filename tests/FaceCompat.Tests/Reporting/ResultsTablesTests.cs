using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Reporting;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

namespace FaceCompat.Tests.Reporting;

public class ResultsTablesTests
{
    [Fact]
    public void TablesOfAFinishedStudyHaveEveryScopeProtocolRelativeAndFamilyMeans()
    {
        var root = FaceCompat.Tests.Studies.SyntheticStudy.Create(identities: 24);
        var outDir = Path.Combine(root, "out");
        var results = StudyRunner.Run(StudyConfigReader.Parse(FaceCompat.Tests.Studies.SyntheticStudy.Config(root), "synthetic"),
            new StudyRunOptions { OutDir = outDir });
        var markdown = ResultsTables.Markdown(outDir);
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
    public void AFolderWithoutStudyResultsIsAClearError()
    {
        var empty = Directory.CreateTempSubdirectory("fc-tables-").FullName;
        var error = Assert.Throws<FaceCompatException>(() => ResultsTables.Markdown(empty));
        Assert.Contains("results.csv does not exist", error.Message);
    }
}
