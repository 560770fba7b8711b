using System.Globalization;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Evidence for a card's colour order: verification on the first fold(s) of LFW View-2 (pairs.txt,
/// central 60% crop, bilinear resize) with the card as written and with RGB/BGR swapped, reported as
/// ROC AUC and the best single-threshold accuracy on those pairs. Run:
/// dotnet run -c Release --project bench/FaceCompat.Benchmarks -- colour-order-check [folds] [models...]
/// </summary>
internal static class ColourOrderCheck
{
    public static void Run(string[] args)
    {
        var folds = args.Length > 0 && int.TryParse(args[0], out var f) ? f : 1;
        var models = args.Length > 1 ? args[1..] : ["faceres", "faceres-deep"];
        var lfw = Path.Combine(FaceCompatPaths.DataRoot(), "lfw");
        var pairs = ReadPairs(Path.Combine(lfw, "pairs.txt"), folds);
        var paths = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        Console.WriteLine($"LFW View-2 first {folds} fold(s): {pairs.Count} pairs, {paths.Count} images");
        Console.WriteLine("| model | colour order | ROC AUC | best-threshold accuracy |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var id in models)
        {
            var card = ModelCatalog.Get(id);
            var images = paths.Select(p => CentralCrop(Path.Combine(lfw, "lfw-deepfunneled", p), card.Input.Width)).ToList();
            var prepared = EmbedderFactory.Prepare(card);
            foreach (var colour in new[] { card.Input.Colour, card.Input.Colour == ColourOrder.Rgb ? ColourOrder.Bgr : ColourOrder.Rgb })
            {
                var variant = card with { Input = card.Input with { Colour = colour } };
                using var embedder = new OnnxEmbedder(variant, prepared.OnnxPath, new EmbedderOptions { BatchSize = 16, Threads = 2 });
                var e = new float[images.Count * card.Dimension];
                embedder.Embed(images, e);
                var scores = pairs.Select(p => Dot(e.AsSpan(index[p.A] * card.Dimension, card.Dimension), e.AsSpan(index[p.B] * card.Dimension, card.Dimension))).ToArray();
                var same = pairs.Select(p => p.Same).ToArray();
                var mark = colour == card.Input.Colour ? " (card)" : "";
                Console.WriteLine($"| {id} | {colour.ToString().ToUpperInvariant()}{mark} | {Auc(scores, same):F4} | {BestAccuracy(scores, same):P1} |");
            }
        }
    }

    internal static List<(string A, string B, bool Same)> ReadPairs(string path, int folds)
    {
        var lines = File.ReadAllLines(path);
        var perSet = int.Parse(lines[0].Split('\t')[1], CultureInfo.InvariantCulture);
        string Image(string name, string n) => $"{name}/{name}_{int.Parse(n, CultureInfo.InvariantCulture):D4}.jpg";
        var result = new List<(string, string, bool)>();
        foreach (var line in lines.Skip(1).Take(folds * 2 * perSet))
        {
            var t = line.Split('\t');
            result.Add(t.Length == 3 ? (Image(t[0], t[1]), Image(t[0], t[2]), true) : (Image(t[0], t[1]), Image(t[2], t[3]), false));
        }
        return result;
    }

    private static RgbImage CentralCrop(string path, int size)
    {
        var decoded = new ImageDecoder().Decode(path);
        var image = decoded.Image ?? throw new InvalidOperationException($"Cannot decode {path}: {decoded.SkipReason}");
        return new CropPreprocessor(Datasets.LfwDataset.ReferenceCrop, size, size).Apply(image);
    }

    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return (float)s;
    }

    // Probability that a random genuine pair scores above a random impostor pair (ties count half).
    internal static double Auc(float[] scores, bool[] same)
    {
        double wins = 0;
        long n = 0;
        for (var i = 0; i < scores.Length; i++)
            if (same[i])
                for (var j = 0; j < scores.Length; j++)
                    if (!same[j]) { wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0; n++; }
        return wins / n;
    }

    internal static double BestAccuracy(float[] scores, bool[] same)
    {
        var best = 0;
        foreach (var t in scores)
        {
            var correct = 0;
            for (var i = 0; i < scores.Length; i++) if ((scores[i] >= t) == same[i]) correct++;
            best = Math.Max(best, correct);
        }
        return (double)best / scores.Length;
    }
}
