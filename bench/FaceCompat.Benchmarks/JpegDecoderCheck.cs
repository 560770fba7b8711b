using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Every image of LFW and CFP (frontal and profile) decoded by Skia and by the system TurboJPEG library
/// (<see cref="TurboJpeg"/>), whole and as the reference crop: the pixels must be equal byte for byte.
/// Prints the counts and the first differing files; exit code 1 when any differs.
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- jpeg-decoder-check [--every N]
/// </summary>
internal static class JpegDecoderCheck
{
    public static int Run(string[] args)
    {
        var arg = new BenchArgs(args);
        var every = arg.Int("--every", 1);
        if (!TurboJpeg.Available) throw new FaceCompatException("libturbojpeg.so.0 is not available (run scripts/bootstrap.sh).");
        var root = FaceCompatPaths.DataRoot(arg.Get("--data", ""));
        var decoder = new ImageDecoder();
        var (compared, differing, turboRefused) = (0, 0, 0);
        foreach (var dataset in new[] { LfwDataset.Load(root), CfpDataset.Load(root) })
        {
            for (var i = 0; i < dataset.Images.Count; i += every)
            {
                var path = dataset.Images[i].FullPath;
                var bytes = File.ReadAllBytes(path);
                var skia = ImageDecoder.DecodeWithSkia(bytes);
                if (!skia.Ok) continue;
                var image = skia.Image!;
                var rgb = new byte[image.Pixels.Length];
                if (!TurboJpeg.TryDecodeRgb(bytes, image.Width, image.Height, rgb))
                {
                    turboRefused++;
                    continue;
                }
                var same = rgb.AsSpan().SequenceEqual(image.Pixels)
                    && decoder.DecodeCentral(bytes, 0.6).Image!.Pixels.AsSpan().SequenceEqual(ImageOps.CropCentral(image, 0.6).Pixels);
                compared++;
                if (!same && ++differing <= 10) Console.WriteLine($"differs: {dataset.Name} {dataset.Images[i].RelativePath}");
            }
            Console.WriteLine($"{dataset.Name}: done ({compared} compared so far)");
        }
        Console.WriteLine($"{compared} images compared, {differing} differ, {turboRefused} refused by TurboJPEG (decoded by Skia instead)");
        return differing == 0 ? 0 : 1;
    }
}
