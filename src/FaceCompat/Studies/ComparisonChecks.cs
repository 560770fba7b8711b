using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>What a split must give a comparison, checked before any work is done.</summary>
internal static class ComparisonChecks
{
    /// <summary>Train rows for the map; at least two test identities, one of them with two images (a genuine pair).</summary>
    public static void RequireEvaluableSplit(string label, int trainRows, IReadOnlyList<string> testRowIdentities)
    {
        if (trainRows == 0) throw new FaceCompatException($"The {label} has no training rows.");
        if (testRowIdentities.Count == 0) throw new FaceCompatException($"The {label} has no test rows (empty test identity set).");
        var counts = testRowIdentities.GroupBy(s => s, StringComparer.Ordinal).Select(g => g.Count()).ToArray();
        if (counts.Length < 2)
            throw new FaceCompatException($"The {label} has a single test identity: identification and verification need at least two.");
        if (counts.All(c => c < 2))
            throw new FaceCompatException($"The {label} has no test identity with two images: verification has no genuine pair.");
    }
}
