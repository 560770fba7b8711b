using FaceCompat.Infrastructure;

namespace FaceCompat.Evaluation;

/// <summary>
/// Closed-set identification by cosine similarity of L2-normalised rows: every query against every
/// gallery row, computed in blocks of queries so memory stays bounded (a 100,000 x 100,000 run needs
/// one block of scores, ~64 MiB, plus the inputs).
/// <para>Definitions (K = maxRank, default 50): the gallery is ranked by descending score, equal
/// scores by ascending gallery row. Rank-k is the fraction of queries with a correct identity among
/// the first k. AP@K = (1 / min(R, K)) * sum over i = 1..K of precision(i) * rel(i), where R is the
/// number of gallery rows of the query's identity (its own image excluded under the strict protocol);
/// mAP is the mean AP@K over queries.</para>
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
        int maxRank = DefaultMaxRank)
    {
        Validate(queries, queryCount, gallery, galleryCount, dimension, queryIdentities, galleryIdentities, protocol, maxRank);
        var k = Math.Min(maxRank, galleryCount);

        // R per identity: how many gallery rows carry it.
        var galleryCountById = new Dictionary<int, int>();
        foreach (var id in galleryIdentities)
            galleryCountById[id] = galleryCountById.GetValueOrDefault(id) + 1;

        var relevant = new int[queryCount];
        for (var q = 0; q < queryCount; q++)
        {
            relevant[q] = galleryCountById.GetValueOrDefault(queryIdentities[q]);
            if (protocol == IdentificationProtocol.Strict) relevant[q]--;
        }

        var firstHit = new int[queryCount];
        var ap = new double[queryCount];
        var blockRows = SimilarityBlocks.BlockRows(galleryCount);
        var scores = new float[(long)blockRows * galleryCount];
        for (var start = 0; start < queryCount; start += blockRows)
        {
            var rows = Math.Min(blockRows, queryCount - start);
            SimilarityBlocks.Multiply(queries.AsSpan(start * dimension, rows * dimension), rows,
                gallery, galleryCount, dimension, scores.AsSpan(0, rows * galleryCount));
            var blockStart = start;
            Parallel.For(0, rows, () => new int[k], (r, _, top) =>
            {
                var q = blockStart + r;
                if (relevant[q] <= 0) return top;
                var excluded = protocol == IdentificationProtocol.Strict ? q : -1;
                var filled = TopK.Select(scores.AsSpan(r * galleryCount, galleryCount), excluded, top);
                Score(top.AsSpan(0, filled), galleryIdentities, queryIdentities[q], relevant[q], k, out firstHit[q], out ap[q]);
                return top;
            }, _ => { });
        }

        var evaluated = new List<int>(queryCount);
        for (var q = 0; q < queryCount; q++)
            if (relevant[q] > 0) evaluated.Add(q);
        var evaluatedArray = evaluated.ToArray();
        var hits = new int[evaluatedArray.Length];
        var aps = new double[evaluatedArray.Length];
        for (var i = 0; i < evaluatedArray.Length; i++)
        {
            hits[i] = firstHit[evaluatedArray[i]];
            aps[i] = ap[evaluatedArray[i]];
        }
        return new IdentificationResult(protocol, maxRank, evaluatedArray, hits, aps, queryCount - evaluatedArray.Length);
    }

    private static void Score(ReadOnlySpan<int> ranked, int[] galleryIdentities, int identity, int relevant, int k,
        out int firstHit, out double averagePrecision)
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
