using System.Diagnostics;
using FaceCompat.Analysis;
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Studies;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Where one within-dataset evaluation of the study spends its time, phase by phase (split, preparation,
/// each map's fit, transforms, identification, verification, bootstrap), on one ordered pair of an
/// exchange folder. Used to find the study's waste; the study's own log gives whole-unit times.
///   dotnet run -c Release --project bench/FaceCompat.Benchmarks -- study-phases DIR SOURCE TARGET [seed] [maps]
/// </summary>
public static class StudyPhaseProfile
{
    public static void Run(string[] args)
    {
        var folder = new EmbeddingFolder(args[0]);
        var (source, target) = (args[1], args[2]);
        var seed = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 42;
        var maps = args.Length > 4 ? args[4].Split(',') : ["procrustes", "lstsq", "ridge:alpha=0.1", "unaligned", "shuffled", "random-orthogonal", "poly2:alpha=0.0001"];
        var inputs = ComparisonInputs.FromSets(source, target, folder.Load(source), folder.Load(target));
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        void Phase(string name)
        {
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            Console.WriteLine($"{name,-40} {clock.Elapsed.TotalMilliseconds,9:F0} ms wall {used.TotalMilliseconds,9:F0} ms cpu");
            cpu = process.TotalProcessorTime;
            clock.Restart();
        }

        var plan = CrossModelComparison.Plan(inputs, new ComparisonOptions { Maps = maps, Seeds = [seed] });
        var split = plan.Splits[0];
        Phase($"plan ({split.TrainRows.Length} train, {split.TestRows.Length} test rows)");
        var xs = MapTraining.Rows(inputs.Source, split.TrainRows);
        var ys = MapTraining.Rows(inputs.Target, split.TrainRows);
        var xt = MapTraining.Rows(inputs.Source, split.TestRows);
        var yt = MapTraining.Rows(inputs.Target, split.TestRows);
        Phase("rows to float64");
        var preparation = Preparation.Fit(xs, ys);
        var pair = preparation.PrepareTraining(xs, ys);
        Phase("preparation fit + prepare train");
        _ = pair.SourceGram;
        Phase("gram X^T X");
        _ = pair.Cross;
        Phase("cross X^T Y");
        var codes = split.TestRows.Select(r => inputs.Source.Records[r].Identity).Distinct().ToArray();
        var codeOf = codes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var ids = split.TestRows.Select(r => codeOf[inputs.Source.Records[r].Identity]).ToArray();
        var pairs = Verification.ReferencePairs(ids, (ulong)seed);
        Phase($"verification pairs ({pairs.Length})");
        foreach (var map in plan.Maps)
        {
            var fitted = plan.Fitter(map, seed).Fit(pair);
            Phase($"{map.Label}: fit");
            var mapped = fitted.TransformSource(xt);
            Phase($"{map.Label}: transform source");
            var galleryRows = fitted.TransformTarget(yt);
            Phase($"{map.Label}: transform target");
            var n = xt.Rows;
            var q = Rows.Normalized(mapped.Data, n, mapped.Cols);
            var g = Rows.Normalized(galleryRows.Data, n, galleryRows.Cols);
            Phase($"{map.Label}: normalise");
            var identification = Identification.Evaluate(q, n, g, n, mapped.Cols, ids, ids, [IdentificationProtocol.Reference, IdentificationProtocol.Strict]);
            Phase($"{map.Label}: identification (dim {mapped.Cols})");
            var scores = Verification.Scores(q, g, mapped.Cols, pairs);
            Phase($"{map.Label}: verification scores");
            var v = Verification.Evaluate(scores, pairs);
            Phase($"{map.Label}: verification ROC");
            foreach (var (_, r) in identification)
            {
                var groups = r.EvaluatedQueries.Select(i => ids[i]).ToArray();
                var hit1 = r.FirstHitRank.Select(k => k == 1 ? 1.0 : 0.0).ToArray();
                Bootstrap.GroupedMean(hit1, groups, 1000, 0.95, (ulong)seed);
                Bootstrap.GroupedMean(r.AveragePrecision.ToArray(), groups, 1000, 0.95, (ulong)seed);
            }
            Phase($"{map.Label}: bootstrap x4 (Rank-1 {identification[IdentificationProtocol.Strict].Rank1:P2}, EER {v.Eer:P2})");
        }
    }
}
