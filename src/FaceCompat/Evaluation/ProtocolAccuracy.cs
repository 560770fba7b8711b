using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Evaluation;

/// <summary>Accuracy of one model on a k-fold verification protocol, and how many pairs could not be scored.</summary>
internal sealed record ProtocolAccuracyResult(string Protocol, string Model, int Pairs, int UnresolvedPairs, TenFoldResult Result);

/// <summary>
/// Scores extracted embeddings with a k-fold verification protocol: cosine similarity, the
/// threshold chosen on the other folds (<see cref="TenFoldVerification"/>). This is how the extraction's
/// preprocessing is checked against the accuracies a model is known to reach. The protocols' pair files
/// (LFW View 2, CFP FF/FP) are read, and resolved to rows, in Datasets (<c>VerificationProtocols</c>).
/// </summary>
internal static class ProtocolAccuracy
{
    /// <summary>
    /// Scores <paramref name="set"/> (the embeddings of <paramref name="model"/>) on pairs already resolved
    /// to its rows; <paramref name="unresolvedPairs"/>, the protocol's pairs left out, is only recorded.
    /// </summary>
    public static ProtocolAccuracyResult Evaluate(EmbeddingSet set, string model, string protocol,
        IReadOnlyList<VerificationPair> pairs, int unresolvedPairs = 0)
    {
        if (pairs.Count == 0) throw new FaceCompatException($"No {protocol} pair to score for {model}.");
        var scores = TenFoldVerification.CosineScores(set.Vectors, set.Dimension, pairs);
        return new ProtocolAccuracyResult(protocol, model, pairs.Count, unresolvedPairs, TenFoldVerification.Evaluate(pairs, scores));
    }
}
