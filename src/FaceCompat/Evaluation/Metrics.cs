using System.Globalization;

namespace FaceCompat.Evaluation;

/// <summary>
/// Every metric the library reports, in the order rows list them. To add one: compute it on
/// <see cref="IdentificationResult"/> or <see cref="VerificationResult"/>, and register it here.
/// </summary>
public static class Metrics
{
    private const MetricTask Id = MetricTask.Identification;
    private const MetricTask Ver = MetricTask.Verification;
    private const MetricDirection Up = MetricDirection.HigherIsBetter;
    private const MetricDirection Down = MetricDirection.LowerIsBetter;

    public static Metric Rank1 { get; } = new("rank1", Id, Up, MetricScale.Rate)
    {
        TableTitle = "Rank-1 identification", Headline = true, PairedTested = true,
        OfIdentification = r => r.Rank1, PerQuery = r => r.FirstHitRank.Select(k => k == 1 ? 1.0 : 0.0).ToArray(),
    };

    public static Metric Rank5 { get; } = new("rank5", Id, Up, MetricScale.Rate) { Headline = true, OfIdentification = r => r.Rank5 };
    public static Metric Rank10 { get; } = new("rank10", Id, Up, MetricScale.Rate) { Headline = true, OfIdentification = r => r.Rank10 };
    public static Metric Rank20 { get; } = new("rank20", Id, Up, MetricScale.Rate) { OfIdentification = r => r.Rank20 };

    /// <summary>
    /// The protocol's mAP@50: under <c>reference</c> as the published code computes it (AP over the mates
    /// found in the top 50, averaged over the queries that found one), under <c>strict</c> the standard one.
    /// </summary>
    public static Metric MapAt50 { get; } = new("map@50", Id, Up, MetricScale.Rate)
    {
        TableTitle = "mAP@50 identification", Headline = true, PairedTested = true,
        OfIdentification = r => Published(r) ? r.PublishedMeanAveragePrecision : r.MeanAveragePrecision,
        // NaN marks a query the published mean leaves out (no mate in the top 50); the bootstrap skips it.
        PerQuery = r => Published(r) ? r.PublishedAveragePrecision : r.AveragePrecision,
    };

    /// <summary>The standard mAP@50 under both protocols: AP divided by min(R, 50), averaged over every scored query.</summary>
    public static Metric MapAt50Standard { get; } = new("map@50_standard", Id, Up, MetricScale.Rate)
    {
        OfIdentification = r => r.MeanAveragePrecision, PerQuery = r => r.AveragePrecision,
    };

    private static bool Published(IdentificationResult r) => r.Protocol == IdentificationProtocol.Reference;

    public static Metric ChanceRank1 { get; } = new("chance_rank1", Id, MetricDirection.Neither, MetricScale.Rate) { OfIdentification = r => r.ChanceRank1 };
    public static Metric Queries { get; } = new("queries", Id, MetricDirection.Neither, MetricScale.Count) { OfIdentification = r => r.QueryCount };

    public static Metric QueriesWithoutMate { get; } = new("queries_without_mate", Id, MetricDirection.Neither, MetricScale.Count)
    {
        OfIdentification = r => r.QueriesWithoutMate,
    };

    /// <summary>Strict Rank-1 after mapping divided by the target model's own strict Rank-1 (derived by a study).</summary>
    public static Metric RelativeRank1 { get; } = new("relative_rank1", Id, Up, MetricScale.Ratio);

    public static Metric Auc { get; } = new("auc", Ver, Up, MetricScale.Rate) { Headline = true, PairedTested = true, OfVerification = v => v.Auc };
    public static Metric Eer { get; } = new("eer", Ver, Down, MetricScale.Rate) { TableTitle = "EER verification", Headline = true, PairedTested = true, OfVerification = v => v.Eer };
    public static Metric GenuinePairs { get; } = new("genuine_pairs", Ver, MetricDirection.Neither, MetricScale.Count) { OfVerification = v => v.GenuineCount };
    public static Metric ImpostorPairs { get; } = new("impostor_pairs", Ver, MetricDirection.Neither, MetricScale.Count) { OfVerification = v => v.ImpostorCount };

    /// <summary>TMR at each standard FMR: the reference's nearest ROC point (headline) and the interpolated value.</summary>
    public static IReadOnlyList<(Metric Nearest, Metric Interpolated)> TmrAtFmr { get; } = VerificationResult.StandardFmrs.Select((fmr, i) =>
    {
        var name = "tmr@fmr=" + fmr.ToString("G", CultureInfo.InvariantCulture);
        return (new Metric(name, Ver, Up, MetricScale.Rate)
            {
                TableTitle = fmr == 1e-3 ? "TMR at FMR 0.1% verification" : null, Headline = true, OfVerification = v => v.TmrAtFmrNearest[i],
            },
            new Metric(name + "_interp", Ver, Up, MetricScale.Rate) { OfVerification = v => v.TmrAtFmrInterpolated[i] });
    }).ToArray();

    /// <summary>Operating points (<c>operating-points</c>): the share of genuine pairs accepted at a threshold set on the
    /// target system's own impostor scores (<see cref="OperatingThreshold"/>).</summary>
    public static Metric Tmr { get; } = new("tmr", Ver, Up, MetricScale.Rate);

    /// <summary>The share of impostor pairs accepted at that threshold (a migrated gallery may exceed the nominal rate).</summary>
    public static Metric Fmr { get; } = new("fmr", Ver, Down, MetricScale.Rate);

    /// <summary>The verification threshold at a nominal FMR: the score a comparison must exceed.</summary>
    public static Metric FmrThreshold { get; } = new("fmr_threshold", Ver, MetricDirection.Neither, MetricScale.Score);

    /// <summary>The open-set threshold at a nominal FPIR: the score a returned template must exceed.</summary>
    public static Metric FpirThreshold { get; } = new("fpir_threshold", Id, MetricDirection.Neither, MetricScale.Score);

    /// <summary>Open-set identification: the share of mated searches whose mate is not returned first above the threshold.</summary>
    public static Metric Fnir { get; } = new("fnir", Id, Down, MetricScale.Rate);

    /// <summary>Open-set identification: the share of non-mated searches returning a template above the threshold.</summary>
    public static Metric Fpir { get; } = new("fpir", Id, Down, MetricScale.Rate);

    /// <summary>The operating-point metrics, in row order.</summary>
    public static IReadOnlyList<Metric> OperatingPoints { get; } = [FmrThreshold, Tmr, Fmr, FpirThreshold, Fnir, Fpir];

    /// <summary>The fraction of queries whose first mate is within rank k (k = 1..the result's maximum rank); one entry per k.</summary>
    public static Metric CmcAt(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "Ranks start at 1.");
        lock (CmcPoints)
        {
            while (CmcPoints.Count < k)
            {
                var rank = CmcPoints.Count + 1;
                CmcPoints.Add(new($"cmc@{rank.ToString(CultureInfo.InvariantCulture)}", Id, Up, MetricScale.Rate)
                {
                    CurvePoint = true, OfIdentification = r => r.Cmc[rank - 1],
                });
            }
            return CmcPoints[k - 1];
        }
    }

    private static readonly List<Metric> CmcPoints = [];

    /// <summary>The identification metrics measured on a result, in row order (CMC points follow them).</summary>
    public static IReadOnlyList<Metric> Identification { get; } = [Rank1, Rank5, Rank10, Rank20, MapAt50, MapAt50Standard, ChanceRank1, Queries, QueriesWithoutMate];

    /// <summary>The verification metrics measured on a result, in row order.</summary>
    public static IReadOnlyList<Metric> Verification { get; } =
        [Auc, Eer, .. TmrAtFmr.SelectMany(t => new[] { t.Nearest, t.Interpolated }), GenuinePairs, ImpostorPairs];

    /// <summary>Every registered metric (CMC points aside: see <see cref="CmcAt"/>).</summary>
    public static IReadOnlyList<Metric> All { get; } = [.. Identification, RelativeRank1, .. Verification, .. OperatingPoints];

    private static readonly Dictionary<string, Metric> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static IReadOnlyList<Metric> Tabulated { get; } = All.Where(m => m.TableTitle is not null).ToArray();
    public static IReadOnlyList<Metric> PairedTestedMetrics { get; } = All.Where(m => m.PairedTested).ToArray();
    public static IReadOnlyList<Metric> BootstrappedMetrics { get; } = All.Where(m => m.Bootstrapped).ToArray();

    /// <summary>Every value of an identification result: the registered metrics, then the CMC points.</summary>
    public static IEnumerable<(Metric Metric, double Value)> Values(IdentificationResult r) =>
        Identification.Select(m => (m, m.OfIdentification!(r)))
            .Concat(Enumerable.Range(1, r.Cmc.Length).Select(k => (CmcAt(k), r.Cmc[k - 1])));

    /// <summary>Every value of a verification result.</summary>
    public static IEnumerable<(Metric Metric, double Value)> Values(VerificationResult v) => Verification.Select(m => (m, m.OfVerification!(v)));

    /// <summary>The metric of a name in an output file (CMC points included), or null.</summary>
    public static Metric? Find(string name) =>
        ByName.GetValueOrDefault(name)
        ?? (name.StartsWith("cmc@", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0
            ? CmcAt(k) : null);

    /// <summary>Whether a metric's values are fractions in [0, 1] (unknown names are treated as rates).</summary>
    public static bool IsRate(string name) => Find(name)?.Scale is null or MetricScale.Rate;
}
