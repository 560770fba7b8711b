using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>The full evaluation of one mapped test set: per-protocol identification, verification.</summary>
internal sealed record MappedPairEvaluation(IReadOnlyDictionary<IdentificationProtocol, IdentificationResult> Identification,
    VerificationResult Verification);

/// <summary>
/// Scores one mapped test set: queries are the mapped source rows of the test images, the gallery the
/// target rows of the same images (same row order), given as <see cref="Mapping.ScoringOperands"/> rows whose
/// dot products are the cosines (float32, same dimension, usually the smaller of the two models').
/// </summary>
internal static class MappedPairEvaluator
{
    public static MappedPairEvaluation Evaluate(float[] mappedSource, float[] target, int dimension, int[] identities,
        IReadOnlyList<VerificationPair> pairs, IReadOnlyCollection<IdentificationProtocol> protocols)
    {
        var n = identities.Length;
        var identification = Evaluation.Identification.Evaluate(mappedSource, n, target, n, dimension, identities, identities, protocols);
        var scores = Verification.Scores(mappedSource, target, dimension, pairs);
        return new MappedPairEvaluation(identification, Verification.Evaluate(scores, pairs));
    }

    /// <summary>The rows of <see cref="ComparisonRow"/> for one evaluation.</summary>
    public static IEnumerable<ComparisonRow> Rows(string source, string target, string map, int seed, MappedPairEvaluation e)
    {
        foreach (var (protocol, r) in e.Identification)
            foreach (var (metric, value) in Metrics.Values(r))
                yield return new ComparisonRow(source, target, map, seed, protocol.Name(), metric.TaskName, metric.Name, value);
        // Verification scores every pair once, whatever the identification protocol: its rows carry the reference protocol.
        foreach (var (metric, value) in Metrics.Values(e.Verification))
            yield return new ComparisonRow(source, target, map, seed, IdentificationProtocol.Reference.Name(), metric.TaskName, metric.Name, value);
    }
}
