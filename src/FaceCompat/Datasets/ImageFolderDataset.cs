using FaceCompat.Infrastructure;

namespace FaceCompat.Datasets;

/// <summary>
/// Any folder with one sub-folder per identity. Every regular, non-hidden file inside an identity
/// folder (recursively) is listed; files that are not usable images are skipped at decode time with a
/// reason. Folders that cannot be read and files outside any identity folder are listing problems.
/// </summary>
public static class ImageFolderDataset
{
    public static ImageDataset Load(string folder, IdentitySubset? subset = null, string? name = null,
        double? referenceCrop = null)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new FaceCompatException($"Image folder not found: {root}");
        name ??= DefaultName(root);
        var (images, problems) = List(root, root, subset);
        if (images.Count == 0)
            throw new FaceCompatException($"No images found in {root}: expected one sub-folder per identity.");
        return new ImageDataset(name + (subset?.Suffix ?? ""), root, images, referenceCrop, problems);
    }

    /// <summary>The folder's name plus a short hash of its full path, so two folders called "faces" differ.</summary>
    public static string DefaultName(string root)
    {
        var leaf = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        var safe = new string(leaf.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)));
        return $"{(safe.Length == 0 ? "folder" : safe)}-{hash[..8]}";
    }

    /// <summary>Lists identity folders under <paramref name="imagesDir"/>; paths relative to <paramref name="datasetRoot"/>.</summary>
    internal static (List<DatasetImage> Images, List<ListingProblem> Problems) List(string datasetRoot, string imagesDir, IdentitySubset? subset)
    {
        var problems = new List<ListingProblem>();
        var identities = new List<string>();
        foreach (var entry in SafeEntries(imagesDir, datasetRoot, problems))
        {
            var leaf = Path.GetFileName(entry);
            if (leaf.StartsWith('.')) continue;
            if (Directory.Exists(entry)) identities.Add(leaf);
            else if (!File.Exists(entry)) problems.Add(new ListingProblem(Relative(datasetRoot, entry), "not a regular file or folder (broken link?)"));
            else problems.Add(new ListingProblem(Relative(datasetRoot, entry), "file outside any identity folder, ignored"));
        }
        identities.Sort(StringComparer.Ordinal);
        var chosen = subset?.Select(identities) ?? identities;
        var images = new List<DatasetImage>();
        foreach (var identity in chosen)
            CollectFiles(Path.Combine(imagesDir, identity), identity, datasetRoot, images, problems);
        return (images, problems);
    }

    private static void CollectFiles(string dir, string identity, string datasetRoot, List<DatasetImage> images, List<ListingProblem> problems)
    {
        var files = new List<string>();
        var subdirs = new List<string>();
        foreach (var entry in SafeEntries(dir, datasetRoot, problems))
        {
            if (Path.GetFileName(entry).StartsWith('.')) continue;
            if (Directory.Exists(entry))
            {
                // Linked folders are not followed: a link back up the tree would list files forever.
                if (new DirectoryInfo(entry).LinkTarget is not null)
                    problems.Add(new ListingProblem(Relative(datasetRoot, entry), "link to a folder, not followed"));
                else subdirs.Add(entry);
            }
            else if (File.Exists(entry)) files.Add(entry);
            else problems.Add(new ListingProblem(Relative(datasetRoot, entry), "not a regular file or folder (broken link?)"));
        }
        files.Sort(StringComparer.Ordinal);
        subdirs.Sort(StringComparer.Ordinal);
        foreach (var file in files) images.Add(new DatasetImage(Relative(datasetRoot, file), identity, file));
        foreach (var sub in subdirs) CollectFiles(sub, identity, datasetRoot, images, problems);
    }

    private static IEnumerable<string> SafeEntries(string dir, string datasetRoot, List<ListingProblem> problems)
    {
        try
        {
            return Directory.GetFileSystemEntries(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ListingProblem(Relative(datasetRoot, dir), $"unreadable folder: {ex.Message}"));
            return [];
        }
    }

    internal static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
