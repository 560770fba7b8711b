using System.CommandLine;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;
using FaceCompat.Studies.Ensembles;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat ensemble</c>: several models of one face fused through the shared space, against score fusion and each model alone.</summary>
internal static class EnsembleCommand
{
    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Folder with metadata.csv and one <model>.npy per model.", Required = true };
        var models = new Option<string>("--models") { Description = "Comma-separated models of the ensemble (at least two).", Required = true };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated split seeds.", DefaultValueFactory = _ => "42,123,217,7,531" };
        var ratio = new Option<double>("--train-ratio") { Description = "Share of identities that fit the shared space.", DefaultValueFactory = _ => 0.7 };
        var output = new Option<string>("--out") { Description = "Output folder (must not exist or be empty).", Required = true };
        var command = new Command("ensemble", "Fuse several models' templates of a face through one shared space (generalised Procrustes, fitted on train identities) " +
            "and compare with score fusion and each model alone: strict identification and verification on test identities.")
        {
            embeddings, models, seeds, ratio, output,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var outDir = parse.GetValue(output)!;
            OutputDirectory.EnsureUsable(Path.GetFullPath(outDir));
            var names = parse.GetValue(models)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var seedList = parse.GetValue(seeds)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.TryParse(s, out var v) ? v : throw new FaceCompatException($"seed '{s}' is not an integer.")).ToArray();
            var folder = new EmbeddingFolder(parse.GetValue(embeddings)!);
            var sets = names.Distinct().ToDictionary(n => n, folder.Load);
            var result = SharedSpaceEnsemble.Run(sets, names, new EnsembleOptions { Seeds = seedList, TrainRatio = parse.GetValue(ratio) },
                line => Console.Error.WriteLine(line));
            EnsembleWriter.WriteFolder(outDir, result);
            foreach (var s in EnsembleWriter.Summaries(result).Where(s => s.Metric is "rank1" or "eer"))
                Console.WriteLine($"{s.Method,-13} {s.Model,-20} {s.Metric,-6} {100 * s.Summary.Mean,7:F2}" +
                    (double.IsFinite(s.Low) ? $" ± {100 * s.Summary.Std:F2}  [{100 * s.Low:F2}, {100 * s.High:F2}]" : "  (interval not measurable: one seed)"));
            foreach (var t in result.Tests)
                Console.WriteLine($"hub-fusion - {t.Against} ({t.Metric}): {100 * t.MeanDifference:+0.00;-0.00;0.00} points, Wilcoxon p {t.Wilcoxon.PValue:G3}, sign-flip p {t.SignFlip.PValue:G3}");
            Console.WriteLine($"wrote {Path.GetFullPath(outDir)}/results.csv, summary.csv, tests.csv, hubs.csv");
            return 0;
        }));
        return command;
    }
}
