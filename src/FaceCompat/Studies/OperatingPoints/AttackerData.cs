using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Studies;

/// <summary>
/// The fit-set rows an attacker with k identities holds, for the exposure scenario's data-efficiency grid: the fit set's
/// identities sorted ordinally, permuted by numpy's <c>RandomState(seed).permutation</c>, the first k kept, and every
/// row of those identities in file order (so k = all identities gives exactly the full fit set's rows).
/// </summary>
internal static class AttackerData
{
    public static int[] Rows(IReadOnlyList<string> rowIdentities, int identities, int seed)
    {
        var ids = SortedIdentities(rowIdentities);
        RequireSize(identities, ids.Length);
        var kept = new NumpyRandomState((uint)seed).Permutation(ids.Length).Take(identities).Select(i => ids[i]).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, rowIdentities.Count).Where(r => kept.Contains(rowIdentities[r])).ToArray();
    }

    /// <summary>Refuses, before any fit, a grid size the fit set cannot supply.</summary>
    public static void RequireSizes(IReadOnlyList<string> rowIdentities, IEnumerable<int> identities)
    {
        var available = rowIdentities.Distinct(StringComparer.Ordinal).Count();
        foreach (var k in identities) RequireSize(k, available);
    }

    private static string[] SortedIdentities(IReadOnlyList<string> rowIdentities) =>
        rowIdentities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private static void RequireSize(int identities, int available)
    {
        if (identities < 1 || identities > available)
            throw new FaceCompatException($"The attacker's data grid asks for {identities} identities, but the fit set has {available}; " +
                $"choose sizes from 1 to {available}.");
    }
}
