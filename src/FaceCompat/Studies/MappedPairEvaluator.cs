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
        // Columns where every gallery row is zero (the target's zero padding) add nothing to a score:
        // identification runs on the leading columns only.
        var width = LeadingNonZeroColumns(target, n, dimension);
        var identification = width == dimension || width == 0
            ? Evaluation.Identification.Evaluate(mappedSource, n, target, n, dimension, identities, identities, protocols)
            : Evaluation.Identification.Evaluate(LeadingColumns(mappedSource, n, dimension, width), n,
                LeadingColumns(target, n, dimension, width), n, width, identities, identities, protocols);
        var scores = Verification.Scores(mappedSource, target, dimension, pairs);
        return new MappedPairEvaluation(identification, Verification.Evaluate(scores, pairs));
    }

    /// <summary>1 + the last column index holding a non-zero value in any row.</summary>
    internal static int LeadingNonZeroColumns(float[] values, int rows, int cols)
    {
        var last = -1;
        for (var i = 0; i < rows && last < cols - 1; i++)
        {
            var row = values.AsSpan(i * cols, cols);
            for (var j = cols - 1; j > last; j--)
                if (row[j] != 0) { last = j; break; }
        }
        return last + 1;
    }

    private static float[] LeadingColumns(float[] values, int rows, int cols, int width)
    {
        var result = new float[rows * width];
        for (var i = 0; i < rows; i++) values.AsSpan(i * cols, width).CopyTo(result.AsSpan(i * width, width));
        return result;
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
