using System.CommandLine;
using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Studies;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat operating-points</c>: migration and exposure scenarios of one model upgrade at fixed FMR/FPIR.</summary>
internal static class OperatingPointsCommand
{
    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Folder with metadata.csv and one <model>.npy per model.", Required = true };
        var source = new Option<string>("--source") { Description = "The old model A (its <name>.npy).", Required = true };
        var target = new Option<string>("--target") { Description = "The new model B (its <name>.npy), whose thresholds every scenario uses.", Required = true };
        var fitOn = new Option<string?>("--fit-on") { Description = "Embeddings folder of A and B on other images (e.g. CFP): fit each map on all of it and score the exposure scenario." };
        var fitIdentities = new Option<string?>("--fit-identities")
        {
            Description = "With --fit-on: the attacker's data grid, comma-separated numbers of fit-set identities; each seed draws that many and every map is also fitted on them alone.",
        };
        var maps = new Option<string>("--map", "--maps")
        {
            Description = "Comma-separated fitted maps that keep B's space, e.g. procrustes,lstsq,ridge:alpha=1.",
            DefaultValueFactory = _ => string.Join(',', MapRegistry.Reference.Select(m => m.Label)),
        };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated split seeds.", DefaultValueFactory = _ => "42,123,217,7,531" };
        var ratio = new Option<double>("--train-ratio") { Description = "Share of identities that train the maps.", DefaultValueFactory = _ => 0.7 };
        var split = new Option<string?>("--split") { Description = "Explicit identity,subset split file used for every seed." };
        var fmr = new Option<string>("--fmr") { Description = "Comma-separated verification operating points.", DefaultValueFactory = _ => "1e-2,1e-3,1e-4,1e-5,1e-6" };
        var fpir = new Option<string>("--fpir") { Description = "Comma-separated open-set operating points (empty: no open-set search).", DefaultValueFactory = _ => "1e-1,1e-2,1e-3" };
        var saveMaps = new Option<bool>("--save-maps") { Description = "Also write every fitted map under maps/ (for an independent check)." };
        var output = new Option<string>("--out") { Description = "Output folder (must not exist or be empty).", Required = true };

        var command = new Command("operating-points",
            "Score a model upgrade A -> B at B's own thresholds (FMR 1e-2..1e-6, FPIR 1e-1..1e-3) on all pairs of each test split: " +
            "re-enrolment, migrated gallery, unaligned, the BCT criterion, open-set search, and the exposure of leaked A templates.");
        foreach (var option in new Option[] { embeddings, source, target, fitOn, fitIdentities, maps, seeds, ratio, split, fmr, fpir, saveMaps, output })
            command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var options = new OperatingPointsOptions
            {
                Maps = MapSpec.ParseList(parse.GetValue(maps)!),
                Seeds = SplitList(parse.GetValue(seeds)!).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                    : throw new FaceCompatException($"Seed '{s}' is not an integer.")).ToArray(),
                TrainRatio = parse.GetValue(ratio),
                SplitFile = parse.GetValue(split),
                FitOn = parse.GetValue(fitOn),
                FitIdentityGrid = parse.GetValue(fitIdentities) is { } grid ? SplitList(grid).Select(s =>
                    int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k > 0 ? k
                        : throw new FaceCompatException($"--fit-identities: '{s}' is not a positive number of identities.")).ToArray() : [],
                FalseMatchRates = Rates(parse.GetValue(fmr)!, "--fmr"),
                FalsePositiveIdentificationRates = Rates(parse.GetValue(fpir)!, "--fpir"),
                SaveMaps = parse.GetValue(saveMaps),
            };
            var outDir = parse.GetValue(output)!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            CliWarnings.MixedPreprocessing(parse.GetValue(embeddings)!, parse.GetValue(source)!, parse.GetValue(target)!);
            var result = OperatingPointsRun.RunToFolder(parse.GetValue(embeddings)!, parse.GetValue(source)!, parse.GetValue(target)!,
                options, outDir, line => Console.Error.WriteLine(line));
            foreach (var b in result.Bct)
                Console.WriteLine($"BCT {b.Map} at FMR {OperatingPointRow.Rate(b.OperatingPoint)}: migrated TMR {Pct(b.MigratedTmr)} vs native-a {Pct(b.NativeATmr)} (migrated FMR {Pct(b.MigratedFmr)}), " +
                    $"holds on {b.SeedsHolding}/{b.Seeds} seeds, {b.SeedsHoldingWithinFmr} within the nominal FMR" + (b.SignFlip is { } s ? $" (sign-flip p = {s.PValue:G3})" : ""));
            Console.WriteLine($"operating-points: {result.Rows.Count} values in {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"wrote {Path.GetFullPath(outDir)}/operating_points.csv, bct.csv, run.json and splits/");
            return 0;
        }));
        return command;
    }

    private static string Pct(double? v) => v is { } x ? $"{100 * x:F2}%" : "not measurable";

    private static string[] SplitList(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double[] Rates(string value, string flag) => SplitList(value).Select(s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f < 1 ? f
            : throw new FaceCompatException($"{flag}: '{s}' is not a rate strictly between 0 and 1.")).ToArray();
}
