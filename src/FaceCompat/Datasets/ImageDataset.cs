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
        foreach (var image in Images)
        {
            long size;
            try { size = new FileInfo(image.FullPath).Length; }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { size = -1; }
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{image.RelativePath}\t{image.Identity}\t{size}\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
