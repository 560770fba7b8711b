namespace FaceCompat.Evaluation;

/// <summary>
/// Closed-set identification outcome. Rates are fractions in [0, 1] over the evaluated queries;
/// queries without a mate in their gallery (strict protocol only) are counted apart.
/// </summary>
public sealed class IdentificationResult
{
    internal IdentificationResult(IdentificationProtocol protocol, int maxRank, int[] evaluatedQueries,
        int[] firstHitRank, double[] averagePrecision, double[] publishedAveragePrecision, int queriesWithoutMate, double chanceRank1)
    {
        ChanceRank1 = chanceRank1;
        Protocol = protocol;
        MaxRank = maxRank;
        EvaluatedQueries = evaluatedQueries;
        FirstHitRank = firstHitRank;
        AveragePrecision = averagePrecision;
        PublishedAveragePrecision = publishedAveragePrecision;
        QueriesWithoutMate = queriesWithoutMate;
        Cmc = new double[maxRank];
        var hitsAt = new long[maxRank + 1];
        foreach (var rank in firstHitRank)
            // Stryker disable once Equality : hitsAt[0] (no hit in the top k) is never read
            if (rank > 0) hitsAt[rank]++;
        long cumulative = 0;
        for (var k = 1; k <= maxRank; k++)
        {
            cumulative += hitsAt[k];
            Cmc[k - 1] = evaluatedQueries.Length == 0 ? 0 : (double)cumulative / evaluatedQueries.Length;
        }
        double sum = 0;
        foreach (var ap in averagePrecision) sum += ap;
        MeanAveragePrecision = averagePrecision.Length == 0 ? 0 : sum / averagePrecision.Length;
        var found = publishedAveragePrecision.Where(double.IsFinite).ToArray();
        PublishedMeanAveragePrecision = found.Length == 0 ? 0 : found.Sum() / found.Length;
    }

    public IdentificationProtocol Protocol { get; }
    public int MaxRank { get; }

    /// <summary>Query row numbers that were scored (all of them, except mate-less ones under strict).</summary>
    public IReadOnlyList<int> EvaluatedQueries { get; }

    /// <summary>Per evaluated query: the 1-based rank of its first correct gallery item, 0 when beyond MaxRank.</summary>
    public IReadOnlyList<int> FirstHitRank { get; }

    /// <summary>Per evaluated query: average precision over the top MaxRank (see <see cref="Identification"/>).</summary>
    public IReadOnlyList<double> AveragePrecision { get; }

    /// <summary>Queries whose identity has no other image in the gallery (strict only); not in any rate.</summary>
    public int QueriesWithoutMate { get; }

    public int QueryCount => EvaluatedQueries.Count;

    /// <summary>Cmc[k-1] = fraction of queries whose first correct match is within rank k, k = 1..MaxRank.</summary>
    public double[] Cmc { get; }

    /// <summary>The mean of <see cref="AveragePrecision"/> over the evaluated queries (the standard mAP@K).</summary>
    public double MeanAveragePrecision { get; }

    /// <summary>
    /// Per evaluated query, AP as the published code computes it: the same sum of precision(i) * rel(i)
    /// over the top MaxRank divided by the mates found there (not by min(R, K)); NaN when none was found.
    /// </summary>
    public IReadOnlyList<double> PublishedAveragePrecision { get; }

    /// <summary>
    /// The published mAP: the mean of <see cref="PublishedAveragePrecision"/> over the queries with a mate in
    /// the top MaxRank, 0 when no query has one (as <c>compute_all_metrics_chunked</c> returns).
    /// </summary>
    public double PublishedMeanAveragePrecision { get; }

    /// <summary>Rank-1 of a random ranking: the mean over scored queries of R / (gallery rows it ranks).</summary>
    public double ChanceRank1 { get; }

    public double RankK(int k) =>
        k >= 1 && k <= MaxRank ? Cmc[k - 1] : throw new ArgumentOutOfRangeException(nameof(k), $"Rank must be 1..{MaxRank}.");

    public double Rank1 => RankK(1);
    public double Rank5 => RankK(Math.Min(5, MaxRank));
    public double Rank10 => RankK(Math.Min(10, MaxRank));
    public double Rank20 => RankK(Math.Min(20, MaxRank));
}
