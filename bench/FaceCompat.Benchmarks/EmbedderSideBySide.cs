using System.Diagnostics;
using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Benchmarks;

/// <summary>
/// The same comparison as <see cref="EmbedderBenchmarks"/>, made robust to a machine shared with other
/// jobs: the bare ORT session and the OnnxEmbedder run alternately, batch after batch, in one process,
/// and the median time of each is reported as images/s. Run:
/// dotnet run -c Release --project bench/FaceCompat.Benchmarks -- embedder-side-by-side [rounds] [models...]
/// </summary>
internal static class EmbedderSideBySide
{
    public static void Run(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 15;
        var models = args.Length > 1 ? args[1..] : ["mobileface", "mobilefacenet", "faceapi", "faceres", "faceres-deep", "resnet18"];
        const int threads = 2;
        Console.WriteLine($"threads={threads} rounds={rounds} cores={Environment.ProcessorCount}");
        Console.WriteLine("| model | batch | bare ORT images/s | OnnxEmbedder images/s | embedder / bare |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var id in models)
        {
            var card = ModelCatalog.Get(id);
            var prepared = EmbedderFactory.Prepare(card);
            foreach (var batch in new[] { 1, 32 })
            {
                var rng = new Random(42);
                var images = Enumerable.Range(0, batch).Select(_ =>
                {
                    var pixels = new byte[card.Input.Width * card.Input.Height * 3];
                    rng.NextBytes(pixels);
                    return new RgbImage(card.Input.Width, card.Input.Height, pixels);
                }).ToList();
                using var embedder = new OnnxEmbedder(card, prepared.OnnxPath, new EmbedderOptions { BatchSize = batch, Threads = threads });
                var pre = new TensorPreprocessor(card.Input);
                var tensor = new float[batch * pre.ValuesPerImage];
                for (var i = 0; i < batch; i++) pre.Fill(images[i], tensor.AsSpan(i * pre.ValuesPerImage, pre.ValuesPerImage));
                using var bare = OnnxSessionFactory.Create(prepared.OnnxPath, threads, ExecutionDevice.Cpu);
                using var input = OrtValue.CreateTensorValueFromMemory(tensor, embedder.InputShape(batch));
                using var runOptions = new RunOptions();
                var output = new float[batch * card.Dimension];
                string[] inputNames = [card.Input.Name], outputNames = [card.Output.Name];

                void Bare() { using var res = bare.Run(runOptions, inputNames, [input], outputNames); }
                void Ours() => embedder.Embed(images, output);
                Bare(); Ours(); Bare(); Ours(); // warm-up
                var bareTimes = new List<double>();
                var ourTimes = new List<double>();
                var perRound = batch == 1 ? 10 : 1;
                for (var k = 0; k < rounds; k++)
                {
                    bareTimes.Add(Time(Bare, perRound));
                    ourTimes.Add(Time(Ours, perRound));
                }
                var bareRate = batch / Median(bareTimes);
                var ourRate = batch / Median(ourTimes);
                Console.WriteLine($"| {id} | {batch} | {bareRate:F1} | {ourRate:F1} | {ourRate / bareRate:P0} |");
            }
        }
    }

    private static double Time(Action action, int repeat)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < repeat; i++) action();
        return sw.Elapsed.TotalSeconds / repeat;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
