using System.Globalization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Datasets;

/// <summary>
/// Parses LFW's <c>pairs.txt</c> (also <c>pairsDevTrain/Test.txt</c>): a header "folds pairsPerFold"
/// (or just "pairs" for View 1), then per fold the matched pairs "name n1 n2" followed by the
/// mismatched pairs "name1 n1 name2 n2". Paths are relative to the lfw folder.
/// </summary>
internal static class LfwPairsParser
{
    public static IReadOnlyList<ImagePair> Parse(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"LFW pairs file not found: {path}");
        return Parse(File.ReadAllLines(path), path);
    }

    public static IReadOnlyList<ImagePair> Parse(IReadOnlyList<string> lines, string source = "pairs.txt")
    {
        var content = lines.Select((text, i) => (Text: text.Trim(), Line: i + 1)).Where(l => l.Text.Length > 0).ToList();
        if (content.Count == 0) throw new FaceCompatException($"{source}: empty pairs file.");
        var header = Split(content[0].Text);
        int folds, perFold;
        if (header.Length == 2) { folds = Int(header[0], source, 1); perFold = Int(header[1], source, 1); }
        else if (header.Length == 1) { folds = 1; perFold = Int(header[0], source, 1); }
        else throw new FaceCompatException($"{source}:1: expected a header 'folds pairsPerFold'.");
        if (folds <= 0 || perFold <= 0) throw new FaceCompatException($"{source}:1: fold and pair counts must be positive.");
        var expected = 1 + folds * perFold * 2;
        if (content.Count != expected)
            throw new FaceCompatException($"{source}: expected {expected - 1} pair lines ({folds} folds x {perFold} matched + {perFold} mismatched), found {content.Count - 1}.");

        var pairs = new List<ImagePair>(folds * perFold * 2);
        var at = 1;
        for (var fold = 1; fold <= folds; fold++)
        {
            for (var i = 0; i < perFold; i++, at++)
            {
                var (text, line) = content[at];
                var f = Split(text);
                if (f.Length != 3) throw new FaceCompatException($"{source}:{line}: expected a matched pair 'name n1 n2', got '{text}'.");
                pairs.Add(new ImagePair(LfwDataset.ImagePath(f[0], Int(f[1], source, line)), LfwDataset.ImagePath(f[0], Int(f[2], source, line)), true, fold));
            }
            for (var i = 0; i < perFold; i++, at++)
            {
                var (text, line) = content[at];
                var f = Split(text);
                if (f.Length != 4) throw new FaceCompatException($"{source}:{line}: expected a mismatched pair 'name1 n1 name2 n2', got '{text}'.");
                pairs.Add(new ImagePair(LfwDataset.ImagePath(f[0], Int(f[1], source, line)), LfwDataset.ImagePath(f[2], Int(f[3], source, line)), false, fold));
            }
        }
        return pairs;
    }

    internal static string[] Split(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    internal static int Int(string text, string source, int line) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FaceCompatException($"{source}:{line}: '{text}' is not a non-negative integer.");
}
