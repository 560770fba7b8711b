using FaceCompat.Reporting;
using FaceCompat.Reporting.Study;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

namespace FaceCompat.Tests.Studies;

/// <summary>The operating-points and exposure experiments of a study, their statistics over seeds and their report section.</summary>
public class OperatingPointStudyTests
{
    private const string Experiments = """
          operating_points: { enabled: true, datasets: [lfw], maps: [procrustes, hub-procrustes], false_match_rates: [0.01, 0.001], false_positive_identification_rates: [0.1] }
          exposure: { enabled: true, fit: cfp-frontal, test: lfw, maps: [procrustes], false_match_rates: [0.01, 0.001], fit_identities: [2] }
        """;

    private static StudyOperatingPoint Row(string scenario, string metric, int seed, double? value, long count = 100, string map = "procrustes", double at = 0.01) =>
        new("operating-points", "lfw", "lfw", "crop", "a", "b", map, seed, scenario, metric, at, value, count, null);

    [Fact]
    public void StatisticsOverSeedsAreMeanStdAndStudentTAndNotMeasurableUnlessEverySeedIs()
    {
        var rows = new List<StudyOperatingPoint>();
        foreach (var (seed, tmr) in new[] { (1, 0.5), (2, 0.6), (3, 0.7) })
        {
            rows.Add(Row("native-b", "fmr_threshold", seed, 0.3, count: 4000 + seed, map: ""));
            rows.Add(Row("native-a", "fmr_threshold", seed, 0.2, count: 900, map: ""));
            rows.Add(Row("migrated", "tmr", seed, tmr));
            rows.Add(Row("native-a", "tmr", seed, 0.55, map: ""));
            rows.Add(Row("migrated", "fmr", seed, seed == 2 ? null : 0.01, count: 8000));
            // open set: FNIR is counted at the FPIR threshold, set on native-b's non-mated searches
            rows.Add(Row("native-b", "fpir_threshold", seed, 0.4, count: 700, map: ""));
            rows.Add(Row("migrated", "fnir", seed, 0.2, count: 300));
        }
        var stats = OperatingPointStatistics.Aggregate(rows);
        var migrated = stats.Single(s => s.Scenario == "migrated" && s.Metric == "tmr");
        Assert.Equal(0.6, migrated.Mean!.Value, 12);
        Assert.Equal(0.1, migrated.Std, 12);
        // t(0.975, 2 df) = 4.303 (StudentT's table): half-width 4.303 * 0.1 / sqrt(3)
        Assert.Equal(0.6 - 0.2484340, migrated.CiLow, 6);
        Assert.Equal(0.6 + 0.2484340, migrated.CiHigh, 6);
        Assert.Equal(4001, migrated.CalibrationImpostors); // B's threshold: native-b's fewest impostor pairs
        Assert.Equal(900, stats.Single(s => s.Scenario == "native-a" && s.Metric == "tmr").CalibrationImpostors); // A's own
        Assert.Equal(700, stats.Single(s => s.Scenario == "migrated" && s.Metric == "fnir").CalibrationImpostors); // the FPIR threshold's searches
        var fmr = stats.Single(s => s.Scenario == "migrated" && s.Metric == "fmr");
        Assert.Null(fmr.Mean);
        Assert.Equal((3, 2), (fmr.Seeds, fmr.SeedsMeasurable));
        Assert.Contains(",not_measurable,", fmr.ToCsv());
        Assert.Equal("not measurable (4,001 impostor pairs)", OperatingPointsSection.Rate(fmr, "impostor pairs").Render());

        var bct = Assert.Single(OperatingPointStatistics.Bct(rows)).Row;
        Assert.Equal((3, 2), (bct.Seeds, bct.SeedsHolding)); // 0.6 and 0.7 >= 0.55
        Assert.Equal(0.6, bct.MigratedTmr!.Value, 12);
    }

    [Fact]
    public void DetPointsAreMeanFmrAndOneMinusMeanTmrWithoutZeros()
    {
        OperatingPointStatistic S(string metric, double at, double? mean) =>
            new("operating-points", "lfw", "lfw", "crop", "a", "b", "", "native-b", metric, at, 2, mean is null ? 1 : 2, mean, 0, 0, 0, 100, 1000);
        var points = OperatingPointsSection.DetPoints(
        [
            S("tmr", 0.1, 0.9), S("fmr", 0.1, 0.09),
            S("tmr", 0.01, 0.6), S("fmr", 0.01, 0.008),
            S("tmr", 0.001, null), S("fmr", 0.001, null), // not measurable: the curve stops
            S("tmr", 0.05, 1.0), S("fmr", 0.05, 0.04), // FNMR 0: no normal deviate
        ]);
        Assert.Equal(2, points.Count);
        Assert.Equal((0.008, 0.4), (points[0].Fmr, Math.Round(points[0].Fnmr, 12)));
        Assert.Equal(0.09, points[1].Fmr);
        Assert.Equal(0.1, points[1].Fnmr, 12);
        Assert.Equal([1e-6, 1e-3, 0.1], OperatingPointsSection.Decades([0.1, 1e-3, 1.7782794100389228e-3, 1e-6, 1e-3]));
    }

    [Fact]
    public void TheExperimentsRunOnTheWithinSplitsAgreeWithTheCommandAndReport()
    {
        var root = SyntheticStudyInputs.Create(identities: 30, perIdentity: 4);
        var config = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root, Experiments), "synthetic");
        Assert.False(StudyConfigReader.Default().OperatingPoints is not null, "off in the default study (expensive)");
        var outDir = Path.Combine(root, "out");
        var log = new List<string>();
        var results = StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Report = StudyReport.Write, Log = log.Add });

        var op = results.OperatingPoints.Where(r => r.Experiment == "operating-points").ToList();
        Assert.Equal(6, op.Select(r => (r.Source, r.Target)).Distinct().Count());
        Assert.Equal(["migrated", "native-a", "native-b", "probe-mapped", "unaligned"], op.Select(r => r.Scenario).Distinct().Order());
        Assert.Equal([7, 42], op.Select(r => r.Seed).Distinct().Order());
        // the configured rates and the DET grid
        Assert.Contains(op, r => r.OperatingPoint == 0.001 && r.Metric == "tmr");
        Assert.Contains(op, r => r.OperatingPoint == 0.1 && r.Metric == "tmr");

        // the same numbers as the operating-points command on the same split (the within experiment's)
        var data = Path.Combine(root, "lfw");
        var direct = OperatingPointsRun.Run(ComparisonInputs.Load(data, "alpha", "beta"), null, new OperatingPointsOptions
        {
            Maps = [FaceCompat.Mapping.MapSpec.Parse("procrustes")], Seeds = [42, 7], FalseMatchRates = [0.01], FalsePositiveIdentificationRates = [0.1],
        });
        foreach (var d in direct.Rows)
        {
            var study = op.Single(r => r.Source == "alpha" && r.Target == "beta" && r.Seed == d.Seed && r.Map == d.Map && r.Scenario == d.Scenario.Name()
                && r.Metric == d.Metric.Name && r.OperatingPoint == d.OperatingPoint);
            Assert.Equal((d.Value, d.Count, d.Events), (study.Value, study.Count, study.Events));
        }
        // a shared space is fitted on every model of the dataset, as the command does with the folder's models
        var throughHub = OperatingPointsRun.Run(ComparisonInputs.Load(data, "alpha", "beta", withOthers: true), null, new OperatingPointsOptions
        {
            Maps = [FaceCompat.Mapping.MapSpec.Parse("hub-procrustes")], Seeds = [42, 7], FalseMatchRates = [0.01], FalsePositiveIdentificationRates = [0.1],
        });
        var hubRows = throughHub.Rows.Where(d => d.Map == "hub-procrustes").ToList();
        Assert.NotEmpty(hubRows);
        foreach (var d in hubRows)
        {
            var study = op.Single(r => r.Source == "alpha" && r.Target == "beta" && r.Seed == d.Seed && r.Map == d.Map && r.Scenario == d.Scenario.Name()
                && r.Metric == d.Metric.Name && r.OperatingPoint == d.OperatingPoint);
            Assert.Equal((d.Value, d.Count, d.Events), (study.Value, study.Count, study.Events));
        }
        // and it is not the two-model hub: the migrated gallery's scores differ
        var twoModelHub = OperatingPointsRun.Run(ComparisonInputs.Load(data, "alpha", "beta"), null, new OperatingPointsOptions
        {
            Maps = [FaceCompat.Mapping.MapSpec.Parse("hub-procrustes")], Seeds = [42, 7], FalseMatchRates = [0.01], FalsePositiveIdentificationRates = [0.1],
        });
        static IEnumerable<(int, string, double, double?)> Migrated(IEnumerable<OperatingPointRow> rows) => rows
            .Where(d => d.Map == "hub-procrustes" && d.Scenario is Scenario.Migrated or Scenario.ProbeMapped).Select(d => (d.Seed, d.Metric.Name, d.OperatingPoint, d.Value));
        Assert.NotEqual(Migrated(twoModelHub.Rows), Migrated(hubRows));
        var splits = Directory.GetFiles(Path.Combine(outDir, "splits", "lfw")).Select(Path.GetFileName).Order().ToList();
        Assert.Contains("seed-42.csv", splits);

        var exposure = results.OperatingPoints.Where(r => r.Experiment == "exposure").ToList();
        Assert.Equal(["exposure", "exposure-same-image", "native-b"], exposure.Select(r => r.Scenario).Distinct().Order());
        Assert.All(exposure, r => Assert.Equal(("cfp-frontal", "lfw"), (r.FitDataset, r.TestDataset)));
        // exposure's native-b is the operating-points experiment's native-b: the same test split, the same thresholds
        var threshold = exposure.First(r => r.Scenario == "native-b" && r.Metric == "fmr_threshold" && r.Value is not null);
        Assert.Equal(threshold.Value, op.Single(r => r.Unit.Source == threshold.Source && r.Target == threshold.Target && r.Seed == threshold.Seed
            && r.Scenario == "native-b" && r.Metric == "fmr_threshold" && r.OperatingPoint == threshold.OperatingPoint).Value);
        var success = results.OperatingPointStatistics.First(s => s.Experiment == "exposure" && s.Scenario == "exposure" && s.Metric == "tmr" && s.OperatingPoint == 0.01
            && s.FitIdentities is null);
        var falseAccepts = results.OperatingPointStatistics.First(s => s.Experiment == "exposure" && s.Scenario == "exposure" && s.Metric == "fmr"
            && s.OperatingPoint == 0.01 && s.Source == success.Source && s.Target == success.Target && s.FitIdentities is null);
        // the attacker's data grid: per seed, two identities of the fit set; the same pair and rate, statistics of their own
        var twoIdentities = results.OperatingPointStatistics.Single(s => s.Experiment == "exposure" && s.Scenario == "exposure" && s.Metric == "tmr"
            && s.OperatingPoint == 0.01 && s.Source == success.Source && s.Target == success.Target && s.FitIdentities == 2);
        Assert.NotEqual(success.Mean, twoIdentities.Mean);
        Assert.Equal(2, twoIdentities.Seeds);
        Assert.EndsWith(",2", twoIdentities.ToCsv());
        Assert.EndsWith(",all", success.ToCsv());
        Assert.True(success.Mean > 0.1 && success.Mean > 5 * falseAccepts.Mean, $"attack success {success.Mean}, false accepts {falseAccepts.Mean}");
        Assert.True(success.CiLow <= success.Mean && success.Mean <= success.CiHigh);

        foreach (var file in new[] { "operating_points.csv", "operating_points_statistics.csv", "bct.csv" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        Assert.Equal(StudyOperatingPoint.CsvHeader, File.ReadLines(Path.Combine(outDir, "operating_points.csv")).First());
        Assert.Equal(results.OperatingPoints.Count + 1, File.ReadLines(Path.Combine(outDir, "operating_points.csv")).Count());

        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        var start = html.IndexOf("<section id=\"operating-points\">", StringComparison.Ordinal);
        var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(section, "<svg").Count); // one DET panel per ordered pair
        Assert.Contains("BCT criterion", section);
        Assert.Contains("attack success", section);
        Assert.Contains("Attack success rate (%) against the attacker", section);
        Assert.Contains("FNIR (%) at FPIR", section);
        Assert.Contains("not measurable (", section); // FMR 1e-6 with a few thousand impostor pairs

        // the units are cached under keys of their own: a rerun computes nothing, other maps recompute only these units
        log.Clear();
        StudyRunner.Run(config, new StudyRunOptions { GemmPeakSize = 64, OutDir = outDir, Log = log.Add });
        Assert.All(log.Where(l => l.StartsWith("  [", StringComparison.Ordinal) || l.StartsWith('[')), l => Assert.EndsWith("cached", l));
        var other = StudyConfigReader.Parse(SyntheticStudyInputs.Config(root, Experiments.Replace("maps: [procrustes", "maps: [lstsq")), "synthetic");
        var before = StudyRunner.UnitDescriptions(config, StudyEmbeddings.LoadVariants(config, new StudyRunOptions { OutDir = outDir })[0]);
        var after = StudyRunner.UnitDescriptions(other, StudyEmbeddings.LoadVariants(other, new StudyRunOptions { OutDir = outDir })[0]);
        var changed = before.Zip(after).Where(x => x.First.Description != x.Second.Description).Select(x => x.First.Key.Experiment).Distinct().Order();
        Assert.Equal(["exposure", "operating-points"], changed);
        // a shared-space map reads every model: the third model's embeddings are part of the pair's operating-points key,
        // and not of its exposure key (no shared-space map there)
        string Description(string experiment) => before.Single(x => x.Key.Experiment == experiment && x.Key.Source == "alpha" && x.Key.Target == "beta").Description;
        Assert.Contains("lfw/gamma=", Description("operating-points"));
        Assert.DoesNotContain("/gamma=", Description("exposure"));
    }
}
