namespace FaceCompat.Evaluation;

/// <summary>
/// Which comparisons of N images seen through two template sets (probe template of image j, reference template of
/// image i) a verification run scores. Genuine: the two images show the same identity.
/// </summary>
internal enum PairRule
{
    /// <summary>Every ordered pair of distinct images (i ≠ j): N(N−1) comparisons. For two different template sets,
    /// (i, j) and (j, i) are different comparisons.</summary>
    DistinctImages,

    /// <summary>Every unordered pair of distinct images (i &lt; j): N(N−1)/2 comparisons. For one template set compared
    /// with itself, where (i, j) and (j, i) are the same comparison.</summary>
    DistinctImagesUnordered,

    /// <summary>Each image against itself (i = j): N genuine comparisons, no impostor (a leaked template against the
    /// target system's template of the same photograph).</summary>
    SameImage,
}
