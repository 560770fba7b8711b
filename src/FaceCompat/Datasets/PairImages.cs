namespace FaceCompat.Datasets;

/// <summary>
/// Restricts a dataset to the images a verification protocol uses, so a protocol's accuracy can be
/// measured without embedding the whole dataset (LFW View 2 uses 7,701 of the 13,233 images). Optionally
/// only the first N same and first N different pairs of every fold, keeping all folds for the k-fold protocol.
/// </summary>
internal static class PairImages
{
    /// <summary>The first <paramref name="perFold"/> same and different pairs of each fold (all when null), in file order.</summary>
    public static IReadOnlyList<ImagePair> Take(IReadOnlyList<ImagePair> pairs, int? perFold)
    {
        if (perFold is null) return pairs;
        if (perFold <= 0) throw new Infrastructure.FaceCompatException($"Pairs per fold must be positive (got {perFold}).");
        var taken = new Dictionary<(int Fold, bool Same), int>();
        var result = new List<ImagePair>();
        foreach (var pair in pairs)
        {
            var key = (pair.Fold, pair.Same);
            var n = taken.GetValueOrDefault(key);
            if (n >= perFold) continue;
            taken[key] = n + 1;
            result.Add(pair);
        }
        return result;
    }

    /// <summary>The dataset's images named by the pairs, in dataset order; the name gets <paramref name="suffix"/>.</summary>
    public static ImageDataset Restrict(ImageDataset dataset, IReadOnlyList<ImagePair> pairs, string suffix)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            wanted.Add(pair.PathA);
            wanted.Add(pair.PathB);
        }
        var images = dataset.Images.Where(i => wanted.Contains(i.RelativePath)).ToList();
        var found = new HashSet<string>(images.Select(i => i.RelativePath), StringComparer.Ordinal);
        var problems = dataset.Problems.Concat(wanted.Where(p => !found.Contains(p)).Order(StringComparer.Ordinal)
            .Select(p => new ListingProblem(p, "named by the protocol but not found in the dataset"))).ToList();
        return new ImageDataset(dataset.Name + suffix, dataset.Root, images, dataset.ReferenceCrop, problems);
    }
}
