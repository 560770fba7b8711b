using System.Diagnostics;
using FaceCompat.Analysis;
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Studies;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Where one within-dataset evaluation of the study spends its time, phase by phase (split, preparation,
/// each map's fit, transforms, normalisation, identification, verification, bootstrap), on one ordered pair of an
/// exchange folder. Used to find the study's waste; the study's own log gives whole-unit times.
/// With <c>--repeat N</c> the split is prepared and the maps evaluated N times, and each phase reports its first call and the median
/// of the later ones (steady state: tiered JIT done, buffers warm), wall and CPU.
///   dotnet run -c Release --project bench/FaceCompat.Benchmarks -- study-phases DIR SOURCE TARGET [seed] [maps] [--repeat N]
/// </summary>
public static class StudyPhaseProfile
{
    public static void Run(string[] args)
    {
        var repeat = new BenchArgs(args).Int("--repeat", 1);
        args = args.TakeWhile(a => a != "--repeat").ToArray();
        var folder = new EmbeddingFolder(args[0]);
        var (source, target) = (args[1], args[2]);
        var seed = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 42;
        var maps = MapSpec.ParseList(args.Length > 4 ? args[4] : "procrustes,lstsq,ridge:alpha=0.1,unaligned,shuffled,random-orthogonal,poly2:alpha=0.0001");
        var inputs = ComparisonInputs.FromSets(source, target, folder.Load(source), folder.Load(target));
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var times = new Dictionary<string, List<(double Wall, double Cpu)>>();
        var order = new List<string>();
        // Per map and repetition, the phases one sweep evaluation runs (its gallery is shared by the split's maps).
        var evaluations = new Dictionary<string, List<(double Wall, double Cpu)>>();
        void Phase(string name, string? evaluationOf = null)
        {
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            if (!times.TryGetValue(name, out var list)) { times[name] = list = []; order.Add(name); }
            list.Add((clock.Elapsed.TotalMilliseconds, used.TotalMilliseconds));
            if (evaluationOf is not null)
            {
                if (!evaluations.TryGetValue(evaluationOf, out var totals)) evaluations[evaluationOf] = totals = [];
                if (totals.Count < list.Count) totals.Add((0, 0));
                totals[^1] = (totals[^1].Wall + clock.Elapsed.TotalMilliseconds, totals[^1].Cpu + used.TotalMilliseconds);
            }
            cpu = process.TotalProcessorTime;
            clock.Restart();
        }

        var plan = CrossModelComparison.Plan(inputs, new ComparisonOptions { Maps = maps, Seeds = [seed] });
        var split = plan.Splits[0];
        Phase($"plan ({split.TrainRows.Length} train, {split.TestRows.Length} test rows)");
        for (var rep = 0; rep < repeat; rep++)
        {
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
                var fitted = map.CreateFitter(seed).Fit(pair);
                Phase($"{map.Label}: fit", map.Label);
                var mapped = fitted.TransformSource(xt);
                Phase($"{map.Label}: transform source", map.Label);
                var galleryRows = fitted.TransformTarget(yt);
                Phase($"{map.Label}: transform target");
                var n = xt.Rows;
                var g = Rows.Normalized(galleryRows.Data, n, galleryRows.Cols);
                Phase($"{map.Label}: normalise gallery");
                var q = Rows.Normalized(mapped.Data, n, mapped.Cols);
                Phase($"{map.Label}: normalise queries", map.Label);
                var identification = Identification.Evaluate(q, n, g, n, mapped.Cols, ids, ids, [IdentificationProtocol.Reference, IdentificationProtocol.Strict]);
                Phase($"{map.Label}: identification (dim {mapped.Cols})", map.Label);
                var block = SgemmOnly(q, g, n, mapped.Cols);
                Phase($"{map.Label}: (identification's SGEMM alone)");
                TopKOnly(block, n);
                Phase($"{map.Label}: (top-51 of a block's rows, 1 thread)");
                var scores = Verification.Scores(q, g, mapped.Cols, pairs);
                Phase($"{map.Label}: verification scores", map.Label);
                var v = Verification.Evaluate(scores, pairs);
                Phase($"{map.Label}: verification ROC", map.Label);
                foreach (var (_, r) in identification)
                {
                    var groups = r.EvaluatedQueries.Select(i => ids[i]).ToArray();
                    var hit1 = r.FirstHitRank.Select(k => k == 1 ? 1.0 : 0.0).ToArray();
                    Bootstrap.GroupedMeans([hit1, r.AveragePrecision.ToArray()], groups, 1000, 0.95, (ulong)seed);
                }
                Phase($"{map.Label}: bootstrap x2");
                if (rep == 0) Console.WriteLine($"{map.Label}: strict Rank-1 {identification[IdentificationProtocol.Strict].Rank1:P2}, EER {v.Eer:P2}");
            }
        }

        Console.WriteLine($"{"phase",-48} {"first wall",10} {"first cpu",10} {"steady wall",12} {"steady cpu",11}   (ms; steady = median of calls 2..{repeat})");
        void Row(string name, List<(double Wall, double Cpu)> list)
        {
            var later = list.Count > 1 ? list.Skip(1).ToList() : list;
            double Median(Func<(double Wall, double Cpu), double> f)
            {
                var sorted = later.Select(f).Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            }
            Console.WriteLine($"{name,-48} {list[0].Wall,10:F1} {list[0].Cpu,10:F1} {Median(t => t.Wall),12:F1} {Median(t => t.Cpu),11:F1}");
        }
        foreach (var name in order) Row(name, times[name]);
        foreach (var (map, totals) in evaluations)
            Row($"{map}: sweep evaluation (fit..ROC, no gallery)", totals);
    }

    /// <summary>The similarity blocks <see cref="Identification"/> computes, without the top-k: its SGEMM share.</summary>
    private static float[] SgemmOnly(float[] queries, float[] gallery, int n, int dimension)
    {
        var blockRows = SimilarityBlocks.BlockRows(n);
        var scores = new float[(long)blockRows * n];
        for (var start = 0; start < n; start += blockRows)
        {
            var rows = Math.Min(blockRows, n - start);
            SimilarityBlocks.Multiply(queries.AsSpan(start * dimension, rows * dimension), rows, gallery, n, dimension, scores.AsSpan(0, rows * n));
        }
        return scores;
    }

    /// <summary>The top-k selection <see cref="Identification"/> runs on every row of scores, over one block's rows.</summary>
    private static void TopKOnly(float[] scores, int n)
    {
        var top = new int[Identification.DefaultMaxRank + 1];
        for (var r = 0; r < scores.Length / n; r++) TopK.Select(scores.AsSpan(r * n, n), -1, top);
    }
}
