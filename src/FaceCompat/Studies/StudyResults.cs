namespace FaceCompat.Studies;

// The study's results as plain long-format records: the contract between the study runner (which
// produces them and writes them as Parquet/CSV/JSON) and the report (which only reads them).

/// <summary>A model taking part in a study, with the provenance of its embeddings.</summary>
public sealed record StudyModel(string Id, string Family, string Source, IReadOnlyList<string> FileSha256);

/// <summary>
/// One measured value. <see cref="Preprocessing"/> is the preprocessing variant the embeddings were made
/// with (<c>crop</c> or <c>align</c>, "+flip" with the flip test; <see cref="StudyInfo.Preprocessing"/> describes
/// each). <see cref="Experiment"/> is one of <c>within</c> (fit and test on one dataset),
/// <c>cross-dataset</c>, <c>data-efficiency</c>, <c>alpha-sweep</c>, <c>degree2</c> or <c>self</c>
/// (a model against itself: its native ability, Map = "self"). Metrics and tasks are those of
/// <see cref="ComparisonRow"/>, plus <c>relative_rank1</c> (strict Rank-1 after mapping divided by the
/// target's own strict Rank-1 on the same test identities). Rates are fractions in [0, 1].
/// </summary>
public sealed record StudyRow(
    string Experiment,
    string FitDataset,
    string TestDataset,
    string Preprocessing,
    string Source,
    string Target,
    string SourceFamily,
    string TargetFamily,
    string Map,
    string MapParameters,
    double TrainRatio,
    int Seed,
    string Protocol,
    string Task,
    string Metric,
    double Value);

/// <summary>
/// One aggregated value over seeds: mean ± std (ddof stated in docs), a 95% bootstrap interval over
/// test identities, and paired tests against the unaligned baseline (NaN where not applicable).
/// </summary>
public sealed record StudyStatistic(
    string Experiment,
    string FitDataset,
    string TestDataset,
    string Preprocessing,
    string Source,
    string Target,
    string Map,
    double TrainRatio,
    string Protocol,
    string Task,
    string Metric,
    int Seeds,
    double Mean,
    double Std,
    double CiLow,
    double CiHigh,
    double WilcoxonP,
    double PermutationP);

/// <summary>One point of a curve for plotting: <c>cmc</c> (rank, rate), <c>roc</c> (FMR, TMR), <c>det</c> (FMR, FNMR).</summary>
public sealed record StudyCurvePoint(
    string Experiment,
    string TestDataset,
    string Source,
    string Target,
    string Map,
    int Seed,
    string Protocol,
    string Curve,
    double X,
    double Y);

/// <summary>Similarity of two models' spaces on one dataset under one preprocessing: <c>cka</c>, <c>rsa</c>, <c>mutual_knn@10</c>.</summary>
public sealed record SpaceSimilarityRow(string Dataset, string Preprocessing, string ModelA, string ModelB, string Measure, double Value);

/// <summary>How a study was run: its configuration (as YAML), code version, timing.</summary>
public sealed record StudyInfo(
    string Title,
    string ConfigYaml,
    string CodeVersion,
    DateTimeOffset Started,
    TimeSpan Elapsed,
    bool Quick,
    string BlasBackend)
{
    /// <summary>Units of the configuration not in these results (a <c>--cached-only</c> run before the study finished).</summary>
    public int UnitsMissing { get; init; }

    /// <summary>
    /// The units with a recorded cost, and the sums of their wall and CPU seconds: what computing the study took
    /// over all its runs, however often it was interrupted (units cached before costs were recorded are not counted).
    /// </summary>
    public int UnitsTimed { get; init; }
    public double UnitsWallSeconds { get; init; }
    public double UnitsCpuSeconds { get; init; }

    /// <summary>Units in the results cached before costs were recorded: their cost is not in the sums, which are then a lower bound.</summary>
    public int UnitsUntimed { get; init; }

    /// <summary>The GEMM rates measured on this machine at the start of the run (null when not measured).</summary>
    internal Numerics.GemmPeak? Peak { get; init; }

    /// <summary>Per experiment, the floating-point work of its units computed with work counted, and the rate achieved.</summary>
    internal IReadOnlyList<ExperimentWork> Work { get; init; } = [];

    /// <summary>Each preprocessing label of the rows (crop, align) → what it does.</summary>
    public IReadOnlyDictionary<string, string> Preprocessing { get; init; } = new Dictionary<string, string>();
}

/// <summary>Everything a study produced; the report is a pure function of this.</summary>
public sealed record StudyResults(
    StudyInfo Info,
    IReadOnlyList<StudyModel> Models,
    IReadOnlyList<StudyRow> Rows,
    IReadOnlyList<StudyStatistic> Statistics,
    IReadOnlyList<StudyCurvePoint> Curves,
    IReadOnlyList<SpaceSimilarityRow> SpaceSimilarity)
{
    /// <summary>The operating-points and exposure experiments' values per seed (operating_points.csv).</summary>
    public IReadOnlyList<StudyOperatingPoint> OperatingPoints { get; init; } = [];

    /// <summary>Those values over seeds (operating_points_statistics.csv).</summary>
    public IReadOnlyList<OperatingPointStatistic> OperatingPointStatistics { get; init; } = [];
}

/// <summary>
/// The floating-point work of one experiment's units (those whose work was counted) against the GEMM peak of the run:
/// <see cref="ShareOfPeak"/> is the time the work needs at the peak over the wall time it took (1 = at the limit).
/// </summary>
internal sealed record ExperimentWork(string Experiment, int Units, double WallSeconds, Numerics.FlopCount Flops, Numerics.GemmPeak? Peak)
{
    public double AchievedFlopsPerSecond => WallSeconds > 0 ? Flops.Total / WallSeconds : double.NaN;

    public double SecondsAtPeak => Peak is null ? double.NaN : Flops.SecondsAtPeak(Peak.SingleFlopsPerSecond, Peak.DoubleFlopsPerSecond);

    public double ShareOfPeak => WallSeconds > 0 ? SecondsAtPeak / WallSeconds : double.NaN;

    /// <summary>Each experiment of the units, in first-seen order.</summary>
    internal static List<ExperimentWork> Of(IEnumerable<(string Experiment, UnitCost? Cost)> units, Numerics.GemmPeak? peak) =>
        units.Where(u => u.Cost?.Work is not null)
            .GroupBy(u => u.Experiment)
            .Select(g => new ExperimentWork(g.Key, g.Count(), g.Sum(u => u.Cost!.WallSeconds),
                g.Aggregate(Numerics.FlopCount.Zero, (sum, u) => sum + u.Cost!.Work!), peak))
            .ToList();
}
