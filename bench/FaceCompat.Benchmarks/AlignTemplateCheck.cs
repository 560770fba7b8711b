using System.Globalization;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Benchmarks;

/// <summary>
/// How sensitive a model's aligned accuracy is to the alignment it is given: verification on the first
/// fold(s) of LFW View-2 with the faces warped (cached landmarks) onto the card's template, and onto that
/// template zoomed about its centre, shifted vertically, and with the colour order swapped. A model whose
/// accuracy peaks away from the card's template was trained on another alignment. Run:
/// dotnet run -c Release --project bench/FaceCompat.Benchmarks -- align-template-check [folds] [models...]
/// </summary>
internal static class AlignTemplateCheck
{
    public static void Run(string[] args)
    {
        var folds = args.Length > 0 && int.TryParse(args[0], out var f) ? f : 1;
        var models = args.Length > 1 ? args[1..] : ["mobileface"];
        var root = FaceCompatPaths.DataRoot();
        var lfw = LfwDataset.Load(root);
        var landmarks = LandmarkCache.GetOrCompute(lfw, Aligner.Mesh, 2);
        var pairs = ColourOrderCheck.ReadPairs(Path.Combine(root, "lfw", "pairs.txt"), folds);
        var paths = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var decoder = new ImageDecoder();
        var images = paths.Select(p => decoder.Decode(Path.Combine(lfw.Root, "lfw-deepfunneled", p)).Image
            ?? throw new InvalidOperationException($"Cannot decode {p}")).ToList();
        var points = paths.Select(p => landmarks.Find("lfw-deepfunneled/" + p)?.Landmarks
            ?? throw new InvalidOperationException($"No landmarks for {p}")).ToList();
        Console.WriteLine($"LFW View-2 first {folds} fold(s): {pairs.Count} pairs, {paths.Count} images, landmarks {landmarks.File}");
        Console.WriteLine("| model | template | colour | ROC AUC | best-threshold accuracy |");
        Console.WriteLine("|---|---|---|---:|---:|");
        foreach (var id in models)
        {
            var card = ModelCatalog.Get(id);
            var (w, h) = (card.Input.Width, card.Input.Height);
            var template = FaceAligner.TemplateFor(card, w, h);
            var prepared = EmbedderFactory.Prepare(card);
            var other = card.Input.Colour == ColourOrder.Rgb ? ColourOrder.Bgr : ColourOrder.Rgb;
            var variants = new List<(string Name, float[] Template, ColourOrder Colour)>
            {
                ("card", template, card.Input.Colour),
                ("card", template, other),
            };
            foreach (var zoom in new[] { 0.85f, 0.92f, 1.08f, 1.15f }) variants.Add(($"zoom {zoom:0.00}", Zoom(template, zoom), card.Input.Colour));
            foreach (var dy in new[] { -0.04f, 0.04f }) variants.Add(($"shift {dy * 100:+0;-0}% of height", Shift(template, dy * h), card.Input.Colour));
            foreach (var (name, t, colour) in variants)
            {
                var aligned = images.Select((image, i) => FaceAligner.Align(image, points[i], t, w, h)).ToList();
                using var embedder = new OnnxEmbedder(card with { Input = card.Input with { Colour = colour } }, prepared.OnnxPath,
                    new EmbedderOptions { BatchSize = 16, Threads = 2 });
                var e = new float[aligned.Count * card.Dimension];
                embedder.Embed(aligned, e);
                var d = card.Dimension;
                var scores = pairs.Select(p => ColourOrderCheck.Dot(e.AsSpan(index[p.A] * d, d), e.AsSpan(index[p.B] * d, d))).ToArray();
                var same = pairs.Select(p => p.Same).ToArray();
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2}{3} | {4:F4} | {5:P1} |", id, name,
                    colour.ToString().ToUpperInvariant(), colour == card.Input.Colour ? " (card)" : "",
                    ColourOrderCheck.Auc(scores, same), ColourOrderCheck.BestAccuracy(scores, same)));
            }
        }
    }

    /// <summary>The template scaled by <paramref name="zoom"/> about its centroid (zoom &gt; 1: the face fills more of the input).</summary>
    private static float[] Zoom(float[] template, float zoom)
    {
        var n = template.Length / 2;
        float cx = 0, cy = 0;
        for (var i = 0; i < n; i++) { cx += template[2 * i] / n; cy += template[2 * i + 1] / n; }
        var result = new float[template.Length];
        for (var i = 0; i < n; i++)
        {
            result[2 * i] = cx + zoom * (template[2 * i] - cx);
            result[2 * i + 1] = cy + zoom * (template[2 * i + 1] - cy);
        }
        return result;
    }

    private static float[] Shift(float[] template, float dy)
    {
        var result = (float[])template.Clone();
        for (var i = 1; i < result.Length; i += 2) result[i] += dy;
        return result;
    }
}
