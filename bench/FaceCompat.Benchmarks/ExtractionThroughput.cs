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
/// Side-by-side throughput of extraction against bare inference, per model, on the same machine and
/// threads: (1) a bare ONNX Runtime session (same ONNX file, same intra-op threads) running pre-made
/// input tensors of the extraction's batch size, and (2) the full pipeline (decode, crop, resize,
/// tensor fill, inference, chunk commits, final files) over LFW. Bare rate is measured before and after
/// the pipeline and averaged, so drift from a shared machine shows up as the spread between the two.
/// Also reports the decode + preprocess rate alone on one thread.
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- extraction-throughput --model faceapi [--limit-identities N] [--threads 2] [--batch 32]
/// </summary>
internal static class ExtractionThroughput
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var models = Arg("--model", "faceapi").Split(',');
        var threads = int.Parse(Arg("--threads", "2"), CultureInfo.InvariantCulture);
        var batch = int.Parse(Arg("--batch", "32"), CultureInfo.InvariantCulture);
        var decodeThreads = int.Parse(Arg("--decode-threads", Math.Max(1, Environment.ProcessorCount / 2).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var limit = Arg("--limit-identities", "");
        var subset = limit.Length > 0 ? IdentitySubset.First(int.Parse(limit, CultureInfo.InvariantCulture)) : null;
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(Arg("--data", "")), subset);
        var output = Path.Combine(Path.GetTempPath(), "facecompat-throughput-" + Environment.ProcessId);

        Console.WriteLine($"dataset {dataset.Name}: {dataset.Images.Count} images; {Environment.ProcessorCount} cores; ORT threads {threads}; decode threads {decodeThreads}; batch {batch}");
        DecodeRate(dataset, 112); // warm-up (JIT tiers)
        Console.WriteLine($"decode + crop + resize alone, 1 thread: {DecodeRate(dataset, 112):F1} img/s (to 112x112), {DecodeRate(dataset, 224):F1} img/s (to 224x224), {DecodeRate(dataset, 0):F1} img/s (decode only)");
        Console.WriteLine("model          bare ORT img/s (before/after)   pipeline img/s   ratio");
        try
        {
            foreach (var id in models)
            {
                var card = ModelCatalog.Get(id);
                var prepared = EmbedderFactory.Prepare(card);
                var before = BareRate(card, prepared.OnnxPath, threads, batch, TimeSpan.FromSeconds(20));
                var clock = Stopwatch.StartNew();
                var result = ModelExtraction.Run(dataset, card, new ExtractionOptions
                {
                    OutputRoot = output, BatchSize = batch, DecodeThreads = decodeThreads, Force = true,
                }, threads);
                var pipeline = dataset.Images.Count / clock.Elapsed.TotalSeconds;
                var after = BareRate(card, prepared.OnnxPath, threads, batch, TimeSpan.FromSeconds(20));
                var bare = (before + after) / 2;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,7:F1} ({2:F1}/{3:F1}){4,14:F1} {5,10:P0}   ({6} rows)",
                    id, bare, before, after, pipeline, pipeline / bare, result.Rows));
            }
        }
        finally
        {
            try { Directory.Delete(output, true); } catch (IOException) { }
        }
        return 0;
    }

    /// <summary>Images/s of a bare session on a pre-made random tensor, batches of <paramref name="batch"/>, for at least <paramref name="duration"/>.</summary>
    private static double BareRate(ModelCard card, string onnxPath, int threads, int batch, TimeSpan duration)
    {
        using var session = OnnxSessionFactory.Create(onnxPath, threads, ExecutionDevice.Cpu);
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
        var clock = Stopwatch.StartNew();
        var images = 0;
        while (clock.Elapsed < duration)
        {
            using var results = session.Run(runOptions, inputNames, [input], outputNames);
            images += batch;
        }
        return images / clock.Elapsed.TotalSeconds;
    }

    private static double DecodeRate(ImageDataset dataset, int size)
    {
        var decoder = new ImageDecoder();
        var preprocessing = dataset.Preprocessing(flip: false);
        var count = Math.Min(500, dataset.Images.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var decoded = decoder.Decode(dataset.Images[i].FullPath);
            if (decoded.Ok && size > 0) preprocessing.Apply(decoded.Image!, size, size);
        }
        return count / clock.Elapsed.TotalSeconds;
    }
}
