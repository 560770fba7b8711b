using System.Diagnostics;
using System.Globalization;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Benchmarks;

/// <summary>
/// The pieces of bench/gallery/run.sh (docs/study.md, "Large galleries"):
/// <list type="bullet">
/// <item><c>gallery-build --embeddings DIR --model M --size N --probes P --out WORK</c>: from a model's real LFW
/// embeddings (an exchange folder: metadata.csv, M.npy), one template per identity (its first image) spread evenly
/// through a gallery of N rows, the rest synthetic distractors (Gaussian with the real templates' per-dimension mean
/// and spread, seeded), written block by block; the probes are the second image of the first P identities that have
/// one. Also mates.npy (the real templates alone) and the identities of every real row and probe.</item>
/// <item><c>gallery-rank WORK MATCHES.csv GALLERY_IDS.csv</c>: Rank-1/Rank-10 of the probes from a search's matches.</item>
/// <item><c>gemm-peak</c>: the machine's SGEMM rate (the best of square products of several sizes, all cores).</item>
/// </list>
/// </summary>
public static class LargeGallery
{
    private const int BlockRows = 65_536;

    public static int Build(string[] args)
    {
        var a = new BenchArgs(args);
        var dir = a.Get("--embeddings", "");
        var model = a.Get("--model", "faceres");
        var size = a.Int("--size", 1_000_000);
        var probeCount = a.Int("--probes", 1000);
        var work = Path.GetFullPath(a.Get("--out", "out/gallery"));
        Directory.CreateDirectory(work);
        var set = new EmbeddingFolder(dir).Load(model);
        var dim = set.Dimension;
        var byIdentity = set.Records.Select((r, i) => (r.Identity, Row: i)).GroupBy(x => x.Identity, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Select(x => x.Row).ToList()).ToList();
        var mates = byIdentity.Select(g => g[0]).ToList();
        var probes = byIdentity.Where(g => g.Count > 1).Take(probeCount).Select(g => g[1]).ToList();
        if (mates.Count > size) throw new ArgumentException($"the gallery must hold at least the {mates.Count} real templates");
        var stride = size / mates.Count;

        // the distractors' distribution: each dimension's mean and spread over the real templates
        var mean = new double[dim];
        var spread = new double[dim];
        foreach (var r in mates) for (var j = 0; j < dim; j++) mean[j] += set.Row(r)[j] / (double)mates.Count;
        foreach (var r in mates) for (var j = 0; j < dim; j++) spread[j] += Math.Pow(set.Row(r)[j] - mean[j], 2) / mates.Count;
        for (var j = 0; j < dim; j++) spread[j] = Math.Sqrt(spread[j]);

        var clock = Stopwatch.StartNew();
        var rowOfMate = mates.Select((_, m) => m * stride).ToArray();
        AtomicFile.Write(Path.Combine(work, "gallery.npy"), stream =>
        {
            NpyWriter.WriteFloat32Header(stream, size, dim);
            var block = new float[BlockRows * dim];
            for (var first = 0; first < size; first += BlockRows)
            {
                var count = Math.Min(BlockRows, size - first);
                Parallel.For(0, count, i =>
                {
                    var row = first + i;
                    var target = block.AsSpan(i * dim, dim);
                    if (row % stride == 0 && row / stride < mates.Count) { set.Row(mates[row / stride]).CopyTo(target); return; }
                    var rng = new Random(row); // a distractor depends on its row alone
                    for (var j = 0; j < dim; j += 2)
                    {
                        var (z0, z1) = Gaussians(rng);
                        target[j] = (float)(mean[j] + spread[j] * z0);
                        if (j + 1 < dim) target[j + 1] = (float)(mean[j + 1] + spread[j + 1] * z1);
                    }
                });
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(block.AsSpan(0, count * dim)));
            }
        });
        NpyWriter.WriteFloat32(Path.Combine(work, "probes.npy"), probes.SelectMany(r => set.Row(r).ToArray()).ToArray(), probes.Count, dim);
        NpyWriter.WriteFloat32(Path.Combine(work, "mates.npy"), mates.SelectMany(r => set.Row(r).ToArray()).ToArray(), mates.Count, dim);
        AtomicFile.WriteAllText(Path.Combine(work, "gallery_identities.csv"), "gallery_row,identity\n" +
            string.Concat(mates.Select((r, m) => $"{rowOfMate[m]},{set.Records[r].Identity}\n")));
        AtomicFile.WriteAllText(Path.Combine(work, "mates_identities.csv"), "gallery_row,identity\n" +
            string.Concat(mates.Select((r, m) => $"{m},{set.Records[r].Identity}\n")));
        AtomicFile.WriteAllText(Path.Combine(work, "probe_identities.csv"), "probe,identity\n" +
            string.Concat(probes.Select((r, p) => $"{p},{set.Records[r].Identity}\n")));
        Console.WriteLine($"gallery {size:N0} x {dim} ({model}): {mates.Count} real LFW templates every {stride} rows, {size - mates.Count:N0} distractors; " +
            $"{probes.Count} probes; written in {clock.Elapsed.TotalSeconds:F1} s -> {work}");
        return 0;
    }

    private static (double, double) Gaussians(Random rng)
    {
        var u = 1 - rng.NextDouble();
        var r = Math.Sqrt(-2 * Math.Log(u));
        var t = 2 * Math.PI * rng.NextDouble();
        return (r * Math.Cos(t), r * Math.Sin(t));
    }

    public static int Rank(string[] args)
    {
        var work = args[0];
        var matches = File.ReadLines(args[1]).Skip(1).Select(l => l.Split(',')).Select(f => (Probe: int.Parse(f[0], CultureInfo.InvariantCulture),
            Rank: int.Parse(f[1], CultureInfo.InvariantCulture), Row: int.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
        var galleryIds = File.ReadLines(args[2]).Skip(1).Select(l => l.Split(',')).ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => f[1]);
        var probeIds = File.ReadLines(Path.Combine(work, "probe_identities.csv")).Skip(1).Select(l => l.Split(',')[1]).ToArray();
        int Hits(int k) => matches.Where(m => m.Rank <= k && galleryIds.GetValueOrDefault(m.Row) == probeIds[m.Probe]).Select(m => m.Probe).Distinct().Count();
        var distractorsFirst = matches.Count(m => m.Rank == 1 && !galleryIds.ContainsKey(m.Row));
        Console.WriteLine($"{probeIds.Length} probes: Rank-1 {Hits(1) / (double)probeIds.Length:P1}, Rank-10 {Hits(10) / (double)probeIds.Length:P1}; " +
            $"a synthetic distractor ranked first for {distractorsFirst}");
        return 0;
    }

    public static int GemmPeak(string[] args)
    {
        var best = 0.0;
        foreach (var n in new[] { 1024, 2048, 3072 })
        {
            var a = new float[n * n];
            var b = new float[n * n];
            var c = new float[n * n];
            var rng = new Random(n);
            for (var i = 0; i < a.Length; i++) { a[i] = (float)rng.NextDouble(); b[i] = (float)rng.NextDouble(); }
            Blas.Sgemm(false, true, n, n, n, 1f, a, n, b, n, 0f, c, n); // warm-up
            for (var rep = 0; rep < 3; rep++)
            {
                var clock = Stopwatch.StartNew();
                Blas.Sgemm(false, true, n, n, n, 1f, a, n, b, n, 0f, c, n);
                best = Math.Max(best, 2.0 * n * n * n / clock.Elapsed.TotalSeconds / 1e9);
            }
        }
        Console.WriteLine($"SGEMM peak: {best:F1} GFLOP/s ({Blas.Backend}, {Environment.ProcessorCount} cores)");
        return 0;
    }
}
