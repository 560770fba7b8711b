using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Evaluation;

/// <summary>
/// Closed-set identification by cosine similarity of L2-normalised rows: every query against every
/// gallery row, computed in blocks of queries so memory stays bounded (a 100,000 x 100,000 run needs
/// one block of scores, ~64 MiB, plus the inputs).
/// <para>Definitions (K = maxRank, default 50): the gallery is ranked by descending score, equal
/// scores by ascending gallery row. Rank-k is the fraction of queries with a correct identity among
/// the first k. AP@K = (1 / min(R, K)) * sum over i = 1..K of precision(i) * rel(i), where R is the
/// number of gallery rows of the query's identity (its own image excluded under the strict protocol);
/// mAP is the mean AP@K over queries. The published code divides instead by the mates found in the
/// first K and averages over the queries that found one (<see cref="IdentificationResult.PublishedAveragePrecision"/>).</para>
/// </summary>
public static class Identification
{
    public const int DefaultMaxRank = 50;

    /// <summary>
    /// Scores <paramref name="queryCount"/> queries against <paramref name="galleryCount"/> gallery rows,
    /// both row-major float32 of the same dimension and expected to be L2-normalised. Under the strict
    /// protocol query row i's own image is gallery row i (so the counts must be equal).
    /// </summary>
    public static IdentificationResult Evaluate(float[] queries, int queryCount, float[] gallery, int galleryCount,
        int dimension, int[] queryIdentities, int[] galleryIdentities, IdentificationProtocol protocol,
        int maxRank = DefaultMaxRank) =>
        Evaluate(queries, queryCount, gallery, galleryCount, dimension, queryIdentities, galleryIdentities, [protocol], maxRank)[protocol];

    /// <summary>
    /// Scores row-major, L2-normalised rows labelled by identity strings (e.g. <c>EmbeddingSet</c> records):
    /// the string-keyed form of the overload above.
    /// </summary>
    public static IdentificationResult Evaluate(ReadOnlySpan<float> queries, IReadOnlyList<string> queryIdentities,
        ReadOnlySpan<float> gallery, IReadOnlyList<string> galleryIdentities, IdentificationProtocol protocol, int maxRank = DefaultMaxRank)
    {
        if (queryIdentities.Count == 0 || galleryIdentities.Count == 0)
            throw new FaceCompatException("Identification needs at least one query and one gallery row.");
        if (queries.Length % queryIdentities.Count != 0 || gallery.Length % galleryIdentities.Count != 0
            || queries.Length / queryIdentities.Count != gallery.Length / galleryIdentities.Count)
            throw new FaceCompatException($"{queries.Length} query values for {queryIdentities.Count} identities and {gallery.Length} gallery values for " +
                $"{galleryIdentities.Count} identities are not rows of one dimension; queries and gallery must live in the same space.");
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string s) => ids.TryGetValue(s, out var i) ? i : ids[s] = ids.Count;
        var dimension = queries.Length / queryIdentities.Count;
        return Evaluate(queries.ToArray(), queryIdentities.Count, gallery.ToArray(), galleryIdentities.Count, dimension,
            queryIdentities.Select(Id).ToArray(), galleryIdentities.Select(Id).ToArray(), protocol, maxRank);
    }

    /// <summary>
    /// Several protocols from one pass over the scores: the top k+1 of each row serve both the
    /// reference ranking (its first k) and the strict one (the same list without the query's own row).
    /// </summary>
    public static IReadOnlyDictionary<IdentificationProtocol, IdentificationResult> Evaluate(float[] queries, int queryCount,
        float[] gallery, int galleryCount, int dimension, int[] queryIdentities, int[] galleryIdentities,
        IReadOnlyCollection<IdentificationProtocol> protocols, int maxRank = DefaultMaxRank)
    {
        var strict = protocols.Contains(IdentificationProtocol.Strict);
        Validate(queries, queryCount, gallery, galleryCount, dimension, queryIdentities, galleryIdentities,
            strict ? IdentificationProtocol.Strict : IdentificationProtocol.Reference, maxRank);
        var list = protocols.Distinct().ToArray();
        var k = Math.Min(maxRank, galleryCount);
        // Stryker disable once Conditional : one more candidate than the reference ranking reads changes nothing
        var kk = Math.Min(strict ? k + 1 : k, galleryCount);

        // R per identity: how many gallery rows carry it.
        var galleryCountById = new Dictionary<int, int>();
        foreach (var id in galleryIdentities)
            galleryCountById[id] = galleryCountById.GetValueOrDefault(id) + 1;

        var relevant = new int[list.Length][];
        var firstHit = new int[list.Length][];
        var ap = new double[list.Length][];
        var publishedAp = new double[list.Length][];
        for (var p = 0; p < list.Length; p++)
        {
            relevant[p] = new int[queryCount];
            firstHit[p] = new int[queryCount];
            ap[p] = new double[queryCount];
            publishedAp[p] = new double[queryCount];
            for (var q = 0; q < queryCount; q++)
                relevant[p][q] = galleryCountById.GetValueOrDefault(queryIdentities[q]) - (list[p] == IdentificationProtocol.Strict ? 1 : 0);
        }

        var blockRows = SimilarityBlocks.BlockRows(galleryCount);
        // The block of scores (up to 64 MiB) is reused: a study scores thousands of evaluations of the same size, and a
        // fresh array each time costs its zeroing and page faults. SGEMM overwrites it (beta = 0).
        // Stryker disable once Linq : a larger rented buffer holds the same scores
        var scores = LargeArrays.Rent<float>((int)Math.Min((long)blockRows * galleryCount, Array.MaxLength));
        try
        {
            for (var start = 0; start < queryCount; start += blockRows)
            {
                var rows = Math.Min(blockRows, queryCount - start);
                SimilarityBlocks.Multiply(queries.AsSpan(start * dimension, rows * dimension), rows,
                    gallery, galleryCount, dimension, scores.AsSpan(0, rows * galleryCount));
                var blockStart = start;
                Parallel.For(0, rows, () => (new int[kk], new int[kk]), (r, _, buffers) =>
                {
                    var (top, without) = buffers;
                    var q = blockStart + r;
                    var filled = TopK.Select(scores.AsSpan(r * galleryCount, galleryCount), -1, top);
                    for (var p = 0; p < list.Length; p++)
                    {
                        // Stryker disable once all : a query without a mate is never read back (only queries with relevant > 0 are evaluated)
                        if (relevant[p][q] <= 0) continue;
                        ReadOnlySpan<int> ranked;
                        if (list[p] == IdentificationProtocol.Strict)
                        {
                            var m = 0;
                            for (var i = 0; i < filled && m < k; i++)
                                if (top[i] != q) without[m++] = top[i];
                            ranked = without.AsSpan(0, m);
                        }
                        else ranked = top.AsSpan(0, Math.Min(filled, k));
                        Score(ranked, galleryIdentities, queryIdentities[q], relevant[p][q], k, out firstHit[p][q], out ap[p][q], out publishedAp[p][q]);
                    }
                    return buffers;
                }, _ => { });
            }
        }
        finally
        {
            // Stryker disable once Statement : not returning a pooled buffer only costs memory
            LargeArrays.Return(scores);
        }

        var results = new Dictionary<IdentificationProtocol, IdentificationResult>();
        for (var p = 0; p < list.Length; p++)
        {
            var evaluated = new List<int>(queryCount);
            for (var q = 0; q < queryCount; q++)
                if (relevant[p][q] > 0) evaluated.Add(q);
            var evaluatedArray = evaluated.ToArray();
            var hits = new int[evaluatedArray.Length];
            var aps = new double[evaluatedArray.Length];
            var publishedAps = new double[evaluatedArray.Length];
            var ranked = galleryCount - (list[p] == IdentificationProtocol.Strict ? 1 : 0);
            double chance = 0;
            for (var i = 0; i < evaluatedArray.Length; i++)
            {
                hits[i] = firstHit[p][evaluatedArray[i]];
                aps[i] = ap[p][evaluatedArray[i]];
                publishedAps[i] = publishedAp[p][evaluatedArray[i]];
                chance += (double)relevant[p][evaluatedArray[i]] / ranked;
            }
            if (evaluatedArray.Length > 0) chance /= evaluatedArray.Length;
            results[list[p]] = new IdentificationResult(list[p], maxRank, evaluatedArray, hits, aps, publishedAps, queryCount - evaluatedArray.Length, chance);
        }
        return results;
    }

    private static void Score(ReadOnlySpan<int> ranked, int[] galleryIdentities, int identity, int relevant, int k,
        out int firstHit, out double averagePrecision, out double publishedAveragePrecision)
    {
        firstHit = 0;
        var found = 0;
        double sum = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            if (galleryIdentities[ranked[i]] != identity) continue;
            found++;
            if (firstHit == 0) firstHit = i + 1;
            sum += (double)found / (i + 1);
        }
        averagePrecision = sum / Math.Min(relevant, k);
        // Stryker disable once Conditional,Equality : with no mate found sum / found is 0 / 0, NaN as well
        publishedAveragePrecision = found > 0 ? sum / found : double.NaN;
    }

    private static void Validate(float[] queries, int queryCount, float[] gallery, int galleryCount, int dimension,
        int[] queryIdentities, int[] galleryIdentities, IdentificationProtocol protocol, int maxRank)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (maxRank <= 0) throw new ArgumentOutOfRangeException(nameof(maxRank));
        if (queries.Length != (long)queryCount * dimension)
            throw new ArgumentException($"Expected {queryCount}x{dimension} query values, got {queries.Length}.", nameof(queries));
        if (gallery.Length != (long)galleryCount * dimension)
            throw new ArgumentException($"Expected {galleryCount}x{dimension} gallery values, got {gallery.Length}.", nameof(gallery));
        if (queryIdentities.Length != queryCount || galleryIdentities.Length != galleryCount)
            throw new ArgumentException("One identity per query row and per gallery row is required.");
        if (galleryCount == 0) throw new FaceCompatException("The identification gallery is empty.");
        if (protocol == IdentificationProtocol.Strict && queryCount != galleryCount)
            throw new ArgumentException("The strict protocol needs query row i and gallery row i to be the same image.");
    }
}
