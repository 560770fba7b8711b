using System.CommandLine;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat extract</c>: a dataset's embeddings for one or more models, resumable.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "lfw, cfp, cfp-frontal (CFP's frontal images only), or the path of a folder with one sub-folder per identity.", Required = true };
        var model = new Option<string[]>("--model") { Description = "Model id(s) or card path(s), or 'all' (every usable built-in model).", Required = true, AllowMultipleArgumentsPerToken = true };
        var flip = new Option<bool>("--flip") { Description = "Flip test: mean of the embeddings of each image and its mirror, L2-normalised." };
        var batch = new Option<int>("--batch") { Description = "Images per inference batch.", DefaultValueFactory = _ => 32 };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads (default: all cores)." };
        var decodeThreads = new Option<int?>("--decode-threads") { Description = "Threads decoding and resizing images (default: half the cores, at least 1)." };
        var output = new Option<string?>("--out") { Description = "Output root (default: <cache>/embeddings); files go to <out>/<dataset>/." };
        var data = new Option<string?>("--data") { Description = $"Data root holding lfw/ and cfp/ (default: {FaceCompatPaths.DataVariable} or ../shared/data)." };
        var limit = new Option<int?>("--limit-identities") { Description = "Only the first N identities (ordinal order), for quick runs." };
        var identities = new Option<string?>("--identities") { Description = "Only the identities listed in this file (one per line)." };
        var chunk = new Option<int>("--chunk") { Description = "Images per committed chunk (the most work an interruption loses).", DefaultValueFactory = _ => 512 };
        var force = new Option<bool>("--force") { Description = "Recompute every image, even when finished embeddings of the same inputs exist or only some images changed." };
        var pairsOf = new Option<string?>("--pairs-of") { Description = "Only the images used by a protocol's pairs: lfw, cfp-ff or cfp-fp." };
        var preprocess = new Option<string?>("--preprocess") { Description = "crop (the dataset's reference crop; a folder's whole frame) or align (landmarks warped to each model's template). Default: crop for lfw and cfp, align for a folder of your own images." };
        var aligner = new Option<string?>("--aligner") { Description = $"With --preprocess align, the landmark stage: mesh (BlazeFace + face mesh) or mtcnn (P-Net, R-Net, O-Net); default {AlignerNames.Name(AlignerNames.Default)}." };
        var fallback = new Option<string>("--align-fallback") { Description = "With --preprocess align, images without a face: skip (recorded with the reason) or crop (the reference crop, listed in the manifest).", DefaultValueFactory = _ => "skip" };
        var perFold = new Option<int?>("--pairs-per-fold") { Description = "With --pairs-of: only the first N same and N different pairs of each fold." };
        var pixelCache = new Option<string>("--pixel-cache") { Description = $"on: keep the prepared (cropped, resized) pixels in <cache>/pixels, shared by every model with the same input size, at most {PixelCacheOptions.DefaultMaxBytes >> 30} GiB ({PixelCacheOptions.MaxGibVariable}); off: decode every image for every model.", DefaultValueFactory = _ => "on" };

        var command = new Command("extract", "Extract embeddings of a dataset (resumable; bad images are skipped with a reason).");
        foreach (var option in new Option[] { dataset, model, flip, batch, threads, decodeThreads, output, data, limit, identities, chunk, force, pairsOf, perFold, preprocess, aligner, fallback, pixelCache })
            command.Options.Add(option);
        command.SetAction((parse, cancellation) => Task.Run(() => CliErrors.Run(() =>
        {
            if (parse.GetValue(limit) is not null && parse.GetValue(identities) is not null)
                throw new FaceCompatException("Use either --limit-identities or --identities, not both.");
            var subset = parse.GetValue(limit) is { } n ? IdentitySubset.First(n)
                : parse.GetValue(identities) is { } file ? IdentitySubset.FromFile(file) : null;
            var set = DatasetCatalog.Resolve(parse.GetValue(dataset)!, parse.GetValue(data), subset);
            if (parse.GetValue(pairsOf) is { } protocolName)
            {
                var protocol = VerificationProtocols.Parse(protocolName);
                var pairs = PairImages.Take(VerificationProtocols.Pairs(protocol, FaceCompatPaths.DataRoot(parse.GetValue(data))), parse.GetValue(perFold));
                set = PairImages.Restrict(set, pairs, $"-{protocolName.ToLowerInvariant()}pairs" + (parse.GetValue(perFold) is { } k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));
            }
            else if (parse.GetValue(perFold) is not null) throw new FaceCompatException("--pairs-per-fold needs --pairs-of.");
            var cards = ResolveModels(parse.GetValue(model) ?? []);
            var mode = parse.GetValue(preprocess)?.ToLowerInvariant() switch
            {
                null => ReferencePreprocessing.ModeFor(set),
                "crop" => PreprocessMode.Crop,
                "align" => PreprocessMode.Align,
                var other => throw new FaceCompatException($"--preprocess '{other}' is not one of crop, align."),
            };
            var fallbackCrop = parse.GetValue(fallback)?.ToLowerInvariant() switch
            {
                "skip" => false,
                "crop" => true,
                var other => throw new FaceCompatException($"--align-fallback '{other}' is not one of skip, crop."),
            };
            if (fallbackCrop && mode != PreprocessMode.Align) throw new FaceCompatException("--align-fallback crop needs --preprocess align.");
            var alignerName = parse.GetValue(aligner);
            if (alignerName is not null && mode != PreprocessMode.Align) throw new FaceCompatException("--aligner needs --preprocess align.");
            var chosenAligner = alignerName is null ? AlignerNames.Default : AlignerNames.Parse(alignerName);
            var options = new ExtractionOptions
            {
                OutputRoot = parse.GetValue(output) ?? ExtractionOptions.DefaultOutputRoot(mode, aligner: chosenAligner),
                Preprocess = mode,
                Aligner = chosenAligner,
                AlignFallbackCrop = fallbackCrop,
                BatchSize = parse.GetValue(batch),
                DecodeThreads = parse.GetValue(decodeThreads) ?? Math.Max(1, Environment.ProcessorCount / 2),
                ChunkSize = parse.GetValue(chunk),
                Flip = parse.GetValue(flip),
                Force = parse.GetValue(force),
                PixelCache = parse.GetValue(pixelCache)?.ToLowerInvariant() switch
                {
                    "on" => PixelCacheOptions.Default(),
                    "off" => null,
                    var other => throw new FaceCompatException($"--pixel-cache '{other}' is not one of on, off."),
                },
            };
            OutputTargets.RequireFolder(options.OutputRoot);
            OutputTargets.RequireFolder(Path.Combine(options.OutputRoot, set.Name));
            Console.WriteLine($"dataset {set.Name}: {set.Images.Count} images, {set.Images.Select(i => i.Identity).Distinct().Count()} identities ({set.Root})");
            foreach (var problem in set.Problems) Console.WriteLine($"  listing: {problem.RelativePath}: {problem.Reason}");
            ExtractionResult? last = null;
            foreach (var card in cards)
            {
                last = ExtractionProgressView.Run(set.Name, card.Id, progress =>
                    ModelExtraction.Run(set, card, options, parse.GetValue(threads), progress, line => Console.WriteLine($"  {line}"), cancellation));
                Report(card.Id, last);
            }
            if (last is not null) CliWarnings.StaleModels(last);
            return 0;
        })));
        return command;
    }

    private static IReadOnlyList<ModelCard> ResolveModels(string[] ids)
    {
        var list = ids.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (list.Count == 0) throw new FaceCompatException("No model given (--model ID|all).");
        if (list.Any(i => string.Equals(i, "all", StringComparison.OrdinalIgnoreCase)))
            return ModelCatalog.BuiltIn.Where(c => c.Usable).ToList();
        return ModelCatalog.Resolve(list);
    }

    private static void Report(string modelId, ExtractionResult result)
    {
        var what = result.AlreadyComplete ? "already extracted (same model files, preprocessing and images)"
            : $"{result.Rows} rows x {result.Dimension} in {result.Elapsed.TotalSeconds:F1} s" + (result.ResumedChunks > 0 ? $", resumed {result.ResumedChunks} chunk(s)" : "");
        Console.WriteLine($"{modelId}: {what}");
        if (result.Update is { } update)
            Console.WriteLine($"  images changed since the last extraction: reused {update.ReusedImages} unchanged, extracted {update.ExtractedImages} new or changed, " +
                $"dropped {update.RemovedImages} removed");
        Console.WriteLine($"  {result.EmbeddingsPath}");
        if (result.Skipped.Count > 0)
        {
            Console.WriteLine($"  skipped {result.Skipped.Count} image(s):");
            foreach (var s in result.Skipped.Take(20)) Console.WriteLine($"    {s.Path}: {s.Reason}");
            if (result.Skipped.Count > 20) Console.WriteLine($"    ... (all listed in {result.ManifestPath})");
        }
    }
}
