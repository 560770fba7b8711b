using System.Diagnostics;
using System.Globalization;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Infrastructure;

namespace FaceCompat.Benchmarks;

/// <summary>
/// The aligners side by side on the same images, in one process, interleaved round by round: the landmark
/// stage of each (decode + its nets + five points, in memory, nothing reused from any cache), timed in
/// wall-clock and in this process's CPU seconds; faces found; on CFP, the landmark accuracy against the
/// fiducials (<see cref="LandmarkAccuracy"/>, the normalisation of docs/alignment.md); and how far MTCNN's five
/// points lie from the mesh aligner's (mean over the five points, over the mesh's inter-ocular distance).
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- aligner-compare --dataset cfp [--limit-identities 100] [--threads 2] [--rounds 1]
/// </summary>
internal static class AlignerComparison
{
    public static int Run(string[] args)
    {
        var arg = new BenchArgs(args);
        var threads = arg.Int("--threads", 2);
        var rounds = arg.Int("--rounds", 1);
        var limit = arg.Int("--limit-identities", 0);
        var dataset = DatasetCatalog.Resolve(arg.Get("--dataset", "cfp"), arg.Get("--data", "") is { Length: > 0 } d ? d : null,
            limit > 0 ? IdentitySubset.First(limit) : null);
        var n = dataset.Images.Count;
        Console.WriteLine($"dataset {dataset.Name}: {n} images; {Environment.ProcessorCount} cores; {threads} threads; {rounds} rounds; load average {LoadAverage.Now()}");
        var aligners = AlignerNames.All.Select(a => PreparedAligner.Prepare(a)).ToList();
        var warmUp = new ImageDataset(dataset.Name + "-warmup", dataset.Root, dataset.Images.Take(8).ToList(), dataset.ReferenceCrop);
        foreach (var a in aligners) LandmarkCache.Compute(warmUp, threads, a);

        var times = aligners.ToDictionary(a => a.Aligner, _ => new List<(double Wall, double Cpu)>());
        var entries = new Dictionary<Aligner, IReadOnlyList<LandmarkEntry>>();
        Console.WriteLine("round  aligner  img/s (wall)  wall s   img/s (CPU, x cores)  CPU s");
        for (var round = 1; round <= rounds; round++)
            foreach (var a in aligners)
            {
                var (t, found) = Time(() => LandmarkCache.Compute(dataset, threads, a));
                entries[a.Aligner] = found;
                times[a.Aligner].Add(t);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,-7} {2,12:F1} {3,8:F1} {4,21:F1} {5,6:F1}",
                    round, AlignerNames.Name(a.Aligner), n / t.Wall, t.Wall, n / t.Cpu * Environment.ProcessorCount, t.Cpu));
            }

        Console.WriteLine($"\nsum over {rounds} round(s), load average now {LoadAverage.Now()}:");
        foreach (var a in aligners)
        {
            var wall = times[a.Aligner].Sum(t => t.Wall);
            var cpu = times[a.Aligner].Sum(t => t.Cpu);
            var list = entries[a.Aligner];
            var set = new LandmarkSet(new string('0', 64), dataset.Name, list, aligner: a.Aligner);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,-6} {1,6:F1} img/s wall, {2,6:F1} img/s CPU-based, {3,6:F1} CPU ms/image; faces {4}/{5}, no face {6}",
                AlignerNames.Name(a.Aligner), rounds * n / wall, rounds * n / cpu * Environment.ProcessorCount, 1000 * cpu / (rounds * n),
                set.Found, n, n - set.Found));
            foreach (var missing in list.Where(e => e.Landmarks is null).Take(12)) Console.WriteLine($"    no face: {missing.Path} ({missing.Reason})");
            if (dataset.Name.StartsWith(CfpDataset.Name, StringComparison.Ordinal))
                foreach (var row in LandmarkAccuracy.EvaluateCfp(set, dataset))
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {row.View,-8} images {row.Images,5}  detected {row.Detected,5} ({100 * row.DetectionRate:F2}%)  NME mean {row.MeanError:F4}  median {row.MedianError:F4}  >0.10 {100 * row.FailureRate10:F1}%"));
        }
        if (dataset.Name.StartsWith(CfpDataset.Name, StringComparison.Ordinal)) OnCommonImages(dataset, entries);
        Agreement(dataset, entries[Aligner.Mesh], entries[Aligner.Mtcnn]);
        return 0;
    }

    /// <summary>CFP accuracy of each aligner on the images where every aligner found a face (the same images for all).</summary>
    private static void OnCommonImages(ImageDataset dataset, Dictionary<Aligner, IReadOnlyList<LandmarkEntry>> entries)
    {
        var common = dataset.Images.Select(i => i.RelativePath).ToHashSet(StringComparer.Ordinal);
        foreach (var list in entries.Values) common.IntersectWith(list.Where(e => e.Landmarks is not null).Select(e => e.Path));
        var images = new ImageDataset(dataset.Name + "-common", dataset.Root, dataset.Images.Where(i => common.Contains(i.RelativePath)).ToList(), dataset.ReferenceCrop);
        Console.WriteLine($"on the {images.Images.Count} images where every aligner found a face:");
        foreach (var (aligner, list) in entries)
            foreach (var row in LandmarkAccuracy.EvaluateCfp(new LandmarkSet(new string('0', 64), dataset.Name, list, aligner: aligner), images))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {AlignerNames.Name(aligner),-6} {row.View,-8} images {row.Images,5}  NME mean {row.MeanError:F4}  median {row.MedianError:F4}  >0.10 {100 * row.FailureRate10:F1}%"));
    }

    /// <summary>MTCNN's points against the mesh's, on images where both give five points.</summary>
    private static void Agreement(ImageDataset dataset, IReadOnlyList<LandmarkEntry> mesh, IReadOnlyList<LandmarkEntry> mtcnn)
    {
        var byPath = mtcnn.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var errors = new List<double>();
        foreach (var m in mesh)
        {
            if (m.Landmarks is not { Count: 5 } a || byPath[m.Path].Landmarks is not { } b) continue;
            var iod = Math.Sqrt(Sq(a.Points[2] - a.Points[0]) + Sq(a.Points[3] - a.Points[1]));
            var sum = 0.0;
            for (var i = 0; i < 5; i++) sum += Math.Sqrt(Sq(a.Points[2 * i] - b.Points[2 * i]) + Sq(a.Points[2 * i + 1] - b.Points[2 * i + 1]));
            errors.Add(sum / 5 / iod);
        }
        errors.Sort();
        if (errors.Count == 0) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MTCNN vs mesh five points ({errors.Count} images with five points from both), mean distance / mesh inter-ocular distance: mean {errors.Average():F4}, median {errors[errors.Count / 2]:F4}, 95th percentile {errors[(int)(0.95 * (errors.Count - 1))]:F4}, > 0.25: {errors.Count(e => e > 0.25)}"));
    }

    private static double Sq(double v) => v * v;

    private static ((double Wall, double Cpu), T) Time<T>(Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        process.Refresh();
        return ((clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds), result);
    }
}
