using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Studies;

/// <summary>Everything an operating-points run measured, and the maps it fitted (for saving).</summary>
public sealed record OperatingPointsResult(IReadOnlyList<OperatingPointRow> Rows, IReadOnlyList<BctRow> Bct,
    IReadOnlyList<SeedSplit> Splits, IReadOnlyList<(string Folder, FittedMap Map)> Maps);

/// <summary>
/// <c>facecompat operating-points</c>: for one model upgrade A → B, every scenario (<see cref="Scenario"/>) of every
/// map and seed, scored on all pairs of the seed's test split at B's own thresholds (docs/protocol.md, "Operating
/// points"), open-set search on the same split, the BCT criterion over seeds, and the exposure scenario when a fit set
/// is given.
/// </summary>
public static class OperatingPointsRun
{
    /// <summary>Loads, checks, runs and writes operating_points.csv, bct.csv, run.json and splits/ (maps/ when asked) into
    /// <paramref name="outDir"/>: all or nothing.</summary>
    public static OperatingPointsResult RunToFolder(string embeddings, string source, string target, OperatingPointsOptions options,
        string outDir, Action<string>? progress = null)
    {
        OutputDirectory.EnsureUsable(Path.GetFullPath(outDir));
        var withOthers = Mapping.Hub.HubRows.Needed(options.Maps); // a shared space is fitted on every model of the folder
        var inputs = ComparisonInputs.Load(embeddings, source, target, withOthers);
        ComparisonInputs? fit = null;
        if (options.FitOn is { } fitFolder)
        {
            if (Path.GetFullPath(fitFolder) == Path.GetFullPath(embeddings))
                throw new FaceCompatException($"The fit set {fitFolder} is the test embeddings folder itself: the exposure map must be fitted on other images.");
            fit = ComparisonInputs.Load(fitFolder, source, target, withOthers);
            FitSetOverlap.RequireDisjoint(fitFolder, fit, embeddings, inputs);
        }
        var result = Run(inputs, fit, options, progress);
        using var output = OutputDirectory.Begin(outDir);
        OperatingPointsWriter.Write(output.Staging, inputs, fit, options, result);
        output.Commit();
        return result;
    }

    public static OperatingPointsResult Run(ComparisonInputs inputs, ComparisonInputs? fit, OperatingPointsOptions options, Action<string>? progress = null)
    {
        if (options.FalseMatchRates.Count == 0) throw new FaceCompatException("No operating point (FMR) to evaluate.");
        foreach (var f in options.FalseMatchRates.Concat(options.FalsePositiveIdentificationRates))
            if (!(f > 0 && f < 1)) throw new FaceCompatException($"Operating point {f} is not a rate strictly between 0 and 1.");
        if (options.ExposureOnly && fit is null) throw new FaceCompatException("The exposure scenario needs a fit set: embeddings of the same two models on other images.");
        if (options.Maps.Any(m => m.Role != MapRole.Fitted))
            throw new FaceCompatException("operating-points takes fitted maps only; native and unaligned scenarios are always scored.");
        if (fit is not null && (fit.Source.Dimension != inputs.Source.Dimension || fit.Target.Dimension != inputs.Target.Dimension))
            throw new FaceCompatException($"The fit set is {fit.Source.Dimension}-d -> {fit.Target.Dimension}-d but the test set is " +
                $"{inputs.Source.Dimension}-d -> {inputs.Target.Dimension}-d; both must come from the same two models.");
        var plan = CrossModelComparison.Plan(inputs, new ComparisonOptions
        {
            Maps = options.Maps, Seeds = options.Seeds, TrainRatio = options.TrainRatio, SplitFile = options.SplitFile, Preparation = options.Preparation,
        });

        if (fit is null && options.FitIdentityGrid.Count > 0)
            throw new FaceCompatException("The attacker's data grid (fit identities) needs a fit set: embeddings of the same two models on other images.");
        var fitIdentities = fit?.Source.Records.Select(r => r.Identity).ToArray();
        if (fitIdentities is not null) AttackerData.RequireSizes(fitIdentities, options.FitIdentityGrid);
        // Fitted maps are kept for the output only when asked: a grid of attackers' maps would otherwise stay in memory.
        var maps = new SavedMaps(options.SaveMaps);
        var exposureMaps = new List<ExposureMap>();
        if (fit is not null)
            foreach (var (spec, map) in FitExposure(fit, Enumerable.Range(0, fit.Source.Count).ToArray(), plan.Maps, options))
            {
                exposureMaps.Add(new ExposureMap(spec.Label, null, map));
                maps.Add(($"exposure/{spec.Label}", map));
            }

        var rows = new List<OperatingPointRow>();
        foreach (var split in plan.Splits)
        {
            // The grid's maps are fitted per seed: the seed draws the attacker's identities.
            var seedMaps = new List<ExposureMap>(exposureMaps);
            foreach (var k in options.FitIdentityGrid)
                foreach (var (spec, map) in FitExposure(fit!, AttackerData.Rows(fitIdentities!, k, split.Seed), plan.Maps, options))
                {
                    seedMaps.Add(new ExposureMap(spec.Label, k, map));
                    maps.Add(($"exposure-{k}-identities/{spec.Label}/seed-{split.Seed}", map));
                }
            rows.AddRange(Seed(inputs, split, plan.Maps, seedMaps, options, maps, progress));
        }
        return new OperatingPointsResult(rows, BctCriterion.Of(rows, plan.Maps.Select(m => m.Label).ToArray(), plan.Splits.Select(s => s.Seed).ToArray()),
            plan.Splits, maps.All);
    }

    /// <summary>The fitted maps an operating-points run writes under maps/ (<see cref="OperatingPointsOptions.SaveMaps"/>), or none.</summary>
    private sealed class SavedMaps(bool keep)
    {
        public List<(string Folder, FittedMap Map)> All { get; } = [];
        public void Add((string Folder, FittedMap Map) map) { if (keep) All.Add(map); }
    }

    /// <summary>A map fitted on the fit set (all of it, or <see cref="FitIdentities"/> of its identities) for the exposure scenario.</summary>
    private sealed record ExposureMap(string Label, int? FitIdentities, FittedMap Map);

    private static IEnumerable<(MapSpec Spec, FittedMap Map)> FitExposure(ComparisonInputs fit, int[] rows, IReadOnlyList<MapSpec> specs, OperatingPointsOptions options)
    {
        var sourceRows = MapTraining.Rows(fit.Source, rows);
        var targetRows = MapTraining.Rows(fit.Target, rows);
        var pair = Preparation.Fit(sourceRows, targetRows, options.Preparation).PrepareTraining(sourceRows, targetRows);
        IReadOnlyDictionary<string, Matrix>? all = null;
        return specs.Select(spec => (spec, Migratable(spec.CreateFitter(null).FitInRun(() => pair,
            () => all ??= CrossModelComparison.TrainRowsOfAll(fit, rows), fit.SourceName, fit.TargetName, options.Preparation), spec))).ToList();
    }

    private static List<OperatingPointRow> Seed(ComparisonInputs inputs, SeedSplit split, IReadOnlyList<MapSpec> specs,
        List<ExposureMap> exposureMaps, OperatingPointsOptions options, SavedMaps maps, Action<string>? progress)
    {
        var (src, tgt) = (inputs.Source, inputs.Target);
        var (a, b) = (inputs.SourceName, inputs.TargetName);
        var seed = split.Seed;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The seed's train identities fit the migration maps; the exposure scenario alone needs none.
        var sourceTrain = options.ExposureOnly ? null : MapTraining.Rows(src, split.TrainRows);
        var targetTrain = options.ExposureOnly ? null : MapTraining.Rows(tgt, split.TrainRows);
        var pair = options.ExposureOnly ? null
            : Preparation.Fit(sourceTrain!, targetTrain!, options.Preparation).PrepareTraining(sourceTrain!, targetTrain!);
        var sourceTest = MapTraining.Rows(src, split.TestRows);
        var names = split.TestRows.Select(r => src.Records[r].Identity).ToArray();
        var ids = CrossModelComparison.IdentityCodes(names);
        var nativeB = Rows.Normalized(OpenSetEnrolment.Take(tgt.Vectors, tgt.Dimension, split.TestRows), ids.Length, tgt.Dimension);
        var nativeA = Rows.Normalized(OpenSetEnrolment.Take(src.Vectors, src.Dimension, split.TestRows), ids.Length, src.Dimension);
        var dB = tgt.Dimension;

        float[] Migrate(FittedMap map) => map.MigrateToTarget(sourceTest).ToFloats();
        var carried = new List<(string Map, Scenario Scenario, float[] Rows)>();
        if (!options.ExposureOnly)
        {
            var unaligned = MapRegistry.Baseline.Spec();
            var unalignedMap = unaligned.CreateFitter(seed).Fit(pair!);
            maps.Add(($"{unaligned.Label}/seed-{seed}", unalignedMap));
            carried.Add((unaligned.Label, Scenario.Unaligned, Migrate(unalignedMap)));
            IReadOnlyDictionary<string, Matrix>? all = null;
            foreach (var spec in specs)
            {
                var map = Migratable(spec.CreateFitter(seed).FitInRun(() => pair!,
                    () => all ??= CrossModelComparison.TrainRowsOfAll(inputs, split.TrainRows), a, b, options.Preparation), spec);
                maps.Add(($"{spec.Label}/seed-{seed}", map));
                carried.Add((spec.Label, Scenario.Migrated, Migrate(map)));
            }
        }
        var exposed = exposureMaps.Select(e => (e.Label, e.FitIdentities, Rows: Migrate(e.Map))).ToArray();

        var rows = new List<OperatingPointRow>();
        // Verification: B's thresholds from its own impostors; A runs at its own.
        var fmrs = options.FalseMatchRates;
        var probesB = new Templates(nativeB, dB); // widened once, shared by every scenario
        var nb = new AllPairsScores(probesB, probesB, ids, PairRule.DistinctImagesUnordered);
        var thresholdsB = ThresholdCalibration.Calibrate(nb, fmrs);
        rows.AddRange(OperatingPointRow.Of(a, b, "", seed, Scenario.NativeB, OperatingTask.Verification, OperatingPointCounter.Count(nb, thresholdsB), true));
        if (!options.ExposureOnly)
        {
            var templatesA = new Templates(nativeA, src.Dimension);
            var na = new AllPairsScores(templatesA, templatesA, ids, PairRule.DistinctImagesUnordered);
            rows.AddRange(OperatingPointRow.Of(a, b, "", seed, Scenario.NativeA, OperatingTask.Verification,
                OperatingPointCounter.Count(na, ThresholdCalibration.Calibrate(na, fmrs)), true));
        }
        foreach (var (label, scenario, gallery) in carried)
            rows.AddRange(OperatingPointRow.Of(a, b, label, seed, scenario, OperatingTask.Verification,
                OperatingPointCounter.Count(new AllPairsScores(probesB, new Templates(gallery, dB), ids, PairRule.DistinctImages), thresholdsB), false));
        foreach (var (label, fitIdentities, leaked) in exposed)
        {
            rows.AddRange(OperatingPointRow.Of(a, b, label, seed, Scenario.Exposure, OperatingTask.Verification,
                OperatingPointCounter.Count(new AllPairsScores(probesB, new Templates(leaked, dB), ids, PairRule.DistinctImages), thresholdsB), false, fitIdentities));
            rows.AddRange(OperatingPointRow.Of(a, b, label, seed, Scenario.ExposureSameImage, OperatingTask.Verification,
                OperatingPointCounter.Count(new AllPairsScores(nativeB, leaked, dB, ids, PairRule.SameImage), thresholdsB), false, fitIdentities));
        }
        var verificationSeconds = clock.Elapsed.TotalSeconds;

        // Open-set search on the same split.
        var enrolment = OpenSetEnrolment.Of(names);
        var (t, p) = (enrolment.TemplateRows, enrolment.ProbeRows);
        var (galleryIds, probeIds) = (OpenSetEnrolment.Take(ids, t), OpenSetEnrolment.Take(ids, p));
        ScoreList Search(float[] gallery, float[] probes, int dimension) =>
            OpenSetSearch.Score(OpenSetEnrolment.Take(gallery, dimension, t), galleryIds, OpenSetEnrolment.Take(probes, dimension, p), probeIds, dimension);
        var fpirs = options.FalsePositiveIdentificationRates;
        if (fpirs.Count > 0 && !options.ExposureOnly)
        {
            var sb = Search(nativeB, nativeB, dB);
            var searchThresholdsB = ThresholdCalibration.Calibrate(sb, fpirs);
            rows.AddRange(OperatingPointRow.Of(a, b, "", seed, Scenario.NativeB, OperatingTask.OpenSet, OperatingPointCounter.Count(sb, searchThresholdsB), true));
            var sa = Search(nativeA, nativeA, src.Dimension);
            rows.AddRange(OperatingPointRow.Of(a, b, "", seed, Scenario.NativeA, OperatingTask.OpenSet,
                OperatingPointCounter.Count(sa, ThresholdCalibration.Calibrate(sa, fpirs)), true));
            foreach (var (label, scenario, migrated) in carried)
            {
                rows.AddRange(OperatingPointRow.Of(a, b, label, seed, scenario, OperatingTask.OpenSet,
                    OperatingPointCounter.Count(Search(migrated, nativeB, dB), searchThresholdsB), false));
                if (scenario == Scenario.Migrated)
                    rows.AddRange(OperatingPointRow.Of(a, b, label, seed, Scenario.ProbeMapped, OperatingTask.OpenSet,
                        OperatingPointCounter.Count(Search(nativeB, migrated, dB), searchThresholdsB), false));
            }
        }
        progress?.Invoke($"seed {seed}: {ids.Length} test images, {nb.GenuineCount:N0} genuine + {nb.ImpostorCount:N0} impostor pairs (native), " +
            $"{carried.Count + 2 * exposed.Length} carried sets; verification {verificationSeconds:F1} s, open set {clock.Elapsed.TotalSeconds - verificationSeconds:F1} s");
        return rows;
    }

    private static FittedMap Migratable(FittedMap map, MapSpec spec) => map.CanMigrate ? map
        : throw new FaceCompatException($"map '{spec.Label}' compares both models in a shared space of its own, so it cannot migrate A templates into B's space; choose maps such as procrustes, lstsq or ridge.");
}
