using FaceCompat.Infrastructure;

namespace FaceCompat.Datasets;

/// <summary>
/// LFW deep-funneled under <c>&lt;data&gt;/lfw</c>: <c>lfw-deepfunneled/&lt;Name&gt;/&lt;Name&gt;_NNNN.jpg</c>
/// plus the official protocol files. Relative paths are relative to the lfw folder.
/// </summary>
public static class LfwDataset
{
    public const string Name = "lfw";
    public const string ImagesFolder = "lfw-deepfunneled";

    /// <summary>The reference crop: the central 60% of each side of the 250x250 deep-funneled frame.</summary>
    public const double ReferenceCrop = 0.6;

    /// <summary>The lfw folder under a data root (see <see cref="FaceCompatPaths.DataRoot"/>).</summary>
    public static string RootUnder(string dataRoot) => Path.Combine(dataRoot, "lfw");

    public static ImageDataset Load(string dataRoot, IdentitySubset? subset = null)
    {
        var root = RequireRoot(dataRoot);
        var (images, problems) = ImageFolderDataset.List(root, Path.Combine(root, ImagesFolder), subset);
        if (images.Count == 0) throw new FaceCompatException($"No LFW images found under {Path.Combine(root, ImagesFolder)}.");
        return new ImageDataset(Name + (subset?.Suffix ?? ""), root, images, ReferenceCrop, problems);
    }

    /// <summary>The relative path of image <paramref name="number"/> (1-based) of a person.</summary>
    public static string ImagePath(string person, int number) => $"{ImagesFolder}/{person}/{person}_{number:D4}.jpg";

    /// <summary>View 2 pairs from <c>pairs.txt</c> (10 folds x 300 matched + 300 mismatched).</summary>
    internal static IReadOnlyList<ImagePair> ReadPairs(string dataRoot) =>
        LfwPairsParser.Parse(Path.Combine(RequireRoot(dataRoot), "pairs.txt"));

    /// <summary>View 2 people from <c>people.txt</c>.</summary>
    internal static IReadOnlyList<LfwPerson> ReadPeople(string dataRoot) =>
        LfwPeopleParser.Parse(Path.Combine(RequireRoot(dataRoot), "people.txt"));

    private static string RequireRoot(string dataRoot)
    {
        var root = RootUnder(Path.GetFullPath(dataRoot));
        if (!Directory.Exists(Path.Combine(root, ImagesFolder)))
            throw new FaceCompatException($"LFW not found: expected {Path.Combine(root, ImagesFolder)} (set the data root, or the {FaceCompatPaths.DataVariable} environment variable).", UserHint.DataRoot);
        return root;
    }
}
