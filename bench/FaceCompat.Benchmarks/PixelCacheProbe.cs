using System.Diagnostics;
using System.Globalization;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Per-image cost of the warm path on one thread: reading the pixel cache (chunk loads with their
/// checks, then a copy per image) and filling the model's tensor, over the first N LFW images.
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- pixel-cache-probe [--model mobileface] [--images 3000]
/// </summary>
internal static class PixelCacheProbe
{
    public static int Run(string[] args)
    {
        var arg = new BenchArgs(args);
        var card = ModelCatalog.Get(arg.Get("--model", "mobileface"));
        var n = arg.Int("--images", 3000);
        var dataset = BenchDatasets.FirstImages(LfwDataset.Load(FaceCompatPaths.DataRoot(arg.Get("--data", ""))), n);
        var preprocessing = ModelExtraction.PreprocessingFor(dataset, card, false);
        var root = Path.Combine(Path.GetTempPath(), "facecompat-pixelprobe-" + Environment.ProcessId);
        try
        {
            var (w, h) = (card.Input.Width, card.Input.Height);
            var options = new PixelCacheOptions(root);
            var decoder = new ImageDecoder();
            var fill = PixelStore.Open(dataset, preprocessing, w, h, ImageDecoder.DefaultMinimumSide, options)!;
            for (var i = 0; i < dataset.Images.Count; i++)
                OrderedPreparer.PrepareOrReuse(dataset.Images[i], i, decoder, preprocessing, w, h, fill);
            var tensor = new TensorPreprocessor(card.Input);
            var buffer = new float[tensor.ValuesPerImage];
            for (var round = 0; round < 3; round++)
            {
                var store = PixelStore.Open(dataset, preprocessing, w, h, ImageDecoder.DefaultMinimumSide, options)!;
                var read = 0L;
                var filled = 0L;
                for (var i = 0; i < dataset.Images.Count; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var item = OrderedPreparer.PrepareOrReuse(dataset.Images[i], i, decoder, preprocessing, w, h, store);
                    var t1 = Stopwatch.GetTimestamp();
                    tensor.Fill(item.Input!, buffer);
                    filled += Stopwatch.GetTimestamp() - t1;
                    read += t1 - t0;
                }
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: read from the pixel cache {1:F1} us/img, tensor fill {2:F1} us/img ({3} hits); load {4}",
                    card.Id, Stopwatch.GetElapsedTime(0, read).TotalMicroseconds / n, Stopwatch.GetElapsedTime(0, filled).TotalMicroseconds / n, store.Hits,
                    LoadAverage.Now()));
            }
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
        return 0;
    }
}
