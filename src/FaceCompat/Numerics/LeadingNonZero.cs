namespace FaceCompat.Numerics;

/// <summary>How far into row-major rows the non-zero values reach (the zero padding after them is left out of work).</summary>
internal static class LeadingNonZero
{
    /// <summary>
    /// 1 + the last column holding a non-zero value in any of the first <paramref name="rowCount"/> rows of
    /// <paramref name="rows"/> (row-major, <paramref name="width"/> wide); 0 when all are zero. Rows past them are not read.
    /// </summary>
    public static int Columns<T>(ReadOnlySpan<T> rows, int width, int rowCount) where T : struct, IEquatable<T>
    {
        var last = -1;
        // Stryker disable once Equality,Arithmetic : stopping once the last column is reached only saves the scan of the remaining rows
        for (var r = 0; r < rowCount && last < width - 1; r++)
        {
            var row = rows.Slice(r * width, width);
            for (var j = width - 1; j > last; j--)
                // Stryker disable once Statement : after last = j the loop's condition ends it anyway
                if (!row[j].Equals(default)) { last = j; break; }
        }
        return last + 1;
    }
}
