using System.Diagnostics;
using System.Globalization;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Side-by-side throughput of extraction against bare inference, per model, in one process on the same
/// threads. Bare: an ONNX Runtime session on the same ONNX file and intra-op threads running a pre-made
/// input tensor of the extraction's batch size, with spinning on and with spinning off; the better of
/// the two is the baseline. Pipeline: the whole extraction (model preparation, listing, decode, crop,
/// resize, tensor fill, inference, chunk commits, final files) over the dataset, cold (an empty pixel
/// cache, which it fills) and warm (the pixel cache filled by the cold run, as for the second model of
/// the same input size in a study). The bare rates are measured before, between and after the two
/// pipeline runs, and the load average is printed at each step, so a busy machine shows as drift.
/// Each measurement also records this process's CPU time per image (user + system, all threads): on a
/// machine busy with other work the wall-clock rates drift with the load, while CPU time per image
/// mostly does not, so the ratio of CPU time per image (bare / pipeline) is printed as a second,
/// load-robust view. It equals the wall-clock ratio on an idle machine only if both keep the cores
/// equally busy, so it is an estimate, and the wall-clock figures on an idle machine are the measure.
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- extraction-throughput --model mobileface,faceapi
///      [--images N] [--limit-identities N] [--threads 2] [--decode-threads 1] [--batch 32] [--bare-seconds 10]
///      [--pipeline-spin auto|off|on] [--decode-first on|off] [--csv FILE]
/// </summary>
internal static class ExtractionThroughput
{
    public static int Run(string[] args)
    {
        var arg = new BenchArgs(args);
        var models = arg.Get("--model", "faceapi").Split(',');
        var threads = arg.Int("--threads", 2);
        var batch = arg.Int("--batch", 32);
        var decodeThreads = arg.Int("--decode-threads", Math.Max(1, Environment.ProcessorCount / 2));
        var bareSeconds = arg.Double("--bare-seconds", 10);
        SpinningMode? pipelineSpin = arg.Get("--pipeline-spin", "auto") switch
        {
            "on" => SpinningMode.On, "off" => SpinningMode.Off, _ => null,
        };
        var decodeFirst = arg.Get("--decode-first", "off") == "on";
        var limit = arg.Get("--limit-identities", "");
        var subset = limit.Length > 0 ? IdentitySubset.First(int.Parse(limit, CultureInfo.InvariantCulture)) : null;
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(arg.Get("--data", "")), subset);
        if (arg.Get("--images", "") is { Length: > 0 } count)
            dataset = BenchDatasets.FirstImages(dataset, int.Parse(count, CultureInfo.InvariantCulture));
        var csv = arg.Get("--csv", "");
        var scratch = Path.Combine(Path.GetTempPath(), "facecompat-throughput-" + Environment.ProcessId);

        Console.WriteLine($"dataset {dataset.Name}: {dataset.Images.Count} images; {Environment.ProcessorCount} cores; ORT threads {threads}; " +
                          $"decode threads {decodeThreads}; batch {batch}; pipeline ORT spinning {(pipelineSpin?.ToString() ?? "auto")}; load {LoadAverage.Now()}");
        DecodeRate(dataset, 112); // warm-up (JIT tiers)
        Console.WriteLine($"decode + crop + resize alone, 1 thread: {DecodeRate(dataset, 112):F1} img/s (to 112x112), {DecodeRate(dataset, 224):F1} img/s (to 224x224), " +
                          $"{DecodeRate(dataset, 0):F1} img/s (region decode of the crop only); load {LoadAverage.Now()}");
        var rows = new List<string> { "model,images,bare_spin_img_s,bare_nospin_img_s,bare_img_s,cold_img_s,warm_img_s,cold_ratio,warm_ratio,bare_cpu_ms,cold_cpu_ms,warm_cpu_ms,load_start,load_end" };
        try
        {
            foreach (var id in models)
            {
                var card = ModelCatalog.Get(id);
                var prepared = EmbedderFactory.Prepare(card);
                var pixels = new PixelCacheOptions(Path.Combine(scratch, "pixels-" + id));
                var loadStart = LoadAverage.Now();
                var bare = new BareRates();
                bare.Measure(card, prepared.OnnxPath, threads, batch, bareSeconds, "before");
                var cold = PipelineRate(dataset, card, Path.Combine(scratch, "cold-" + id), pixels, batch, decodeThreads, threads, pipelineSpin, "cold");
                bare.Measure(card, prepared.OnnxPath, threads, batch, bareSeconds, "between");
                var warm = PipelineRate(dataset, card, Path.Combine(scratch, "warm-" + id), pixels, batch, decodeThreads, threads, pipelineSpin, "warm");
                bare.Measure(card, prepared.OnnxPath, threads, batch, bareSeconds, "after");
                var (baseline, setting) = bare.Best();
                if (decodeFirst)
                {
                    var fill = FillRate(dataset, card, Path.Combine(scratch, "pixels-fill-" + id), threads);
                    var twoPhase = dataset.Images.Count / (dataset.Images.Count / fill + dataset.Images.Count / warm.Rate);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "TWO-PHASE {0}: decode into an empty pixel cache on {1} threads {2:F1} img/s, then the warm run: {3:F1} img/s end to end = {4:P0} of bare",
                        id, threads, fill, twoPhase, twoPhase / baseline));
                }
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "RESULT {0}: bare {1:F1} img/s (spinning {2}; spin on {3:F1}, off {4:F1}) | pipeline cold {5:F1} img/s = {6:P0} | warm {7:F1} img/s = {8:P0} | {9} images | load {10} -> {11}",
                    id, baseline, setting, bare.Mean(true), bare.Mean(false), cold.Rate, cold.Rate / baseline, warm.Rate, warm.Rate / baseline, dataset.Images.Count, loadStart, LoadAverage.Now()));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "CPU    {0}: bare {1:F2} ms/img | cold {2:F2} ms/img, bare/cold {3:P0} | warm {4:F2} ms/img, bare/warm {5:P0}",
                    id, bare.CpuMs, cold.CpuMs, bare.CpuMs / cold.CpuMs, warm.CpuMs, bare.CpuMs / warm.CpuMs));
                rows.Add(string.Join(',', id, dataset.Images.Count.ToString(CultureInfo.InvariantCulture), F(bare.Mean(true)), F(bare.Mean(false)), F(baseline),
                    F(cold.Rate), F(warm.Rate), F(cold.Rate / baseline), F(warm.Rate / baseline), F(bare.CpuMs), F(cold.CpuMs), F(warm.CpuMs),
                    loadStart.Replace(' ', '/'), LoadAverage.Now().Replace(' ', '/')));
            }
        }
        finally
        {
            try { Directory.Delete(scratch, true); } catch (IOException) { }
        }
        if (csv.Length > 0) File.WriteAllLines(csv, rows);
        return 0;
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static (double Rate, double CpuMs) PipelineRate(ImageDataset dataset, ModelCard card, string output, PixelCacheOptions pixels, int batch, int decodeThreads,
        int threads, SpinningMode? spin, string label)
    {
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var result = ModelExtraction.Run(dataset, card, new ExtractionOptions
        {
            OutputRoot = output, BatchSize = batch, DecodeThreads = decodeThreads, Force = true, PixelCache = pixels, InferenceSpinning = spin,
        }, threads, log: line => { if (line.Contains("spinning", StringComparison.Ordinal)) Console.WriteLine("    " + line); });
        var rate = dataset.Images.Count / clock.Elapsed.TotalSeconds;
        var cpuMs = (Cpu() - cpu).TotalMilliseconds / dataset.Images.Count;
        Console.WriteLine($"  {card.Id} pipeline {label}: {rate:F1} img/s ({result.Rows} rows in {clock.Elapsed.TotalSeconds:F1} s), CPU {cpuMs:F2} ms/img; load {LoadAverage.Now()}");
        var t = result.Timings;
        var accounted = t.OnInferencePath;
        Console.WriteLine($"    time: {t}; model opening and the rest {(clock.Elapsed - accounted).TotalSeconds:F2} s");
        return (rate, cpuMs);
    }

    /// <summary>Bare session rates with spinning on and off, several rounds.</summary>
    private sealed class BareRates
    {
        private readonly List<double> _spin = [];
        private readonly List<double> _noSpin = [];
        private readonly List<double> _spinCpu = [];
        private readonly List<double> _noSpinCpu = [];

        public void Measure(ModelCard card, string onnxPath, int threads, int batch, double seconds, string label)
        {
            var (on, onCpu) = BareRate(card, onnxPath, threads, batch, true, seconds);
            var (off, offCpu) = BareRate(card, onnxPath, threads, batch, false, seconds);
            _spin.Add(on);
            _noSpin.Add(off);
            _spinCpu.Add(onCpu);
            _noSpinCpu.Add(offCpu);
            Console.WriteLine($"  {card.Id} bare {label}: spinning on {on:F1} img/s (CPU {onCpu:F2} ms/img), off {off:F1} img/s (CPU {offCpu:F2} ms/img); load {LoadAverage.Now()}");
        }

        public double Mean(bool spin) => (spin ? _spin : _noSpin).Average();

        /// <summary>CPU time per image of the session without spinning (its work, without busy-waiting).</summary>
        public double CpuMs => _noSpinCpu.Average();

        public (double Rate, string Setting) Best() => Mean(true) >= Mean(false) ? (Mean(true), "on") : (Mean(false), "off");
    }

    /// <summary>
    /// Images/s of filling an empty pixel cache on <paramref name="threads"/> threads with nothing else running
    /// (decode, crop, resize, cache writes): the first phase of a cold run that decodes everything before
    /// inference instead of beside it. A measurement for that design; extraction does not do it yet.
    /// </summary>
    private static double FillRate(ImageDataset dataset, ModelCard card, string root, int threads)
    {
        var preprocessing = ReferencePreprocessing.Crop(dataset, card.Input.Width, card.Input.Height, new ImageDecoder(), card.ReferenceCrop);
        var pixels = PixelStore.Open(dataset, preprocessing, ImageDecoder.DefaultMinimumSide, new PixelCacheOptions(root))!;
        var cached = new PixelCachedPreprocessor(preprocessing, pixels, dataset);
        var clock = Stopwatch.StartNew();
        var n = dataset.Images.Count;
        for (var first = 0; first < n; first += pixels.ChunkImages)
        {
            var start = first;
            Parallel.For(start, Math.Min(n, start + pixels.ChunkImages), new ParallelOptions { MaxDegreeOfParallelism = threads },
                i => OrderedPreparer.Prepare(dataset.Images[i], i, cached, flip: false));
        }
        var rate = n / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {card.Id} fill pass: {rate:F1} img/s ({pixels.ChunksWritten} chunks written, holds all: {pixels.HoldsAll()}); load {LoadAverage.Now()}");
        return rate;
    }

    /// <summary>Images/s of a bare session on a pre-made random tensor, batches of <paramref name="batch"/>, for at least <paramref name="seconds"/>.</summary>
    internal static (double Rate, double CpuMs) BareRate(ModelCard card, string onnxPath, int threads, int batch, bool spin, double seconds)
    {
        using var session = OnnxSessionFactory.Create(onnxPath, threads, ExecutionDevice.Cpu, spin ? SpinningMode.On : SpinningMode.Off);
        var values = batch * card.Input.Width * card.Input.Height * 3;
        var tensor = new float[values];
        var rng = new Random(42);
        for (var i = 0; i < values; i++) tensor[i] = rng.Next(256);
        long[] shape = card.Input.Layout == TensorLayout.Nhwc
            ? [batch, card.Input.Height, card.Input.Width, 3]
            : [batch, 3, card.Input.Height, card.Input.Width];
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, shape);
        using var runOptions = new RunOptions();
        string[] inputNames = [card.Input.Name];
        string[] outputNames = [card.Output.Name];
        using (session.Run(runOptions, inputNames, [input], outputNames)) { } // warm-up
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var images = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            using var results = session.Run(runOptions, inputNames, [input], outputNames);
            images += batch;
        }
        return (images / clock.Elapsed.TotalSeconds, (Cpu() - cpu).TotalMilliseconds / images);
    }

    /// <summary>Decode (region decode of the reference crop) plus resize on one thread, first 500 images.</summary>
    private static double DecodeRate(ImageDataset dataset, int size)
    {
        var decoder = new ImageDecoder();
        var fraction = dataset.ReferenceCrop ?? 1.0;
        var preprocessing = size > 0 ? ReferencePreprocessing.Crop(dataset, size, size, decoder) : null;
        var count = Math.Min(500, dataset.Images.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (preprocessing is not null) preprocessing.Prepare(new ImageFile(dataset.Images[i].FullPath, dataset.Images[i].RelativePath));
            else decoder.DecodeCentral(dataset.Images[i].FullPath, fraction);
        }
        return count / clock.Elapsed.TotalSeconds;
    }
}
