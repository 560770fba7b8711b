using FaceCompat.Analysis;
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Hub;
using FaceCompat.Numerics;

namespace FaceCompat.Studies.Ensembles;

/// <summary>What an ensemble run compares: models, seeds, split, the hub's preparation and convergence.</summary>
public sealed record EnsembleOptions
{
    public IReadOnlyList<int> Seeds { get; init; } = ComparisonOptions.DefaultSeeds;
    public double TrainRatio { get; init; } = IdentitySplit.DefaultTrainRatio;
    public PreparationOptions Preparation { get; init; } = PreparationOptions.Reference;
    public double Tolerance { get; init; } = Mapping.Maps.HubProcrustesFitter.DefaultTolerance;
    public int Iterations { get; init; } = Mapping.Maps.HubProcrustesFitter.DefaultIterations;
}

/// <summary>One value: a method (and the model, for a single model) on one seed.</summary>
public sealed record EnsembleRow(string Method, string Model, int Seed, string Protocol, string Task, string Metric, double Value);

/// <summary>Every value, and the paired tests of hub fusion against score fusion and against the best single model.</summary>
public sealed record EnsembleResult(IReadOnlyList<string> Models, IReadOnlyList<EnsembleRow> Rows, IReadOnlyList<EnsembleTest> Tests,
    IReadOnlyList<(int Seed, int Iterations, bool Converged, double Seconds)> Hubs);

/// <summary>Hub fusion minus another method on one metric over the seeds, with its paired tests.</summary>
public sealed record EnsembleTest(string Against, string Metric, double MeanDifference, double[] Differences, TestResult Wilcoxon, TestResult SignFlip);

/// <summary>
/// Ensembles of face recognisers through the shared space (issue 18): per seed, a hub of the models is fitted on the
/// train identities (<see cref="SharedSpace"/>); on the test identities each face is compared by each model alone, by
/// score fusion (mean of the models' cosines) and by template fusion (mean of its hub-mapped unit embeddings), with the
/// study's strict identification (the query image is not in the gallery) and its verification pairs.
/// </summary>
public static class SharedSpaceEnsemble
{
    /// <summary>The metrics whose hub-fusion gains are tested over the seeds.</summary>
    public static IReadOnlyList<Metric> TestedMetrics { get; } = [Metrics.Rank1, Metrics.Eer];

    public static EnsembleResult Run(IReadOnlyDictionary<string, EmbeddingSet> sets, IReadOnlyList<string> models, EnsembleOptions options,
        Action<string>? progress = null)
    {
        if (models.Count < 2) throw new FaceCompatException("an ensemble needs at least two models.");
        foreach (var m in models)
            if (!sets.ContainsKey(m)) throw new FaceCompatException($"no embeddings of model '{m}'; have {string.Join(", ", sets.Keys.Order())}.");
        if (options.Seeds.Count == 0) throw new FaceCompatException("No seed to run.");
        var first = sets[models[0]];
        foreach (var m in models.Skip(1)) EmbeddingChecks.RequireAligned(first, models[0], sets[m], m);
        var records = first.Records;
        var rows = new List<EnsembleRow>();
        var hubs = new List<(int, int, bool, double)>();
        var dimension = options.Preparation.Matching == DimensionMatching.ZeroPad
            ? models.Max(m => sets[m].Dimension)
            : options.Preparation.PcaDimension ?? models.Min(m => sets[m].Dimension);
        foreach (var seed in options.Seeds.Distinct())
        {
            var split = IdentitySplit.Random(records.Select(r => r.Identity), options.TrainRatio, seed);
            var (train, test) = split.RowIndices(records);
            ComparisonChecks.RequireEvaluableSplit($"split of seed {seed}", train.Length, test.Select(r => records[r].Identity).ToArray());
            var hub = SharedSpace.Fit(models.Select(m => (m, MapTraining.Rows(sets[m], train))).ToList(), options.Preparation, dimension,
                options.Tolerance, options.Iterations);
            hubs.Add((seed, hub.Convergence.Iterations, hub.Convergence.Converged, hub.Convergence.Seconds));
            var codes = CrossModelComparison.IdentityCodes(test.Select(r => records[r].Identity));
            var pairs = Verification.ReferencePairs(codes, unchecked((ulong)seed));
            // Each model's prepared test rows (its own coordinates, no padding) and the same rows rotated into the hub,
            // both unit-normalised: the rotation keeps every model's own cosines, so single models and score fusion use the former.
            var own = new float[models.Count][];
            var inHub = new float[models.Count][];
            var widths = new int[models.Count];
            for (var i = 0; i < models.Count; i++)
            {
                var member = hub.Member(models[i])!;
                var prepared = member.Preparation.Apply(MapTraining.Rows(sets[models[i]], test));
                widths[i] = Math.Min(prepared.Cols, member.Preparation.ActiveDimension);
                var active = TrainingPair.LeadingColumns(prepared, widths[i]);
                own[i] = Evaluation.Rows.Normalized(active.Data, active.Rows, active.Cols);
                var rotated = prepared.MultiplyLeadingBlocks(member.Rotation);
                inHub[i] = Evaluation.Rows.Normalized(rotated.Data, rotated.Rows, rotated.Cols);
            }
            void Score(EnsembleMethod method, string model, float[] templates, int width)
            {
                var e = MappedPairEvaluator.Evaluate(templates, templates, width, codes, pairs, [IdentificationProtocol.Strict]);
                foreach (var r in MappedPairEvaluator.Rows(model, model, method.Name(), seed, e))
                    rows.Add(new EnsembleRow(method.Name(), model, seed, r.Protocol, r.Task, r.Metric, r.Value));
                progress?.Invoke($"seed {seed} {method.Name()} {model}: strict Rank-1 {e.Identification[IdentificationProtocol.Strict].Rank1:P2}, EER {e.Verification.Eer:P2}");
            }
            for (var i = 0; i < models.Count; i++) Score(EnsembleMethod.Single, models[i], own[i], widths[i]);
            Score(EnsembleMethod.ScoreFusion, "", ScoreFusionTemplates(own, widths, codes.Length), widths.Sum());
            Score(EnsembleMethod.HubFusion, "", MeanTemplates(inHub, codes.Length, dimension), dimension);
        }
        return new EnsembleResult(models, rows, Tests(rows, models, options.Seeds.Distinct().ToArray()), hubs);
    }

    /// <summary>
    /// Each face's unit embeddings side by side, each scaled by 1/sqrt(M): the dot product of two such templates is the
    /// mean of the M per-model cosines (score fusion), and each template has unit norm.
    /// </summary>
    public static float[] ScoreFusionTemplates(IReadOnlyList<float[]> unitRows, IReadOnlyList<int> widths, int count)
    {
        var m = unitRows.Count;
        var scale = (float)(1 / Math.Sqrt(m));
        var total = widths.Sum();
        var result = new float[count * total];
        for (var i = 0; i < count; i++)
        {
            var offset = i * total;
            for (var k = 0; k < m; k++)
            {
                var from = unitRows[k].AsSpan(i * widths[k], widths[k]);
                var to = result.AsSpan(offset, widths[k]);
                for (var j = 0; j < from.Length; j++) to[j] = from[j] * scale;
                offset += widths[k];
            }
        }
        return result;
    }

    /// <summary>The mean of each face's unit embeddings in the hub, unit-normalised (template fusion).</summary>
    public static float[] MeanTemplates(IReadOnlyList<float[]> unitRows, int count, int width)
    {
        var sum = new double[count * width];
        foreach (var rows in unitRows)
            for (var i = 0; i < sum.Length; i++) sum[i] += rows[i];
        return Evaluation.Rows.Normalized(sum, count, width);
    }

    private static List<EnsembleTest> Tests(List<EnsembleRow> rows, IReadOnlyList<string> models, int[] seeds)
    {
        var tests = new List<EnsembleTest>();
        var hub = EnsembleMethod.HubFusion.Name();
        foreach (var metric in TestedMetrics)
        {
            double[] Values(string method, string model) => seeds.Select(s => rows.First(r => r.Method == method && r.Model == model && r.Seed == s && r.Metric == metric.Name).Value).ToArray();
            var fused = Values(hub, "");
            // The best single model by mean over seeds (in the metric's own direction).
            var best = models.Select(m => (Model: m, Values: Values(EnsembleMethod.Single.Name(), m)))
                .MaxBy(m => (metric.Direction == MetricDirection.HigherIsBetter ? 1 : -1) * m.Values.Average());
            foreach (var (against, other) in new[] { (EnsembleMethod.ScoreFusion.Name(), Values(EnsembleMethod.ScoreFusion.Name(), "")),
                         ($"{EnsembleMethod.Single.Name()}:{best.Model}", best.Values) })
            {
                var differences = fused.Zip(other, (a, b) => a - b).ToArray();
                tests.Add(new EnsembleTest(against, metric.Name, differences.Average(), differences,
                    PairedTests.Wilcoxon(fused, other), PairedTests.SignFlip(fused, other)));
            }
        }
        return tests;
    }
}
