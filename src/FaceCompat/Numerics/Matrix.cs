namespace FaceCompat.Numerics;

/// <summary>A dense row-major matrix of doubles: element (i, j) is <c>Data[i * Cols + j]</c>.</summary>
internal sealed class Matrix : IRowSource
{
    public Matrix(int rows, int cols) : this(rows, cols, LargeArrays.Zeroed<double>(checked(rows * cols))) { }

    public Matrix(int rows, int cols, double[] data)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), "Dimensions must be non-negative.");
        if (data.Length != (long)rows * cols)
            throw new ArgumentException($"Expected {rows}x{cols} values, got {data.Length}.", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    public int Rows { get; }
    public int Cols { get; }
    public double[] Data { get; }

    public double this[int row, int col]
    {
        get => Data[row * Cols + col];
        set => Data[row * Cols + col] = value;
    }

    public Span<double> Row(int row) => Data.AsSpan(row * Cols, Cols);

    ReadOnlySpan<double> IRowSource.Row(int index, Span<double> scratch) => Row(index);

    public static Matrix Identity(int n)
    {
        var m = new Matrix(n, n);
        for (var i = 0; i < n; i++) m.Data[i * n + i] = 1;
        return m;
    }

    /// <summary>Widens row-major float32 values (e.g. an embedding set) to a matrix.</summary>
    public static Matrix FromFloats(ReadOnlySpan<float> values, int rows, int cols)
    {
        if (values.Length != (long)rows * cols)
            // Stryker disable once Statement : the constructor below refuses the same shape with the same message
            throw new ArgumentException($"Expected {rows}x{cols} values, got {values.Length}.", nameof(values));
        var data = new double[values.Length];
        for (var i = 0; i < data.Length; i++) data[i] = values[i];
        return new Matrix(rows, cols, data);
    }

    public float[] ToFloats()
    {
        var values = new float[Data.Length];
        for (var i = 0; i < values.Length; i++) values[i] = (float)Data[i];
        return values;
    }

    public Matrix Clone() => new(Rows, Cols, LargeArrays.Copy(Data));

    public Matrix Transpose()
    {
        var t = new Matrix(Cols, Rows);
        const int block = 32;
        // Stryker disable once Equality : a block starting at Rows (or Cols) is empty: the inner bounds are clipped
        for (var i0 = 0; i0 < Rows; i0 += block)
            for (var j0 = 0; j0 < Cols; j0 += block)
                for (var i = i0; i < Math.Min(Rows, i0 + block); i++)
                    for (var j = j0; j < Math.Min(Cols, j0 + block); j++)
                        t.Data[j * Rows + i] = Data[i * Cols + j];
        return t;
    }

    /// <summary>this * other.</summary>
    public Matrix Multiply(Matrix other) => Multiply(this, false, other, false);

    /// <summary>op(a) * op(b), where op transposes when asked; one Dgemm call.</summary>
    public static Matrix Multiply(Matrix a, bool transA, Matrix b, bool transB)
    {
        var (m, k) = transA ? (a.Cols, a.Rows) : (a.Rows, a.Cols);
        var (k2, n) = transB ? (b.Cols, b.Rows) : (b.Rows, b.Cols);
        if (k != k2) throw new ArgumentException($"Cannot multiply {m}x{k} by {k2}x{n}.");
        var c = new Matrix(m, n);
        Blas.Dgemm(transA, transB, m, n, k, 1.0, a.Data, Math.Max(1, a.Cols), b.Data, Math.Max(1, b.Cols), 0.0, c.Data, Math.Max(1, n));
        return c;
    }

    /// <summary>
    /// this * other computed on the leading blocks that can be non-zero: the trailing all-zero columns of
    /// this (zero padding), the matching rows of <paramref name="other"/> and its trailing all-zero
    /// columns are left out of the product (one Dgemm on the blocks; the rest of the result is zero).
    /// The same product as <see cref="Multiply(Matrix)"/>; only the summation's blocking inside BLAS may
    /// differ, by rounding in the last bit.
    /// </summary>
    public Matrix MultiplyLeadingBlocks(Matrix other)
    {
        if (Cols != other.Rows) throw new ArgumentException($"Cannot multiply {Rows}x{Cols} by {other.Rows}x{other.Cols}.");
        // Stryker disable once Linq : a larger k multiplies only zeros in addition
        var k = Math.Min(LeadingNonZeroColumns(), other.LeadingNonZeroRows());
        var n = other.LeadingNonZeroColumns();
        // Stryker disable once all : the full product and the product on the blocks are the same matrix (a shortcut only)
        if (k == Cols && n == other.Cols) return Multiply(other);
        var c = new Matrix(Rows, other.Cols);
        // Stryker disable once Logical : Dgemm with an empty dimension leaves the zero result as it is
        if (Rows == 0 || n == 0 || k == 0) return c;
        Blas.Dgemm(false, false, Rows, n, k, 1.0, Data, Math.Max(1, Cols), other.Data, Math.Max(1, other.Cols), 0.0, c.Data, Math.Max(1, other.Cols));
        return c;
    }

    /// <summary>1 + the index of the last column holding a non-zero value (0 for an all-zero matrix), in the first
    /// <paramref name="rows"/> rows (default all): rows past them are not read.</summary>
    public int LeadingNonZeroColumns(int? rows = null) => LeadingNonZero.Columns<double>(Data, Cols, rows ?? Rows);

    /// <summary>1 + the index of the last row holding a non-zero value (0 for an all-zero matrix), among the first
    /// <paramref name="rows"/> rows (default all): rows past them are not read.</summary>
    public int LeadingNonZeroRows(int? rows = null)
    {
        for (var i = (rows ?? Rows) - 1; i >= 0; i--)
            if (Row(i).ContainsAnyExcept(0.0)) return i + 1;
        return 0;
    }

    /// <summary>The Gram matrix this^T * this (Cols x Cols).</summary>
    public Matrix Gram()
    {
        var g = new Matrix(Cols, Cols);
        Blas.Gram(Rows, Cols, Data, g.Data);
        return g;
    }

    /// <summary>The first <paramref name="rows"/> rows, as a new matrix.</summary>
    public Matrix LeadingRows(int rows)
    {
        var m = new Matrix(rows, Cols);
        Data.AsSpan(0, rows * Cols).CopyTo(m.Data);
        return m;
    }

    /// <summary>Rows selected by index, in the order given.</summary>
    public Matrix SelectRows(ReadOnlySpan<int> rows) => this.ToMatrix(rows);

    public double FrobeniusNorm()
    {
        var sum = 0.0;
        foreach (var v in Data) sum += v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>The largest absolute element-wise difference; shapes must match.</summary>
    public double MaxAbsDifference(Matrix other)
    {
        if (Rows != other.Rows || Cols != other.Cols)
            throw new ArgumentException($"Shapes differ: {Rows}x{Cols} vs {other.Rows}x{other.Cols}.");
        var max = 0.0;
        for (var i = 0; i < Data.Length; i++) max = Math.Max(max, Math.Abs(Data[i] - other.Data[i]));
        return max;
    }
}
