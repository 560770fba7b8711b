using System.Globalization;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>The full evaluation of one mapped test set: per-protocol identification, verification.</summary>
public sealed record MappedPairEvaluation(IReadOnlyDictionary<IdentificationProtocol, IdentificationResult> Identification,
    VerificationResult Verification);

/// <summary>
/// Scores one mapped test set: queries are the mapped source rows of the test images, the gallery the
/// target rows of the same images (both L2-normalised float32, same dimension, same row order).
/// </summary>
public static class MappedPairEvaluator
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
        {
            var p = protocol.Name();
            ComparisonRow Row(string metric, double value) => new(source, target, map, seed, p, "identification", metric, value);
            yield return Row("rank1", r.Rank1);
            yield return Row("rank5", r.Rank5);
            yield return Row("rank10", r.Rank10);
            yield return Row("rank20", r.Rank20);
            yield return Row("map@50", r.MeanAveragePrecision);
            yield return Row("chance_rank1", r.ChanceRank1);
            yield return Row("queries", r.QueryCount);
            yield return Row("queries_without_mate", r.QueriesWithoutMate);
            for (var k = 1; k <= r.Cmc.Length; k++) yield return Row($"cmc@{k}", r.Cmc[k - 1]);
        }
        var v = e.Verification;
        ComparisonRow V(string metric, double value) => new(source, target, map, seed, "reference", "verification", metric, value);
        yield return V("auc", v.Auc);
        yield return V("eer", v.Eer);
        for (var i = 0; i < VerificationResult.StandardFmrs.Count; i++)
        {
            var fmr = VerificationResult.StandardFmrs[i].ToString("G", CultureInfo.InvariantCulture);
            yield return V($"tmr@fmr={fmr}", v.TmrAtFmrNearest[i]);
            yield return V($"tmr@fmr={fmr}_interp", v.TmrAtFmrInterpolated[i]);
        }
        yield return V("genuine_pairs", v.GenuineCount);
        yield return V("impostor_pairs", v.ImpostorCount);
    }
}
