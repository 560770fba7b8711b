namespace FaceCompat.Evaluation;

/// <summary>Row-wise helpers for row-major float32 matrices.</summary>
public static class Rows
{
    /// <summary>
    /// A copy with every row scaled to unit L2 norm, the norm taken in double and the result rounded
    /// once to float32 (numpy: <c>(x64 / norm(x64, axis=1)).astype(float32)</c>). All-zero rows stay zero.
    /// </summary>
    public static float[] Normalized(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var i = 0; i < rows; i++)
        {
            var src = values.AsSpan(i * cols, cols);
            var norm = Math.Sqrt(Verification.DotDouble(src, src));
            var dst = result.AsSpan(i * cols, cols);
            if (norm == 0) continue;
            for (var j = 0; j < cols; j++) dst[j] = (float)(src[j] / norm);
        }
        return result;
    }

    /// <summary>The same for double input (a map's output), rounded once to float32.</summary>
    public static float[] Normalized(double[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        // Rows are independent: in parallel when there are many (the same values either way).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = (long)rows * cols >= 1 << 18 ? Environment.ProcessorCount : 1 };
        Parallel.For(0, rows, parallel, i =>
        {
            var src = values.AsSpan(i * cols, cols);
            double ss = 0;
            foreach (var v in src) ss += v * v;
            var norm = Math.Sqrt(ss);
            var dst = result.AsSpan(i * cols, cols);
            if (norm == 0) return;
            for (var j = 0; j < cols; j++) dst[j] = (float)(src[j] / norm);
        });
        return result;
    }
}
