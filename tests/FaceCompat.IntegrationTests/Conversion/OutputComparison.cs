namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>Max absolute difference and the lowest per-row cosine between two row-major matrices.</summary>
internal readonly record struct OutputComparison(double MaxAbsDiff, double MinCosine)
{
    public static OutputComparison Of(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int rows)
    {
        if (expected.Length != actual.Length) throw new ArgumentException($"Length {actual.Length} differs from expected {expected.Length}.");
        var cols = expected.Length / rows;
        double maxAbs = 0, minCos = double.MaxValue;
        for (var r = 0; r < rows; r++)
        {
            double dot = 0, ee = 0, aa = 0;
            for (var c = 0; c < cols; c++)
            {
                double e = expected[r * cols + c], a = actual[r * cols + c];
                maxAbs = Math.Max(maxAbs, Math.Abs(e - a));
                dot += e * a; ee += e * e; aa += a * a;
            }
            // Two all-zero rows are identical; cosine is undefined, count it as 1.
            var cos = ee == 0 && aa == 0 ? 1.0 : dot / Math.Sqrt(ee * aa);
            minCos = Math.Min(minCos, cos);
        }
        return new OutputComparison(maxAbs, minCos);
    }
}
