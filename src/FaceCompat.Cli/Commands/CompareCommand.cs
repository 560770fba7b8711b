using System.CommandLine;
using System.Globalization;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Studies;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat compare</c>: maps x seeds x protocols between two embedding sets of the same images.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Folder with metadata.csv and one <model>.npy per model.", Required = true };
        var source = new Option<string>("--source") { Description = "Source model (its <name>.npy).", Required = true };
        var target = new Option<string>("--target") { Description = "Target model (its <name>.npy).", Required = true };
        var maps = new Option<string>("--map")
        {
            Description = "Comma-separated maps, each name[:key=value...], e.g. ridge:alpha=1. Known: " + string.Join(", ", MapRegistry.All.Select(m => m.Name)) + ".",
            DefaultValueFactory = _ => string.Join(',', MapRegistry.ComparisonDefault.Select(m => m.Label)),
        };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated split seeds.", DefaultValueFactory = _ => "42,123,217,7,531" };
        var ratio = new Option<double>("--train-ratio") { Description = "Share of identities that train the map.", DefaultValueFactory = _ => 0.7 };
        var split = new Option<string?>("--split") { Description = "Explicit identity,subset split file used for every seed." };
        var protocol = new Option<string>("--protocol") { Description = "reference, strict or both.", DefaultValueFactory = _ => "both" };
        var unpairedInput = new Option<string>("--unpaired-input")
        {
            Description = "Train rows an unpaired map (unsupervised-procrustes) sees: disjoint-people (half the train identities from each model), different-images (each person's images split between the models) or same-images.",
            DefaultValueFactory = _ => UnpairedInput.DisjointPeople.Name(),
        };
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Identity-bootstrap resamples of the 95% intervals of Rank-1 and mAP@50 (0: no intervals).",
            DefaultValueFactory = _ => new ComparisonOptions().BootstrapResamples,
        };
        var json = new Option<bool>("--json") { Description = "Print results.json (summary, controls, intervals, paired tests, provenance) on stdout instead of the table, for scripts." };
        var output = new Option<string>("--out") { Description = "Output folder (must not exist or be empty).", Required = true };

        var command = new Command("compare", "Fit maps between two models' embeddings on train identities and score cross-model identification and verification on test identities.");
        foreach (var option in new Option[] { embeddings, source, target, maps, seeds, ratio, split, protocol, unpairedInput, bootstrap, output, json })
            command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var resamples = parse.GetValue(bootstrap);
            if (resamples < 0) throw new FaceCompatException($"--bootstrap {resamples}: the number of resamples must be 0 or more.");
            var options = new ComparisonOptions
            {
                BootstrapResamples = resamples,
                Maps = MapSpec.ParseList(parse.GetValue(maps)!),
                Seeds = SplitList(parse.GetValue(seeds)!).Select(ParseSeed).ToArray(),
                TrainRatio = parse.GetValue(ratio),
                SplitFile = parse.GetValue(split),
                Protocols = ParseProtocols(parse.GetValue(protocol)!),
                UnpairedInput = UnpairedInputs.Parse(parse.GetValue(unpairedInput)!)
                    ?? throw new FaceCompatException($"Unknown unpaired input '{parse.GetValue(unpairedInput)}': use disjoint-people, different-images or same-images."),
            };
            var outDir = parse.GetValue(output)!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            CliWarnings.MixedPreprocessing(parse.GetValue(embeddings)!, parse.GetValue(source)!, parse.GetValue(target)!);
            var before = FaceCompat.Numerics.FlopCounter.Snapshot();
            var result = CrossModelComparison.RunToFolder(parse.GetValue(embeddings)!, parse.GetValue(source)!, parse.GetValue(target)!,
                options, outDir, line => Console.Error.WriteLine(line));
            if (parse.GetValue(json))
            {
                Console.Out.Write(File.ReadAllText(Path.Combine(outDir, "results.json")));
                return 0;
            }
            Print(result);
            Console.WriteLine($"compare: {result.Rows.Count} values in {clock.Elapsed.TotalSeconds:F2} s (load + fit + identification + verification + statistics + write)");
            var work = FaceCompat.Numerics.FlopCounter.Snapshot() - before;
            Console.WriteLine($"compare: floating-point work {work.Total / 1e9:F1} GFLOP (float32 GEMM {work.SingleGemm / 1e9:F1}, " +
                $"float64 GEMM {work.DoubleGemm / 1e9:F1}, decompositions {work.Decomposition / 1e9:F1}), {work.Total / 1e9 / clock.Elapsed.TotalSeconds:F1} GFLOP/s over the whole run");
            Console.WriteLine($"wrote {Path.GetFullPath(outDir)}/results.csv, results.json and splits/");
            return 0;
        }));
        return command;
    }

    private static void Print(ComparisonResult result)
    {
        double Mean(string map, string protocol, string metric) =>
            result.Summary.FirstOrDefault(s => s.Map == map && s.Protocol == protocol && s.Metric == metric)?.Summary.Mean ?? double.NaN;
        double Std(string map, string protocol, string metric) =>
            result.Summary.FirstOrDefault(s => s.Map == map && s.Protocol == protocol && s.Metric == metric)?.Summary.Std ?? double.NaN;
        string Pct(double mean, double std) => double.IsNaN(std)
            ? $"{100 * mean,6:F2}" : $"{100 * mean,6:F2} ± {100 * std,5:F2}";

        var maps = result.Rows.Select(r => r.Map).Distinct().ToArray();
        var protocols = result.Rows.Where(r => r.Task == "identification").Select(r => r.Protocol).Distinct().ToArray();
        Console.WriteLine($"{"map",-18} {"protocol",-9} {"Rank-1 %",-16} {"mAP@50 %",-16} {"EER %",-16} {"AUC",-8}");
        foreach (var map in maps)
            foreach (var p in protocols)
                Console.WriteLine($"{map,-18} {p,-9} {Pct(Mean(map, p, "rank1"), Std(map, p, "rank1")),-16} " +
                    $"{Pct(Mean(map, p, "map@50"), Std(map, p, "map@50")),-16} " +
                    $"{Pct(Mean(map, "reference", "eer"), Std(map, "reference", "eer")),-16} {Mean(map, "reference", "auc"),-8:F4}");
        foreach (var c in result.Controls)
            Console.WriteLine($"control {c.Control} ({c.Protocol}): Rank-1 {100 * c.ControlRank1:F2}% vs baseline {100 * c.BaselineRank1:F2}%" +
                $", chance {100 * c.ChanceRank1:F2}%, best map {100 * c.BestMapRank1:F2}%; lift {100 * c.Judgement.MeanLift:F2} points" +
                (double.IsFinite(c.Judgement.Lower) ? $" (95% CI {100 * c.Judgement.Lower:F2} to {100 * c.Judgement.Upper:F2})" : "") +
                $", margin {100 * c.Judgement.Margin:F2} -> " + (c.AtBaseline ? "falls to baseline, as it must" : "ABOVE BASELINE: the maps' gains are suspect"));
        Console.WriteLine("(mean ± sample std over seeds; EER and AUC from the reference verification pairs)");
    }

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int ParseSeed(string s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed
            : throw new FaceCompatException($"Seed '{s}' is not an integer.");

    private static IdentificationProtocol[] ParseProtocols(string value) => value.Trim().ToLowerInvariant() switch
    {
        "reference" => [IdentificationProtocol.Reference],
        "strict" => [IdentificationProtocol.Strict],
        "both" => [IdentificationProtocol.Reference, IdentificationProtocol.Strict],
        _ => throw new FaceCompatException($"Unknown protocol '{value}': use reference, strict or both."),
    };
}
