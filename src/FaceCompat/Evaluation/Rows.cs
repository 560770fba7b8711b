using System.Numerics;

namespace FaceCompat.Evaluation;

/// <summary>Row-wise helpers for row-major float32 matrices.</summary>
internal static class Rows
{
    /// <summary>Rows per parallel work item: enough to amortise the scheduling, few enough to balance two cores.</summary>
    private const int RowsPerBlock = 64;

    /// <summary>
    /// A copy with every row scaled to unit L2 norm, the norm taken in double and the result rounded
    /// once to float32 (numpy: <c>(x64 / norm(x64, axis=1)).astype(float32)</c>). All-zero rows stay zero.
    /// </summary>
    public static float[] Normalized(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        Normalize(values, rows, cols, result);
        return result;
    }

    /// <summary>The same into <paramref name="result"/> (which may be <paramref name="values"/> itself: each row is read before it is written).</summary>
    public static void Normalize(ReadOnlySpan<float> values, int rows, int cols, Span<float> result)
    {
        for (var i = 0; i < rows; i++)
        {
            var src = values.Slice(i * cols, cols);
            Divide(src, Math.Sqrt(Verification.DotDouble(src, src)), result.Slice(i * cols, cols));
        }
    }

    /// <summary>The same for double input (a map's output), rounded once to float32.</summary>
    /// <remarks>Each row's sum of squares is accumulated sequentially, element by element (so the numbers never
    /// depend on the vector width); four rows are summed side by side to overlap their dependency chains.</remarks>
    public static float[] Normalized(double[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        // Stryker disable once Arithmetic : more blocks than rows need are empty (Math.Min below)
        var blocks = (rows + RowsPerBlock - 1) / RowsPerBlock;
        // Rows are independent: blocks in parallel when there are many (the same values either way).
        // Stryker disable once all : rows are independent: any degree of parallelism gives the same values
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = (long)rows * cols >= 1 << 18 ? Environment.ProcessorCount : 1 };
        Parallel.For(0, blocks, parallel, b =>
        {
            var first = b * RowsPerBlock;
            NormalizeRows(values, result, first, Math.Min(rows, first + RowsPerBlock), cols);
        });
        return result;
    }

    private static void NormalizeRows(double[] values, float[] result, int first, int end, int cols)
    {
        var i = first;
        for (; i + 4 <= end; i += 4)
        {
            var r0 = values.AsSpan(i * cols, cols);
            var r1 = values.AsSpan((i + 1) * cols, cols);
            var r2 = values.AsSpan((i + 2) * cols, cols);
            var r3 = values.AsSpan((i + 3) * cols, cols);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (var j = 0; j < cols; j++)
            {
                s0 += r0[j] * r0[j];
                s1 += r1[j] * r1[j];
                s2 += r2[j] * r2[j];
                s3 += r3[j] * r3[j];
            }
            Divide(r0, Math.Sqrt(s0), result.AsSpan(i * cols, cols));
            Divide(r1, Math.Sqrt(s1), result.AsSpan((i + 1) * cols, cols));
            Divide(r2, Math.Sqrt(s2), result.AsSpan((i + 2) * cols, cols));
            Divide(r3, Math.Sqrt(s3), result.AsSpan((i + 3) * cols, cols));
        }
        for (; i < end; i++)
        {
            var src = values.AsSpan(i * cols, cols);
            double ss = 0;
            foreach (var v in src) ss += v * v;
            Divide(src, Math.Sqrt(ss), result.AsSpan(i * cols, cols));
        }
    }

    /// <summary>dst[j] = (float)(src[j] / norm), or zeros when the norm is 0 (each quotient exact IEEE double, rounded once).</summary>
    private static void Divide(ReadOnlySpan<double> src, double norm, Span<float> dst)
    {
        if (norm == 0)
        {
            // Stryker disable once Statement : only reached through Normalized(double[]), whose result is a new, zeroed array
            dst.Clear();
            return;
        }
        var j = 0;
        // Stryker disable once Boolean : the vector and scalar divisions are the same IEEE quotient rounded once
        if (Vector.IsHardwareAccelerated)
        {
            var n = new Vector<double>(norm);
            var half = Vector<double>.Count;
            // Stryker disable once Equality : elements the vector loop leaves are divided one by one, to the same float
            for (; j + 2 * half <= src.Length; j += 2 * half)
                Vector.Narrow(new Vector<double>(src.Slice(j, half)) / n, new Vector<double>(src.Slice(j + half, half)) / n)
                    .CopyTo(dst.Slice(j, 2 * half));
        }
        for (; j < src.Length; j++) dst[j] = (float)(src[j] / norm);
    }

    /// <summary>The float32 form: each element widened exactly to double first.</summary>
    private static void Divide(ReadOnlySpan<float> src, double norm, Span<float> dst)
    {
        if (norm == 0)
        {
            dst.Clear();
            return;
        }
        var j = 0;
        // Stryker disable once Boolean : the vector and scalar divisions are the same IEEE quotient rounded once
        if (Vector.IsHardwareAccelerated)
        {
            var n = new Vector<double>(norm);
            var width = Vector<float>.Count;
            // Stryker disable once Equality : elements the vector loop leaves are divided one by one, to the same float
            for (; j + width <= src.Length; j += width)
            {
                Vector.Widen(new Vector<float>(src.Slice(j, width)), out var low, out var high);
                Vector.Narrow(low / n, high / n).CopyTo(dst.Slice(j, width));
            }
        }
        for (; j < src.Length; j++) dst[j] = (float)(src[j] / norm);
    }
}
