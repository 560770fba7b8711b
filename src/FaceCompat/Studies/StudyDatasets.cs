using FaceCompat.Datasets;
using FaceCompat.Infrastructure;
using FaceCompat.Studies.Config;

namespace FaceCompat.Studies;

/// <summary>The image listing of a study dataset, restricted to the identities its configuration keeps.</summary>
internal static class StudyDatasets
{
    /// <summary>
    /// Lists a dataset's images (cfp-frontal: CFP's frontal images only) and keeps the identities
    /// <see cref="SelectIdentities"/> chooses; a restricted listing gets a name suffix, so its cached
    /// embeddings never mix with the full dataset's.
    /// </summary>
    public static ImageDataset Images(StudyDataset dataset, string? dataRoot)
    {
        var listing = DatasetCatalog.Resolve(dataset.Source, dataRoot);
        if (!dataset.IsSubset) return listing;
        var keep = SelectIdentities(listing.Images.Select(i => i.Identity).ToList(), dataset).ToHashSet(StringComparer.Ordinal);
        var suffix = IdentitySubset.FromNames(keep).Suffix;
        return new ImageDataset(listing.Name + suffix, listing.Root, listing.Images.Where(i => keep.Contains(i.Identity)).ToList(),
            listing.ReferenceCrop, listing.Problems);
    }

    /// <summary>
    /// The identities kept from per-row identities: those with at least MinImages and (when set) at most
    /// MaxImages rows, then the first <see cref="StudyDataset.Identities"/> in ordinal order (0 = all).
    /// </summary>
    public static IReadOnlyList<string> SelectIdentities(IReadOnlyList<string> rowIdentities, StudyDataset dataset)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in rowIdentities) counts[id] = counts.GetValueOrDefault(id) + 1;
        var eligible = counts.Where(c => c.Value >= dataset.MinImages && (dataset.MaxImages == 0 || c.Value <= dataset.MaxImages))
            .Select(c => c.Key);
        var chosen = (dataset.Identities > 0 ? eligible.Take(dataset.Identities) : eligible).ToList();
        if (chosen.Count < 2)
            throw new FaceCompatException($"Dataset {dataset.Name}: only {chosen.Count} identit{(chosen.Count == 1 ? "y" : "ies")} left after min_images/max_images/identities; a study needs more.");
        return chosen;
    }
}
