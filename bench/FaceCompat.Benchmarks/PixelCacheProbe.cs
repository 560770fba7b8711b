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
        var preprocessing = ReferencePreprocessing.Crop(dataset, card.Input.Width, card.Input.Height, new ImageDecoder(), card.ReferenceCrop);
        var root = Path.Combine(Path.GetTempPath(), "facecompat-pixelprobe-" + Environment.ProcessId);
        try
        {
            var (w, h) = (card.Input.Width, card.Input.Height);
            var options = new PixelCacheOptions(root);
            var fill = new PixelCachedPreprocessor(preprocessing, PixelStore.Open(dataset, preprocessing, ImageDecoder.DefaultMinimumSide, options)!, dataset);
            for (var i = 0; i < dataset.Images.Count; i++)
                OrderedPreparer.Prepare(dataset.Images[i], i, fill, flip: false);
            var tensor = new TensorPreprocessor(card.Input);
            var buffer = new float[tensor.ValuesPerImage];
            for (var round = 0; round < 3; round++)
            {
                var pixels = PixelStore.Open(dataset, preprocessing, ImageDecoder.DefaultMinimumSide, options)!;
                var store = new PixelCachedPreprocessor(preprocessing, pixels, dataset);
                var read = 0L;
                var filled = 0L;
                for (var i = 0; i < dataset.Images.Count; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var item = OrderedPreparer.Prepare(dataset.Images[i], i, store, flip: false);
                    var t1 = Stopwatch.GetTimestamp();
                    tensor.Fill(item.Input!, buffer);
                    filled += Stopwatch.GetTimestamp() - t1;
                    read += t1 - t0;
                }
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: read from the pixel cache {1:F1} us/img, tensor fill {2:F1} us/img ({3} hits); load {4}",
                    card.Id, Stopwatch.GetElapsedTime(0, read).TotalMicroseconds / n, Stopwatch.GetElapsedTime(0, filled).TotalMicroseconds / n, pixels.Hits,
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
