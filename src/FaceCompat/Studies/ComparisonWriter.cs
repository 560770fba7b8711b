using System.Text;
using System.Text.Json;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;
using FaceCompat.Studies.Interim;

namespace FaceCompat.Studies;

/// <summary>Writes a comparison's results.csv, results.json (with provenance) and splits/seed-&lt;seed&gt;.csv into a folder.</summary>
public static class ComparisonWriter
{
    public static void Write(string folder, ComparisonInputs inputs, ComparisonPlan plan, ComparisonResult result)
    {
        var splitFiles = new Dictionary<string, string>();
        var identities = inputs.Source.Records.Select(r => r.Identity);
        foreach (var split in result.Splits)
        {
            var relative = Path.Combine("splits", $"seed-{split.Seed}.csv");
            var path = Path.Combine(folder, relative);
            IdentitySplitter.Write(path, identities, split.TrainIdentities.ToHashSet(StringComparer.Ordinal));
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
            preparation = "each space centred with its train mean, zero-padded to the larger dimension, rows L2-normalised",
            maps = plan.Maps.Select(m => new { name = m, parameters = plan.MapParameters(m) }),
            seeds = plan.Splits.Select(s => s.Seed),
            train_ratio = plan.Options.SplitFile is null ? plan.Options.TrainRatio : (double?)null,
            split_file = plan.Options.SplitFile is null ? null : Path.GetFullPath(plan.Options.SplitFile),
            splits = plan.Splits.Select(s => new
            {
                seed = s.Seed,
                file = Path.Combine("splits", $"seed-{s.Seed}.csv"),
                sha256 = splitFiles[Path.Combine("splits", $"seed-{s.Seed}.csv")],
                train_identities = s.TrainIdentities.Count,
                train_rows = s.TrainRows.Length,
                test_rows = s.TestRows.Length,
            }),
            protocols = plan.Options.Protocols.Select(p => Evaluation.IdentificationProtocolNames.Name(p)),
            std = "sample standard deviation over seeds (ddof 1)",
            summary = result.Summary.Where(s => !s.Metric.StartsWith("cmc@", StringComparison.Ordinal)).Select(s => new
            {
                map = s.Map, protocol = s.Protocol, task = s.Task, metric = s.Metric,
                mean = Finite(s.Summary.Mean), std = Finite(s.Summary.Std), n = s.Summary.Count,
            }),
            controls = result.Controls.Select(c => new
            {
                control = c.Control, protocol = c.Protocol, rank1 = c.ControlRank1, baseline_rank1 = c.BaselineRank1,
                best_map_rank1 = Finite(c.BestMapRank1), at_baseline = c.AtBaseline, tolerance = ControlCheck.Tolerance,
            }),
            bootstrap = result.Bootstrap.Select(b => new
            {
                map = b.Map, seed = b.Seed, protocol = b.Protocol, metric = b.Metric, estimate = b.Interval.Estimate,
                lower = b.Interval.Lower, upper = b.Interval.Upper, level = b.Interval.Level, resampled = "test identities",
            }),
            paired_tests = result.PairedTests.Select(t => new
            {
                map = t.Map, against = t.Against, protocol = t.Protocol, metric = t.Metric,
                wilcoxon = new { statistic = Finite(t.Wilcoxon.Statistic), p = Finite(t.Wilcoxon.PValue), method = t.Wilcoxon.Method },
                sign_flip = new { statistic = t.SignFlip.Statistic, p = t.SignFlip.PValue, method = t.SignFlip.Method },
            }),
        };
        var json = JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(folder, "results.json"), json + "\n");
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
