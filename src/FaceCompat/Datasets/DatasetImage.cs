namespace FaceCompat.Datasets;

/// <summary>
/// One image of a dataset: its path relative to the dataset root ('/' separators, as written to
/// metadata.csv), the identity it shows, and its full path on disk.
/// </summary>
public sealed record DatasetImage(string RelativePath, string Identity, string FullPath);

/// <summary>Something found while listing a dataset that could not be used (an unreadable folder, a stray file).</summary>
public sealed record ListingProblem(string RelativePath, string Reason);
