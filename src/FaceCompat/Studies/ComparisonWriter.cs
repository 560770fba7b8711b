using System.Text;
using System.Text.Json;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Studies;

/// <summary>Writes a comparison's results.csv, results.json (with provenance) and splits/seed-&lt;seed&gt;.csv into a folder.</summary>
internal static class ComparisonWriter
{
    public static void Write(string folder, ComparisonInputs inputs, ComparisonPlan plan, ComparisonResult result)
    {
        var splitFiles = new Dictionary<string, string>();
        foreach (var split in result.Splits)
        {
            var relative = Path.Combine("splits", Embeddings.IdentitySplit.FileName(split.Seed));
            var path = Path.Combine(folder, relative);
            split.Split.Write(path);
            splitFiles[relative] = ComparisonInputs.Sha256(path);
        }

        var csv = new StringBuilder(ComparisonRow.CsvHeader).Append('\n');
        foreach (var row in result.Rows) csv.Append(row.ToCsv()).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, "results.csv"), csv.ToString());

        var document = new
        {
            tool = "facecompat compare",
            code_version = typeof(ComparisonWriter).Assembly.GetName().Version?.ToString(),
            blas = Blas.Backend,
            source = new { name = inputs.SourceName, rows = inputs.Source.Count, dimension = inputs.Source.Dimension },
            target = new { name = inputs.TargetName, rows = inputs.Target.Count, dimension = inputs.Target.Dimension },
            inputs = inputs.Files.Select(f => new { path = f.Key, sha256 = f.Value }),
            preparation = plan.Options.Preparation.ToString(),
            unpaired_input = plan.Maps.Any(m => m.CreateFitter(plan.Options.Seeds[0]) is Mapping.Unpaired.IUnpairedMapFitter) ? plan.Options.UnpairedInput.Name() : null,
            maps = plan.Maps.Select(m => new { label = m.Label, name = m.Name, spec = m.CreateFitter(plan.Options.Seeds[0]).Spec }),
            seeds = plan.Options.Seeds.Distinct(),
            train_ratio = plan.Options.SplitFile is null ? plan.Options.TrainRatio : (double?)null,
            split_file = plan.Options.SplitFile is null ? null : Path.GetFullPath(plan.Options.SplitFile),
            splits = plan.Splits.Select(s => new
            {
                seed = s.Seed,
                file = Path.Combine("splits", Embeddings.IdentitySplit.FileName(s.Seed)),
                sha256 = splitFiles[Path.Combine("splits", Embeddings.IdentitySplit.FileName(s.Seed))],
                train_identities = s.Split.TrainIdentities.Count,
                test_identities = s.Split.TestIdentities.Count,
                train_rows = s.TrainRows.Length,
                test_rows = s.TestRows.Length,
            }),
            protocols = plan.Options.Protocols.Select(p => Evaluation.IdentificationProtocolNames.Name(p)),
            std = "sample standard deviation over seeds (ddof 1)",
            summary = result.Summary.Where(s => Evaluation.Metrics.Find(s.Metric) is not { CurvePoint: true }).Select(s => new
            {
                map = s.Map, protocol = s.Protocol, task = s.Task, metric = s.Metric,
                mean = Finite(s.Summary.Mean), std = Finite(s.Summary.Std), n = s.Summary.Count,
            }),
            controls = result.Controls.Select(c => new
            {
                control = c.Control, protocol = c.Protocol, rank1 = c.ControlRank1, baseline_rank1 = c.BaselineRank1, chance_rank1 = c.ChanceRank1,
                best_map_rank1 = Finite(c.BestMapRank1), at_baseline = c.AtBaseline,
                mean_lift = c.Judgement.MeanLift, lift_lower = Finite(c.Judgement.Lower), lift_upper = Finite(c.Judgement.Upper),
                margin = c.Judgement.Margin, seeds = c.Judgement.Seeds,
                rule = "lift_s = rank1_s - max(baseline_s, chance_s) per seed; above baseline only when the 95% Student-t interval " +
                    "of the mean lift lies wholly above the margin = max(0.1 x best map's mean gain over the same floor, 0.01); " +
                    "with one seed: mean lift > margin",
            }),
            bootstrap = result.Bootstrap.Select(b => new
            {
                map = b.Map, seed = b.Seed, protocol = b.Protocol, metric = b.Metric, estimate = b.Interval.Estimate,
                lower = b.Interval.Lower, upper = b.Interval.Upper, level = b.Interval.Level, resampled = "test identities",
            }),
            paired_tests = result.PairedTests.Select(t => new
            {
                map = t.Map, against = t.Against, protocol = t.Protocol, metric = t.Metric.Name,
                wilcoxon = new { statistic = Finite(t.Wilcoxon.Statistic), p = Finite(t.Wilcoxon.PValue), method = t.Wilcoxon.Method },
                sign_flip = new { statistic = t.SignFlip.Statistic, p = t.SignFlip.PValue, method = t.SignFlip.Method },
            }),
        };
        var json = JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(folder, "results.json"), json + "\n");
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
