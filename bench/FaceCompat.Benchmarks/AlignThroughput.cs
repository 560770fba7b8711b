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
/// on a dataset without cached landmarks costs. The ratio (4)/(2) is the throughput align keeps. Each stage
/// is timed in wall-clock seconds and in this process's CPU seconds (all threads): on a loaded machine the
/// CPU time is the steadier measure, and N / CPU seconds x cores estimates the rate on idle cores.
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- align-throughput --model faceres,resnet18 [--limit-identities 120] [--threads 2] [--rounds 2]
/// </summary>
internal static class AlignThroughput
{
    public static int Run(string[] args)
    {
        var arg = new BenchArgs(args);
        var models = arg.Get("--model", "faceres,resnet18").Split(',');
        var threads = arg.Int("--threads", 2);
        var rounds = arg.Int("--rounds", 2);
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(arg.Get("--data", "")),
            IdentitySubset.First(arg.Int("--limit-identities", 120)));
        var output = Path.Combine(Path.GetTempPath(), "facecompat-align-throughput-" + Environment.ProcessId);
        var n = dataset.Images.Count;
        Console.WriteLine($"dataset {dataset.Name}: {n} images; {Environment.ProcessorCount} cores; {threads} threads; {rounds} rounds; load average {LoadAverage.Now()}");

        var mesh = PreparedAligner.Prepare(Aligner.Mesh);
        LandmarkCache.GetOrCompute(dataset, Aligner.Mesh, threads); // the aligned extractions below read these (cached or computed once here)
        try
        {
            var warmUp = new ImageDataset(dataset.Name + "-warmup", dataset.Root, dataset.Images.Take(16).ToList(), dataset.ReferenceCrop);
            LandmarkCache.Compute(warmUp, threads, mesh);
            foreach (var id in models) // warm-up: model preparation, JIT tiers
            {
                Extract(warmUp, ModelCatalog.Get(id), PreprocessMode.Crop, threads, output);
                Extract(warmUp, ModelCatalog.Get(id), PreprocessMode.Align, threads, output);
            }
            Console.WriteLine("round  stage                          img/s (wall)  wall s   img/s (CPU, x cores)  CPU s");
            var landmarks = new List<Timing>();
            var rows = new Dictionary<string, List<(Timing Crop, Timing Aligned, Timing EndToEnd)>>();
            for (var round = 1; round <= rounds; round++)
            {
                var landmark = Time(() => LandmarkCache.Compute(dataset, threads, mesh));
                landmarks.Add(landmark);
                Print(round, "landmark stage", n, landmark);
                foreach (var id in models)
                {
                    var card = ModelCatalog.Get(id);
                    var crop = Time(() => Extract(dataset, card, PreprocessMode.Crop, threads, output));
                    var aligned = Time(() => Extract(dataset, card, PreprocessMode.Align, threads, output));
                    var endToEnd = landmark + aligned;
                    Print(round, $"{id} crop", n, crop);
                    Print(round, $"{id} align (cached landmarks)", n, aligned);
                    Print(round, $"{id} align end to end", n, endToEnd);
                    if (!rows.TryGetValue(id, out var list)) rows[id] = list = [];
                    list.Add((crop, aligned, endToEnd));
                }
            }
            var cores = Environment.ProcessorCount;
            Console.WriteLine($"\nsum over {rounds} rounds (load average now {LoadAverage.Now()}); CPU rates are N / CPU seconds x {cores} cores:");
            var l = Sum(landmarks);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "landmark stage: {0:F1} img/s wall, {1:F1} img/s CPU-based ({2:F1} CPU ms per image)",
                rounds * n / l.Wall, rounds * n / l.Cpu * cores, 1000 * l.Cpu / (rounds * n)));
            Console.WriteLine("model        crop img/s   align (cached) img/s   align end to end img/s   end to end / crop     (wall | CPU-based)");
            foreach (var (id, list) in rows)
            {
                var (c, a, e) = (Sum(list.Select(r => r.Crop)), Sum(list.Select(r => r.Aligned)), Sum(list.Select(r => r.EndToEnd)));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-12} {1,5:F1} | {2,5:F1}   {3,7:F1} | {4,5:F1}   {5,9:F1} | {6,5:F1}   {7,8:P0} | {8:P0}",
                    id, rounds * n / c.Wall, rounds * n / c.Cpu * cores, rounds * n / a.Wall, rounds * n / a.Cpu * cores,
                    rounds * n / e.Wall, rounds * n / e.Cpu * cores, c.Wall / e.Wall, c.Cpu / e.Cpu));
            }
        }
        finally
        {
            try { Directory.Delete(output, true); } catch (IOException) { }
        }
        return 0;
    }

    private readonly record struct Timing(double Wall, double Cpu)
    {
        public static Timing operator +(Timing a, Timing b) => new(a.Wall + b.Wall, a.Cpu + b.Cpu);
    }

    private static Timing Sum(IEnumerable<Timing> timings) => timings.Aggregate(new Timing(0, 0), (a, b) => a + b);

    /// <summary>Wall-clock and process CPU seconds of <paramref name="work"/>.</summary>
    private static Timing Time(Action work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        process.Refresh();
        return new Timing(clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>One forced extraction of the dataset (decode, preprocessing, inference, chunk commits, final files).</summary>
    private static void Extract(ImageDataset dataset, ModelCard card, PreprocessMode mode, int threads, string output) =>
        ModelExtraction.Run(dataset, card, new ExtractionOptions
        {
            OutputRoot = ExtractionOptions.DefaultOutputRoot(mode, output), Preprocess = mode, AlignFallbackCrop = true, Force = true,
        }, threads);

    private static void Print(int round, string stage, int n, Timing t) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,-30} {2,10:F1} {3,9:F1} {4,14:F1} {5,12:F1}",
            round, stage, n / t.Wall, t.Wall, n / t.Cpu * Environment.ProcessorCount, t.Cpu));
}
