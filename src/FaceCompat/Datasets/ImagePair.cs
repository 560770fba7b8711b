namespace FaceCompat.Datasets;

/// <summary>
/// A verification pair of a protocol (LFW View 2, CFP FF/FP): two images by relative path, whether they
/// show the same identity, and the fold (1-based) the pair belongs to.
/// </summary>
internal sealed record ImagePair(string PathA, string PathB, bool Same, int Fold);

internal static class ImagePairs
{
    /// <summary>
    /// Resolves pairs to row indices through the rows' relative paths. Pairs naming an image that has no
    /// row (skipped as bad, or outside a subset) are returned apart, never silently dropped.
    /// </summary>
    public static (IReadOnlyList<Evaluation.VerificationPair> Pairs, IReadOnlyList<ImagePair> Unresolved) ToIndices(
        IReadOnlyList<ImagePair> pairs, IReadOnlyList<string> rowPaths)
    {
        var index = new Dictionary<string, int>(rowPaths.Count, StringComparer.Ordinal);
        for (var i = 0; i < rowPaths.Count; i++) index.TryAdd(rowPaths[i], i);
        var resolved = new List<Evaluation.VerificationPair>(pairs.Count);
        var missing = new List<ImagePair>();
        foreach (var pair in pairs)
        {
            if (index.TryGetValue(pair.PathA, out var a) && index.TryGetValue(pair.PathB, out var b))
                resolved.Add(new Evaluation.VerificationPair(a, b, pair.Same, pair.Fold));
            else
                missing.Add(pair);
        }
        return (resolved, missing);
    }
}
