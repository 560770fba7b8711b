using System.Diagnostics;
using System.Globalization;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;

namespace FaceCompat.Benchmarks;

/// <summary>
/// CPU time per image of each step of the cold extraction path on one thread, over the first N LFW
/// images (files read once beforehand, so the disk is out of it): region decode of the reference crop,
/// resize to each size, and the whole <see cref="CropPreprocessor.Prepare"/>. Several rounds; the best round
/// of each step is printed (the machine is shared, the best round is the least disturbed).
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- decode-profile [--images 500] [--rounds 5]
/// </summary>
internal static class DecodeProfile
{
    public static int Run(string[] args)
    {
        var arg = new BenchArgs(args);
        var count = arg.Int("--images", 500);
        var rounds = arg.Int("--rounds", 5);
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(arg.Get("--data", "")));
        var images = dataset.Images.Take(count).Select(i => File.ReadAllBytes(i.FullPath)).ToArray();
        var fraction = dataset.ReferenceCrop ?? 1.0;
        var decoder = new ImageDecoder();
        var crops = images.Select(b => decoder.DecodeCentral(b, fraction).Image!).ToArray();
        var best = new Dictionary<string, double>();
        void Step(string name, Action<int> work)
        {
            var start = ThreadCpu();
            for (var i = 0; i < images.Length; i++) work(i);
            var ms = (ThreadCpu() - start).TotalMilliseconds / images.Length;
            best[name] = best.TryGetValue(name, out var b) ? Math.Min(b, ms) : ms;
        }
        for (var r = 0; r < rounds; r++)
        {
            Step("region decode of the crop", i => decoder.DecodeCentral(images[i], fraction));
            Step("whole decode", i => decoder.Decode(images[i]));
            Step("resize crop -> 112", i => ImageResizer.Resize(crops[i], 112, 112));
            Step("resize crop -> 224", i => ImageResizer.Resize(crops[i], 224, 224));
            Step("decode + resize -> 112 (Load, from bytes)", i =>
            {
                var d = decoder.DecodeCentral(images[i], fraction);
                ImageResizer.Resize(d.Image!, 112, 112);
            });
        }
        Console.WriteLine($"{images.Length} LFW images, best of {rounds} rounds, CPU ms per image on one thread; load {LoadAverage.Now()}");
        foreach (var (name, ms) in best) Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-45} {1:F3} ms", name, ms));
        return 0;
    }

    // Process CPU time: the steps run on this one thread (background JIT and GC add a little).
    private static TimeSpan ThreadCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
