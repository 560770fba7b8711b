using System.Diagnostics;
using System.Globalization;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Side by side, in one process and interleaved round by round (the machine is shared, so only ratios
/// within a round mean much): (1) the landmark stage alone (decode + BlazeFace + face mesh + five points,
/// in memory, nothing reused), (2) per model, extraction with the reference crop, (3) the same model's
/// extraction with <c>align</c> from the landmark cache (warp + inference), and (4) align end to end =
/// landmark stage then aligned extraction, N / (t1 + t3): what a one-model <c>extract --preprocess align</c>
/// on a dataset without cached landmarks costs. The ratio (4)/(2) is the throughput align keeps.
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- align-throughput --model faceres,resnet18 [--limit-identities 120] [--threads 2] [--rounds 2]
/// </summary>
internal static class AlignThroughput
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var models = Arg("--model", "faceres,resnet18").Split(',');
        var threads = int.Parse(Arg("--threads", "2"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg("--rounds", "2"), CultureInfo.InvariantCulture);
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(Arg("--data", "")),
            IdentitySubset.First(int.Parse(Arg("--limit-identities", "120"), CultureInfo.InvariantCulture)));
        var output = Path.Combine(Path.GetTempPath(), "facecompat-align-throughput-" + Environment.ProcessId);
        var n = dataset.Images.Count;
        Console.WriteLine($"dataset {dataset.Name}: {n} images; {Environment.ProcessorCount} cores; {threads} threads; {rounds} rounds; load average {LoadAverage()}");

        var (detector, mesh) = FaceLandmarker.Prepare();
        LandmarkCache.GetOrCompute(dataset, threads); // the aligned extractions below read these (cached or computed once here)
        try
        {
            foreach (var id in models) // warm-up: model preparation, JIT tiers
            {
                Extract(dataset, ModelCatalog.Get(id), PreprocessMode.Crop, threads, output);
                Extract(dataset, ModelCatalog.Get(id), PreprocessMode.Align, threads, output);
            }
            Console.WriteLine("round  stage                         images/s   seconds");
            var landmarkRates = new List<double>();
            var rows = new Dictionary<string, List<(double Crop, double Aligned, double EndToEnd)>>();
            for (var round = 1; round <= rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                LandmarkCache.Compute(dataset, threads, detector, mesh);
                var landmarkSeconds = clock.Elapsed.TotalSeconds;
                landmarkRates.Add(n / landmarkSeconds);
                Print(round, "landmark stage", n / landmarkSeconds, landmarkSeconds);
                foreach (var id in models)
                {
                    var card = ModelCatalog.Get(id);
                    var crop = Extract(dataset, card, PreprocessMode.Crop, threads, output);
                    var aligned = Extract(dataset, card, PreprocessMode.Align, threads, output);
                    var endToEnd = n / (landmarkSeconds + aligned);
                    Print(round, $"{id} crop", n / crop, crop);
                    Print(round, $"{id} align (cached landmarks)", n / aligned, aligned);
                    Print(round, $"{id} align end to end", endToEnd, landmarkSeconds + aligned);
                    if (!rows.TryGetValue(id, out var list)) rows[id] = list = [];
                    list.Add((n / crop, n / aligned, endToEnd));
                }
            }
            Console.WriteLine($"\nmean over {rounds} rounds (load average now {LoadAverage()}):");
            Console.WriteLine($"landmark stage: {landmarkRates.Average():F1} images/s");
            Console.WriteLine("model        crop img/s   align img/s (cached landmarks)   align end to end img/s   end to end / crop");
            foreach (var (id, list) in rows)
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-12} {1,10:F1} {2,16:F1} {3,28:F1} {4,18:P0}   (per round: {5})",
                    id, list.Average(r => r.Crop), list.Average(r => r.Aligned), list.Average(r => r.EndToEnd),
                    list.Average(r => r.EndToEnd / r.Crop), string.Join(", ", list.Select(r => (r.EndToEnd / r.Crop).ToString("P0", CultureInfo.InvariantCulture)))));
        }
        finally
        {
            try { Directory.Delete(output, true); } catch (IOException) { }
        }
        return 0;
    }

    /// <summary>Seconds of one forced extraction of the dataset (decode, preprocessing, inference, chunk commits, final files).</summary>
    private static double Extract(ImageDataset dataset, ModelCard card, PreprocessMode mode, int threads, string output)
    {
        var clock = Stopwatch.StartNew();
        ModelExtraction.Run(dataset, card, new ExtractionOptions
        {
            OutputRoot = ExtractionOptions.DefaultOutputRoot(mode, output), Preprocess = mode, AlignFallbackCrop = true, Force = true,
        }, threads);
        return clock.Elapsed.TotalSeconds;
    }

    private static void Print(int round, string stage, double rate, double seconds) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,-30} {2,8:F1} {3,9:F1}", round, stage, rate, seconds));

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }
}
