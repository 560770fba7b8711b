namespace FaceCompat.Numerics;

/// <summary>
/// Rows of doubles read one at a time: a <see cref="Matrix"/>'s own rows, or rows converted as they are read (float32
/// embeddings picked by index, <see cref="Embeddings.SelectedRows"/>), so that a pass over them needs no float64 copy.
/// </summary>
internal interface IRowSource
{
    int Rows { get; }
    int Cols { get; }

    /// <summary>Row <paramref name="index"/>: a view of the source's own storage, or <paramref name="scratch"/> (at least
    /// <see cref="Cols"/> long) filled with it.</summary>
    ReadOnlySpan<double> Row(int index, Span<double> scratch);
}

internal static class RowSources
{
    /// <summary>Every row, as a new matrix.</summary>
    public static Matrix ToMatrix(this IRowSource source)
    {
        var m = new Matrix(source.Rows, source.Cols);
        for (var i = 0; i < m.Rows; i++) Read(source, i, m.Row(i));
        return m;
    }

    /// <summary>The rows selected by index, in the order given, as a new matrix.</summary>
    public static Matrix ToMatrix(this IRowSource source, ReadOnlySpan<int> rows)
    {
        var m = new Matrix(rows.Length, source.Cols);
        for (var i = 0; i < rows.Length; i++) Read(source, rows[i], m.Row(i));
        return m;
    }

    private static void Read(IRowSource source, int index, Span<double> row)
    {
        var read = source.Row(index, row);
        if (read != row) read.CopyTo(row);
    }
}
