using System.CommandLine;
using System.Globalization;
using FaceCompat.Datasets;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat accuracy</c>: a model's accuracy on LFW View 2 or CFP FF/FP from extracted embeddings.</summary>
internal static class AccuracyCommand
{
    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Embeddings folder of the dataset (metadata.csv + <model>.npy), e.g. <cache>/embeddings/lfw.", Required = true };
        var model = new Option<string[]>("--model") { Description = "Model name(s) in the folder, or 'all'.", DefaultValueFactory = _ => ["all"], AllowMultipleArgumentsPerToken = true };
        var protocol = new Option<string>("--protocol") { Description = "lfw (View 2), cfp-ff or cfp-fp.", Required = true };
        var data = new Option<string?>("--data") { Description = "Data root holding lfw/ and cfp/." };
        var partial = new Option<bool>("--allow-missing") { Description = "Score only the pairs whose images both have embeddings (e.g. an identity subset)." };
        var perFold = new Option<int?>("--pairs-per-fold") { Description = "Only the first N same and N different pairs of each fold (as extracted with --pairs-of ... --pairs-per-fold N)." };
        var command = new Command("accuracy", "Verification accuracy (cosine, threshold chosen on the other folds, mean ± std over 10 folds).");
        foreach (var option in new Option[] { embeddings, model, protocol, data, partial, perFold }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var folder = new EmbeddingFolder(parse.GetValue(embeddings)!);
            var which = VerificationProtocols.Parse(parse.GetValue(protocol)!);
            var names = parse.GetValue(model) ?? ["all"];
            var models = names.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase)) ? folder.Models() : names;
            if (models.Count == 0) throw new FaceCompatException($"No embeddings (.npy) in {folder.Directory}.");
            var root = FaceCompatPaths.DataRoot(parse.GetValue(data));
            Console.WriteLine($"{"model",-14} {"protocol",-9} {"pairs",6} {"accuracy",9} {"std",7}");
            foreach (var m in models)
            {
                var r = VerificationProtocols.Evaluate(folder, m, which, root, requireAll: !parse.GetValue(partial), pairsPerFold: parse.GetValue(perFold));
                var line = string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,-9} {2,6} {3,8:F2}% {4,6:F2}",
                    m, which, r.Pairs, 100 * r.Result.MeanAccuracy, 100 * r.Result.StdAccuracy);
                Console.WriteLine(line + (r.UnresolvedPairs > 0 ? $"  ({r.UnresolvedPairs} pairs without embeddings left out)" : ""));
            }
            return 0;
        }));
        return command;
    }
}
