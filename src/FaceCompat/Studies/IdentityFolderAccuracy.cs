using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>One model's accuracy on a folder of identities (no benchmark protocol): leave-one-out identification and all-pairs verification.</summary>
/// <param name="Images">Rows scored.</param>
/// <param name="Identities">Distinct identities among them.</param>
/// <param name="Identification">Every image searches all the others (the strict protocol: its own image left out); images
/// whose identity has no other image are counted in <see cref="IdentificationResult.QueriesWithoutMate"/> and left out.</param>
/// <param name="Verification">Every unordered pair of distinct images at thresholds set on this model's own impostor pairs.</param>
internal sealed record IdentityFolderAccuracy(int Images, int Identities, IdentificationResult Identification,
    IReadOnlyList<OperatingPointResult> Verification, long GenuinePairs, long ImpostorPairs)
{
    /// <summary>FMR 1e-1 … 1e-4: the verification operating points reported for a folder.</summary>
    public static readonly IReadOnlyList<double> DefaultFalseMatchRates = [1e-1, 1e-2, 1e-3, 1e-4];

    public static IdentityFolderAccuracy Evaluate(EmbeddingSet set, IReadOnlyList<double>? falseMatchRates = null)
    {
        var codes = CrossModelComparison.IdentityCodes(set.Records.Select(r => r.Identity));
        var identities = codes.Distinct().Count();
        if (set.Count < 2 || identities < 2)
            throw new FaceCompatException($"An identity folder needs at least two images of at least two identities; this one has {set.Count} image(s) of {identities}.");
        var rows = Rows.Normalized(set.Vectors, set.Count, set.Dimension);
        var identification = Evaluation.Identification.Evaluate(rows, set.Count, rows, set.Count, set.Dimension, codes, codes, IdentificationProtocol.Strict);
        var pairs = new AllPairsScores(rows, rows, set.Dimension, codes, PairRule.DistinctImagesUnordered);
        var verification = OperatingPointCounter.Count(pairs, ThresholdCalibration.Calibrate(pairs, falseMatchRates ?? DefaultFalseMatchRates));
        return new IdentityFolderAccuracy(set.Count, identities, identification, verification, pairs.GenuineCount, pairs.ImpostorCount);
    }
}
