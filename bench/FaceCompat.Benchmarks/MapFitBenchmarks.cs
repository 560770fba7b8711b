using BenchmarkDotNet.Attributes;
using FaceCompat.Embeddings;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Benchmarks;

/// <summary>
/// The fits of the reference protocol at LFW scale (13,233 rows, 1024-d source, 512-d target,
/// synthetic): one seed = split, preparation, X^T X and X^T Y once, then Procrustes, lstsq and ridge,
/// each applied to the test rows. Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- --filter '*MapFit*'
/// </summary>
[MemoryDiagnoser]
public class MapFitBenchmarks
{
    private Matrix source = null!;
    private Matrix target = null!;
    private string[] identities = null!;
    private FaceCompat.Embeddings.EmbeddingRecord[] records = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int n = 13233, ds = 1024, dt = 512;
        var random = new NumpyRandomState(1);
        source = new Matrix(n, ds);
        for (var i = 0; i < source.Data.Length; i++) source.Data[i] = random.NextGaussian();
        var mix = new Matrix(ds, dt);
        for (var i = 0; i < mix.Data.Length; i++) mix.Data[i] = random.NextGaussian();
        target = source.Multiply(mix);
        for (var i = 0; i < target.Data.Length; i++) target.Data[i] += 5 * random.NextGaussian();
        identities = Enumerable.Range(0, n).Select(i => $"p{i % 5749}").ToArray();
        records = identities.Select((id, i) => new FaceCompat.Embeddings.EmbeddingRecord(i, "", id)).ToArray();
    }

    [Benchmark(Description = "reference maps, one seed (fit + transform test)")]
    public double ReferenceMapsOneSeed()
    {
        var split = IdentitySplit.Random(identities, 0.7, 42);
        var (train, test) = split.RowIndices(records);
        var xs = source.SelectRows(train);
        var ys = target.SelectRows(train);
        var pair = Preparation.Fit(xs, ys).PrepareTraining(xs, ys);
        var xt = source.SelectRows(test);
        var checksum = 0.0;
        foreach (var spec in MapRegistry.Reference)
        {
            var map = spec.CreateFitter().Fit(pair);
            checksum += map.TransformSource(xt).Data[0];
        }
        return checksum;
    }
}

/// <summary>Native (OpenBLAS) against the managed GEMM on X^T Y at the reference scale.</summary>
public class GemmBenchmarks
{
    private Matrix x = null!;
    private Matrix y = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        x = new Matrix(9263, 1024);
        y = new Matrix(9263, 512);
        for (var i = 0; i < x.Data.Length; i++) x.Data[i] = random.NextDouble();
        for (var i = 0; i < y.Data.Length; i++) y.Data[i] = random.NextDouble();
    }

    [Benchmark(Baseline = true)]
    public object Native() => Matrix.Multiply(x, true, y, false);

    [Benchmark]
    public object Managed()
    {
        using (Blas.ForceManaged()) return Matrix.Multiply(x, true, y, false);
    }
}
