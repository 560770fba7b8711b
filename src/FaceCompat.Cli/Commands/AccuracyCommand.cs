using System.CommandLine;
using System.Globalization;
using FaceCompat.Datasets;
using FaceCompat.Embeddings;
using System.Text.Json;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat accuracy</c>: a model's accuracy on LFW View 2 or CFP FF/FP, or on any folder of identities, from extracted embeddings.</summary>
internal static class AccuracyCommand
{
    private const string IdentitiesProtocol = "identities";

    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Embeddings folder of the dataset (metadata.csv + <model>.npy), e.g. <cache>/embeddings/lfw.", Required = true };
        var model = new Option<string[]>("--model") { Description = "Model name(s) in the folder, or 'all'.", DefaultValueFactory = _ => ["all"], AllowMultipleArgumentsPerToken = true };
        var protocol = new Option<string>("--protocol") { Description = "lfw (View 2), cfp-ff, cfp-fp, or identities (any folder of identities: leave-one-out Rank-1 and all-pairs TMR at FMR).", Required = true };
        var data = new Option<string?>("--data") { Description = "Data root holding lfw/ and cfp/." };
        var partial = new Option<bool>("--allow-missing") { Description = "Score only the pairs whose images both have embeddings (e.g. an identity subset)." };
        var perFold = new Option<int?>("--pairs-per-fold") { Description = "Only the first N same and N different pairs of each fold (as extracted with --pairs-of ... --pairs-per-fold N)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (for scripts) instead of the table." };
        var command = new Command("accuracy", "Verification accuracy on LFW/CFP (cosine, threshold chosen on the other folds, mean ± std over 10 folds), " +
            "or leave-one-out identification and all-pairs verification on any folder of identities.");
        foreach (var option in new Option[] { embeddings, model, protocol, data, partial, perFold, json }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var folder = new EmbeddingFolder(parse.GetValue(embeddings)!);
            var protocolName = parse.GetValue(protocol)!;
            var identities = protocolName.Equals(IdentitiesProtocol, StringComparison.OrdinalIgnoreCase);
            var which = identities ? default : VerificationProtocols.Parse(protocolName);
            var names = parse.GetValue(model) ?? ["all"];
            var models = names.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase)) ? folder.Models() : names;
            if (models.Count == 0) throw new FaceCompatException($"No embeddings (.npy) in {folder.Directory}.");
            var asJson = parse.GetValue(json);
            var documents = new List<object>();
            if (identities)
            {
                if (!asJson) Console.WriteLine($"{"model",-14} {"images",7} {"ids",5} {"Rank-1 (leave-one-out)",23} " +
                    string.Join(' ', IdentityFolderAccuracy.DefaultFalseMatchRates.Select(f => $"{"TMR@FMR " + OperatingPointRow.Rate(f),16}")));
                foreach (var m in models)
                {
                    var a = IdentityFolderAccuracy.Evaluate(folder.Load(m));
                    documents.Add(new
                    {
                        model = m, protocol = IdentitiesProtocol, images = a.Images, identities = a.Identities,
                        rank1_leave_one_out = a.Identification.Rank1, rank5_leave_one_out = a.Identification.Rank5,
                        queries = a.Identification.QueryCount, queries_without_mate = a.Identification.QueriesWithoutMate,
                        genuine_pairs = a.GenuinePairs, impostor_pairs = a.ImpostorPairs,
                        tmr_at_fmr = a.Verification.Select(v => new { fmr = v.Threshold.Rate, tmr = v.GenuineAccepted.Value, measurable = v.Threshold.Measurable }),
                    });
                    if (!asJson) Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,7} {2,5} {3,22:F2}% ", m, a.Images, a.Identities, 100 * a.Identification.Rank1) +
                        string.Join(' ', a.Verification.Select(v => $"{(v.GenuineAccepted.Value is { } t ? (100 * t).ToString("F2", CultureInfo.InvariantCulture) + "%" : "not measurable"),16}")));
                }
                if (!asJson) Console.WriteLine("(Rank-1: each image searches all the others, its own left out; TMR over all pairs at thresholds set on this model's own impostor pairs; " +
                    "an FMR below 1 / impostor pairs is not measurable)");
            }
            else
            {
                var root = FaceCompatPaths.DataRoot(parse.GetValue(data));
                if (!asJson) Console.WriteLine($"{"model",-14} {"protocol",-9} {"pairs",6} {"accuracy",9} {"std",7}");
                foreach (var m in models)
                {
                    var r = VerificationProtocols.Evaluate(folder, m, which, root, requireAll: !parse.GetValue(partial), pairsPerFold: parse.GetValue(perFold));
                    documents.Add(new { model = m, protocol = which.ToString(), pairs = r.Pairs, accuracy = r.Result.MeanAccuracy, std = r.Result.StdAccuracy, pairs_without_embeddings = r.UnresolvedPairs });
                    if (asJson) continue;
                    var line = string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,-9} {2,6} {3,8:F2}% {4,6:F2}",
                        m, which, r.Pairs, 100 * r.Result.MeanAccuracy, 100 * r.Result.StdAccuracy);
                    Console.WriteLine(line + (r.UnresolvedPairs > 0 ? $"  ({r.UnresolvedPairs} pairs without embeddings left out)" : ""));
                }
            }
            if (asJson) Console.WriteLine(JsonSerializer.Serialize(documents, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }));
        return command;
    }
}
