using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat landmarks</c>: runs (or reuses) the cached landmark stage of a dataset; on CFP, scores it against the fiducials.</summary>
internal static class LandmarksCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "lfw, cfp, cfp-frontal (CFP's frontal images only), or the path of a folder with one sub-folder per identity.", Required = true };
        var data = new Option<string?>("--data") { Description = $"Data root holding lfw/ and cfp/ (default: {FaceCompatPaths.DataVariable} or ../shared/data)." };
        var limit = new Option<int?>("--limit-identities") { Description = "Only the first N identities (ordinal order)." };
        var identities = new Option<string?>("--identities") { Description = "Only the identities listed in this file (one per line)." };
        var threads = new Option<int>("--threads") { Description = "Images processed at once (one ONNX thread each).", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var show = new Option<string?>("--write-aligned") { Description = "Write the first --count images aligned for this model (id) as .ppm files into --out, to inspect the warp." };
        var showOut = new Option<string?>("--out") { Description = "Folder for --write-aligned." };
        var aligner = new Option<string>("--aligner") { Description = "The landmark stage: mesh (BlazeFace + face mesh) or mtcnn (P-Net, R-Net, O-Net).", DefaultValueFactory = _ => AlignerNames.Name(AlignerNames.Default) };
        var count = new Option<int>("--count") { Description = "How many images --write-aligned writes.", DefaultValueFactory = _ => 8 };
        var command = new Command("landmarks", "Detect faces and five alignment points of a dataset (cached); on CFP, report accuracy against its fiducials.");
        foreach (var option in new Option[] { dataset, data, limit, identities, threads, aligner, show, showOut, count }) command.Options.Add(option);
        command.SetAction((parse, cancellation) => Task.Run(() => CliErrors.Run(() =>
        {
            var subset = parse.GetValue(limit) is { } n ? IdentitySubset.First(n)
                : parse.GetValue(identities) is { } file ? IdentitySubset.FromFile(file) : null;
            var chosen = AlignerNames.Parse(parse.GetValue(aligner));
            var set = DatasetCatalog.Resolve(parse.GetValue(dataset)!, parse.GetValue(data), subset);
            Console.WriteLine($"dataset {set.Name}: {set.Images.Count} images ({set.Root}), aligner {AlignerNames.Name(chosen)}");
            var clock = Stopwatch.StartNew();
            var progress = new Progress<(int Done, int Total)>(p =>
                Console.Error.Write($"\r  landmarks {p.Done}/{p.Total} ({p.Done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F1} images/s)   "));
            var landmarks = LandmarkCache.GetOrCompute(set, chosen, parse.GetValue(threads), progress: progress, cancellation: cancellation);
            Console.Error.WriteLine();
            Console.WriteLine($"landmarks: {landmarks.File} ({clock.Elapsed.TotalSeconds:F1} s)");
            Console.WriteLine(chosen == Aligner.Mesh
                ? $"faces found {landmarks.Found}/{landmarks.Entries.Count}, from the mesh {landmarks.FromMesh}, from the detector alone {landmarks.Found - landmarks.FromMesh}"
                : $"faces found {landmarks.Found}/{landmarks.Entries.Count}");
            if (landmarks.MeanPointsInCrop() is { } inCrop)
                Console.WriteLine("five points in human's face crop (mean, 0..1): " + string.Join(", ", inCrop.Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture))));
            if (set.Name.StartsWith(CfpDataset.Name, StringComparison.Ordinal))
            {
                Console.WriteLine("view      images  detected  rate     mesh   NME(mean)  NME(median)  NME>0.10");
                foreach (var row in LandmarkAccuracy.EvaluateCfp(landmarks, set))
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{row.View,-8} {row.Images,7} {row.Detected,9}  {100 * row.DetectionRate,6:F2}% {row.FromMesh,6}  {row.MeanError,9:F4}  {row.MedianError,11:F4}  {100 * row.FailureRate10,6:F2}%"));
                Console.WriteLine("NME: mean distance of the annotated eye centre, nose tip and mouth corner from the predicted ones, over the annotated eye-to-mouth-corner distance.");
            }
            if (parse.GetValue(show) is { } modelId) WriteAligned(set, landmarks, ModelCatalog.Get(modelId), parse.GetValue(showOut) ?? throw new FaceCompatException("--write-aligned needs --out."), parse.GetValue(count));
            return 0;
        })));
        return command;
    }

    private static void WriteAligned(ImageDataset set, LandmarkSet landmarks, ModelCard card, string outDir, int count)
    {
        Directory.CreateDirectory(outDir);
        var (w, h) = (card.Input.Width, card.Input.Height);
        var template = FaceAligner.TemplateFor(card, w, h);
        var plan = new AlignPreprocessor(landmarks, template, w, h, fallback: null);
        var decoder = new ImageDecoder();
        foreach (var image in set.Images.Take(count))
        {
            var decoded = decoder.Decode(image.FullPath);
            if (!decoded.Ok) continue;
            var (aligned, reason) = plan.Align(decoded.Image!, image.RelativePath);
            if (aligned is null) { Console.WriteLine($"  {image.RelativePath}: {reason}"); continue; }
            var path = Path.Combine(outDir, Path.GetFileNameWithoutExtension(image.RelativePath) + $"-{card.Id}.ppm");
            AtomicFile.Write(path, stream =>
            {
                var header = System.Text.Encoding.ASCII.GetBytes($"P6\n{aligned.Width} {aligned.Height}\n255\n");
                stream.Write(header);
                stream.Write(aligned.Pixels);
            });
            Console.WriteLine($"  {path}");
        }
    }
}
