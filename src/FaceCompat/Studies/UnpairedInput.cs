using FaceCompat.Numerics;

namespace FaceCompat.Studies;

/// <summary>Which train rows an unpaired map sees from each model (paired maps always see every train image from both).</summary>
public enum UnpairedInput
{
    /// <summary>Source rows of one half of the train identities, target rows of the other half: no person on both sides.</summary>
    DisjointPeople,

    /// <summary>The same people, different images: each train identity with at least two images gives half its images to each side (identities with one image are left out).</summary>
    DifferentImages,

    /// <summary>Every train image on both sides (still unordered: the map never learns which row is which).</summary>
    SameImages,
}

internal static class UnpairedInputs
{
    /// <summary>The name in files and on the command line, e.g. "disjoint-people".</summary>
    public static string Name(this UnpairedInput input) => input switch
    {
        UnpairedInput.DisjointPeople => "disjoint-people",
        UnpairedInput.DifferentImages => "different-images",
        _ => "same-images",
    };

    public static UnpairedInput? Parse(string text) =>
        Enum.GetValues<UnpairedInput>().Select(v => (UnpairedInput?)v).FirstOrDefault(v => v!.Value.Name() == text.Trim().ToLowerInvariant());

    /// <summary>
    /// The positions (into <paramref name="identities"/>, one per train row) of the source side's and the target side's
    /// rows. Halves are drawn with numpy's <c>RandomState(seed)</c>: a permutation of the sorted identities (disjoint
    /// people), or of each identity's images in turn (different images).
    /// </summary>
    public static (int[] Source, int[] Target) Partition(IReadOnlyList<string> identities, UnpairedInput input, int seed)
    {
        var all = Enumerable.Range(0, identities.Count).ToArray();
        if (input == UnpairedInput.SameImages) return (all, all);
        var random = new NumpyRandomState(unchecked((uint)seed));
        var byIdentity = all.GroupBy(i => identities[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToArray()).ToArray();
        List<int> source = [], target = [];
        if (input == UnpairedInput.DisjointPeople)
        {
            var order = random.Permutation(byIdentity.Length);
            for (var p = 0; p < order.Length; p++) (p < order.Length / 2 ? source : target).AddRange(byIdentity[order[p]]);
        }
        else
        {
            foreach (var images in byIdentity.Where(g => g.Length >= 2))
            {
                var order = random.Permutation(images.Length);
                for (var p = 0; p < order.Length; p++) (p % 2 == 0 ? source : target).Add(images[order[p]]);
            }
        }
        source.Sort();
        target.Sort();
        return (source.ToArray(), target.ToArray());
    }
}
