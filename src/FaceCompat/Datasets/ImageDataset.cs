namespace FaceCompat.Datasets;

/// <summary>
/// An ordered list of images with identities. The order is deterministic (identities in ordinal order,
/// then each identity's files in ordinal order) so every model's embeddings share row order.
/// </summary>
public sealed class ImageDataset
{
    public ImageDataset(string name, string root, IReadOnlyList<DatasetImage> images, double? referenceCrop,
        IReadOnlyList<ListingProblem>? problems = null)
    {
        Name = name;
        Root = root;
        Images = images;
        if (referenceCrop is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(referenceCrop), "A reference crop keeps a share in (0, 1] of each side.");
        ReferenceCrop = referenceCrop;
        Problems = problems ?? [];
    }

    /// <summary>Name of the output folder (e.g. "lfw", "cfp", "lfw-first300").</summary>
    public string Name { get; }

    /// <summary>The folder relative paths are relative to.</summary>
    public string Root { get; }

    public IReadOnlyList<DatasetImage> Images { get; }

    /// <summary>
    /// The share of each side of the frame, around its centre, that the dataset's reference protocol keeps
    /// (LFW: 0.6 of the deep-funneled frame); null when images are used as given (CFP, image folders).
    /// </summary>
    public double? ReferenceCrop { get; }

    /// <summary>Folders or files found while listing that could not be used.</summary>
    public IReadOnlyList<ListingProblem> Problems { get; }

    /// <summary>
    /// SHA-256 over the ordered list of "relative path, identity, size in bytes" lines: it changes when
    /// files are added, removed, renamed or change size, so a cache made from another file list is not reused.
    /// </summary>
    public string FileListHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var image in Images) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(FileListLine(image.RelativePath, image.Identity, FileSize(image))));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>An image's size in bytes as the file list records it: -1 when it cannot be read.</summary>
    internal static long FileSize(DatasetImage image)
    {
        try { return new FileInfo(image.FullPath).Length; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return -1; }
    }

    /// <summary>One image's line of the text <see cref="FileListHash"/> hashes.</summary>
    internal static string FileListLine(string relativePath, string identity, long size) => $"{relativePath}\t{identity}\t{size}\n";
}
