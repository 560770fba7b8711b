using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;

namespace FaceCompat.Datasets;

/// <summary>The verification protocols a dataset defines.</summary>
internal enum VerificationProtocol
{
    /// <summary>LFW View 2: pairs.txt, 10 folds x (300 + 300).</summary>
    LfwView2,
    /// <summary>CFP frontal-frontal, 10 folds x (350 + 350).</summary>
    CfpFF,
    /// <summary>CFP frontal-profile, 10 folds x (350 + 350).</summary>
    CfpFP,
}

/// <summary>
/// The datasets' own verification protocols: their pair files, and scoring an embeddings folder on them
/// (the pairs resolved to rows here, the accuracy computed by <see cref="ProtocolAccuracy"/>).
/// </summary>
internal static class VerificationProtocols
{
    public static IReadOnlyList<ImagePair> Pairs(VerificationProtocol protocol, string dataRoot) => protocol switch
    {
        VerificationProtocol.LfwView2 => LfwDataset.ReadPairs(dataRoot),
        VerificationProtocol.CfpFF => CfpDataset.ReadPairs(dataRoot, CfpProtocol.FF),
        VerificationProtocol.CfpFP => CfpDataset.ReadPairs(dataRoot, CfpProtocol.FP),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public static VerificationProtocol Parse(string name) => name.ToLowerInvariant() switch
    {
        "lfw" or "lfw-view2" => VerificationProtocol.LfwView2,
        "cfp-ff" or "ff" => VerificationProtocol.CfpFF,
        "cfp-fp" or "fp" => VerificationProtocol.CfpFP,
        _ => throw new FaceCompatException($"Unknown protocol '{name}': use lfw, cfp-ff or cfp-fp."),
    };

    /// <summary>
    /// Scores <paramref name="model"/> from an embeddings folder. Pairs whose images have no row (skipped,
    /// or outside a subset) are counted apart; with <paramref name="requireAll"/> they are an error.
    /// </summary>
    /// <param name="pairsPerFold">Only the first N same and N different pairs of each fold (see <see cref="PairImages.Take"/>).</param>
    public static ProtocolAccuracyResult Evaluate(EmbeddingFolder folder, string model, VerificationProtocol protocol, string dataRoot,
        bool requireAll = true, int? pairsPerFold = null)
    {
        var set = folder.Load(model);
        var pairs = PairImages.Take(Pairs(protocol, dataRoot), pairsPerFold);
        var (indexed, unresolved) = ImagePairs.ToIndices(pairs, set.Records.Select(r => r.Path).ToList());
        if (requireAll && unresolved.Count > 0)
            throw new FaceCompatException(
                $"{unresolved.Count} of {pairs.Count} {protocol} pairs name images without embeddings in {folder.Directory} (first: {unresolved[0].PathA} / {unresolved[0].PathB}); extract the full dataset.");
        if (indexed.Count == 0) throw new FaceCompatException($"No {protocol} pair has both images in {folder.Directory}.");
        return ProtocolAccuracy.Evaluate(set, model, protocol.ToString(), indexed, unresolved.Count);
    }
}
