using System.Diagnostics;

namespace FaceCompat.Numerics;

/// <summary>The GEMM rate this machine reaches now, float32 and float64, in FLOP/s (best of a few square products).</summary>
internal sealed record GemmPeak(double SingleFlopsPerSecond, double DoubleFlopsPerSecond, int Size)
{
    /// <summary>Times <paramref name="repeats"/> products of two <paramref name="size"/>-square matrices per precision after one warm-up; keeps the fastest.</summary>
    public static GemmPeak Measure(int size = 1024, int repeats = 3)
    {
        if (size < 1 || repeats < 1) throw new ArgumentOutOfRangeException(nameof(size));
        var random = new Random(1);
        var n = size * size;
        var (sa, sb, sc) = (new float[n], new float[n], new float[n]);
        var (da, db, dc) = (new double[n], new double[n], new double[n]);
        // Stryker disable once all : the operands' values do not change a product's time
        for (var i = 0; i < n; i++)
        {
            da[i] = sa[i] = (float)(random.NextDouble() - 0.5);
            db[i] = sb[i] = (float)(random.NextDouble() - 0.5);
        }
        // Stryker disable once Boolean : a transposed operand is timed the same way
        var single = Best(() => Blas.Sgemm(false, false, size, size, size, 1f, sa, size, sb, size, 0f, sc, size));
        // Stryker disable once Boolean : a transposed operand is timed the same way
        var dbl = Best(() => Blas.Dgemm(false, false, size, size, size, 1.0, da, size, db, size, 0.0, dc, size));
        var operations = 2.0 * size * size * size;
        return new GemmPeak(operations / single, operations / dbl, size);

        double Best(Action product)
        {
            // Stryker disable once Statement : the warm-up only keeps first-call costs out of the timings
            product();
            var best = double.MaxValue;
            // Stryker disable once Equality : one more timed repeat can only confirm the best time
            for (var r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                product();
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            return Math.Max(best, 1e-9);
        }
    }
}
