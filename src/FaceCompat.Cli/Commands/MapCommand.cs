using System.CommandLine;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat map fit</c> and <c>facecompat map apply</c>: fit a map between two models, carry a gallery across.</summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var command = new Command("map", "Fit a map between two models' embedding spaces, or apply one (gallery migration).");
        command.Subcommands.Add(Fit());
        command.Subcommands.Add(Apply());
        return command;
    }

    private static Command Fit()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Folder with metadata.csv and one <model>.npy per model.", Required = true };
        var source = new Option<string>("--source") { Description = "Source model (the .npy name without extension).", Required = true };
        var target = new Option<string>("--target") { Description = "Target model.", Required = true };
        var map = new Option<string>("--map") { Description = "Map and parameters, e.g. procrustes, lstsq, ridge:alpha=0.1, rrr:rank=64. Known: " + string.Join(", ", MapRegistry.All.Select(m => m.Name)) + ".", DefaultValueFactory = _ => "procrustes" };
        var split = new Option<string?>("--split") { Description = "Split file (identity,subset with train/test) instead of a seeded split." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the identity split (default 42)." };
        var ratio = new Option<double?>("--train-ratio") { Description = "Share of identities used for training (default 0.7; 1 fits on every identity, as a migration map should)." };
        var spacePrep = new Option<string>("--space-prep") { Description = "How the two spaces' dimensions are matched: zero-pad (reference) or pca.", DefaultValueFactory = _ => "zero-pad" };
        spacePrep.AcceptOnlyFromAmong("zero-pad", "pca");
        var pcaDim = new Option<int?>("--pca-dim") { Description = "With --space-prep pca: the common dimension (default the smaller one)." };
        var whiten = new Option<bool>("--whiten") { Description = "With --space-prep pca: whiten the components." };
        var noL2 = new Option<bool>("--no-l2") { Description = "Do not L2-normalise rows before centring." };
        var noCenter = new Option<bool>("--no-center") { Description = "Do not subtract the train means." };
        var output = new Option<string>("--out") { Description = "Map folder to write (map.json, .npy matrices, the split used).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing map folder." };

        var command = new Command("fit", "Fit a map from --source to --target on the train identities of a split and save it.")
        {
            embeddings, source, target, map, split, seed, ratio, spacePrep, pcaDim, whiten, noL2, noCenter, output, force,
        };
        command.SetAction(result => CliErrors.Run(() =>
        {
            OutputTargets.RequireReplaceableFolder(result.GetValue(output)!, result.GetValue(force));
            var fitter = MapSpec.Parse(result.GetValue(map)!).CreateFitter();
            var options = new PreparationOptions
            {
                L2Normalize = !result.GetValue(noL2),
                Center = !result.GetValue(noCenter),
                Matching = result.GetValue(spacePrep) == "pca" ? DimensionMatching.Pca : DimensionMatching.ZeroPad,
                PcaDimension = result.GetValue(pcaDim),
                Whiten = result.GetValue(whiten),
            };
            if (options.Matching == DimensionMatching.ZeroPad && (options.PcaDimension is not null || options.Whiten))
                throw new FaceCompatException("--pca-dim and --whiten need --space-prep pca.");
            var splitFile = result.GetValue(split);
            if (splitFile is not null && (result.GetValue(seed) is not null || result.GetValue(ratio) is not null))
                throw new FaceCompatException("give either --split or --seed/--train-ratio, not both.");

            var folder = new EmbeddingFolder(result.GetValue(embeddings)!);
            string sourceName = result.GetValue(source)!, targetName = result.GetValue(target)!;
            CliWarnings.MixedPreprocessing(result.GetValue(embeddings)!, sourceName, targetName);
            var sourceSet = folder.Load(sourceName);
            var targetSet = folder.Load(targetName);
            var trainRatio = result.GetValue(ratio) ?? IdentitySplit.DefaultTrainRatio;
            if (trainRatio == 1 && result.GetValue(seed) is not null) throw new FaceCompatException("--seed draws a split; with --train-ratio 1 every identity trains and there is nothing to draw.");
            var identitySplit = splitFile is not null ? IdentitySplit.Read(splitFile)
                : trainRatio == 1 ? IdentitySplit.AllTrain(sourceSet.Records.Select(r => r.Identity))
                : IdentitySplit.Random(sourceSet.Records.Select(r => r.Identity), trainRatio, result.GetValue(seed) ?? IdentitySplit.ReferenceSeeds[0]);

            Console.Error.WriteLine($"fitting {fitter.Spec}: {sourceName} ({sourceSet.Dimension}-d) -> {targetName} ({targetSet.Dimension}-d), " +
                $"{identitySplit.TrainIdentities.Count} train identities ({options})");
            // A shared-space map is fitted on every model of the folder (its members default to all of them).
            var others = fitter is FaceCompat.Mapping.Hub.IHubMapFitter
                ? folder.Models().Where(m => m != sourceName && m != targetName).ToDictionary(m => m, folder.Load)
                : null;
            var fitted = MapTraining.Fit(sourceSet, targetSet, identitySplit, fitter, options, sourceName, targetName, others);
            var provenance = new Dictionary<string, string>(fitted.Provenance)
            {
                ["embeddings"] = folder.Directory,
                ["source_sha256"] = Sha256(folder.ModelPath(sourceName)),
                ["target_sha256"] = Sha256(folder.ModelPath(targetName)),
                ["metadata_sha256"] = Sha256(folder.MetadataPath),
            };
            if (splitFile is not null) provenance["split_file"] = Path.GetFullPath(splitFile);
            fitted = fitted.WithProvenance(provenance);
            var outDir = result.GetValue(output)!;
            var splitName = identitySplit.Seed is { } s ? IdentitySplit.FileName(s) : "split.csv";
            fitted.Save(outDir, dir => identitySplit.Write(Path.Combine(dir, "splits", splitName)));
            foreach (var (key, value) in fitted.Notes) Console.Error.WriteLine($"  {key}: {value}");
            Console.WriteLine(Path.GetFullPath(outDir));
            return 0;
        }));
        return command;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    private static Command Apply()
    {
        var mapDir = new Option<string>("--map") { Description = "Map folder written by 'map fit'.", Required = true };
        var input = new Option<string>("--input") { Description = "Source-model embeddings (.npy, N x source dimension).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the migrated embeddings (.npy float32, L2-normalised, target model's space).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing output file (never the input)." };
        var command = new Command("apply", "Carry embeddings from the map's source model into its target model's space (gallery migration), streamed: any number of rows in the memory of one block.")
        {
            mapDir, input, output, force,
        };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var outPath = result.GetValue(output)!;
            OutputTargets.RequireNewFile(outPath, result.GetValue(force), result.GetValue(input)!);
            var map = FittedMap.Load(result.GetValue(mapDir)!);
            var rows = MapTraining.MigrateFile(map, result.GetValue(input)!, outPath);
            Console.Error.WriteLine($"migrated {rows} rows with {map.Spec}: {map.SourceDimension}-d -> {map.TargetDimension}-d");
            Console.WriteLine(Path.GetFullPath(outPath));
            return 0;
        }));
        return command;
    }
}
