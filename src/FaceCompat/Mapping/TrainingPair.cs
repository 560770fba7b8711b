using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// Prepared, aligned train rows of both spaces (at least their active columns: the zero padding up to
/// <see cref="SourceDimension"/> and <see cref="TargetDimension"/> need not be stored), with the products most maps need (X^T X, X^T Y)
/// computed once on first use and shared by every map fitted on the same pair. Products cover only
/// the active (non-padding) columns: SourceGram is a x a, Cross is a x b, each summed over blocks of
/// <see cref="BlockRows"/> rows. A pair made by <see cref="Preparation.PrepareTraining"/> from raw rows prepares them a
/// block at a time for those products and their digests, and holds them whole only when a fitter asks for
/// <see cref="Source"/> or <see cref="Target"/> (most do not: Procrustes, least squares and ridge need only the
/// products). With a <see cref="WorkMemo"/>, products and decompositions are also shared with other pairs of the same
/// rows (e.g. two sweeps of one split).
/// </summary>
internal sealed class TrainingPair
{
    /// <summary>Rows per block of the products (the same blocks whether the rows are held whole or prepared a block at a time).</summary>
    internal const int BlockRows = 256;

    private readonly IRowSource? rawSource;
    private readonly IRowSource? rawTarget;
    private Matrix? source;
    private Matrix? target;
    private Matrix? sourceGram;
    private Matrix? cross;
    private TridiagonalForm? gramTridiagonal;
    private Matrix? tridiagonalCross;
    private string? sourceDigest;
    private string? targetDigest;
    private Matrix? paddedSource;
    private Matrix? paddedTarget;

    public TrainingPair(Preparation preparation, Matrix source, Matrix target, WorkMemo? memo = null)
        : this(preparation, source.Rows, target.Rows, memo)
    {
        this.source = source;
        this.target = target;
    }

    /// <summary>A pair of raw train rows that <paramref name="preparation"/> prepares when they are read.</summary>
    internal static TrainingPair OfRawRows(Preparation preparation, IRowSource rawSource, IRowSource rawTarget, WorkMemo? memo) =>
        new(preparation, rawSource, rawTarget, memo);

    private TrainingPair(Preparation preparation, IRowSource rawSource, IRowSource rawTarget, WorkMemo? memo)
        : this(preparation, rawSource.Rows, rawTarget.Rows, memo)
    {
        this.rawSource = rawSource;
        this.rawTarget = rawTarget;
    }

    private TrainingPair(Preparation preparation, int sourceRows, int targetRows, WorkMemo? memo)
    {
        if (sourceRows != targetRows) throw new ArgumentException($"Source has {sourceRows} rows, target {targetRows}.");
        Preparation = preparation;
        Count = sourceRows;
        Memo = memo;
    }

    public Preparation Preparation { get; }

    /// <summary>Where work shared beyond this pair is kept, or null.</summary>
    public WorkMemo? Memo { get; }

    /// <summary>Prepared source rows X: their active columns, or all D of them.</summary>
    // Stryker disable once Assignment : caching only (prepared again, the rows are the same)
    public Matrix Source => source ??= Preparation.Source.ApplyActive(rawSource!);

    /// <summary>Prepared target rows Y: their active columns, or all D' of them.</summary>
    // Stryker disable once Assignment : caching only
    public Matrix Target => target ??= Preparation.Target.ApplyActive(rawTarget!);

    /// <summary>The prepared source dimension D (a map's input width).</summary>
    public int SourceDimension => Preparation.Source.OutputDimension;

    /// <summary>The prepared target dimension D' (the comparison space's width).</summary>
    public int TargetDimension => Preparation.Target.OutputDimension;

    /// <summary>X with its zero padding, n x D (made on first use, for fitters that work on whole prepared rows).</summary>
    // Stryker disable once Assignment : caching only
    public Matrix PaddedSource => paddedSource ??= Embed(Source, Count, SourceDimension);

    /// <summary>Y with its zero padding, n x D'.</summary>
    // Stryker disable once Assignment : caching only
    public Matrix PaddedTarget => paddedTarget ??= Embed(Target, Count, TargetDimension);

    public int Count { get; }

    /// <summary>Whether either side's prepared rows are held whole (a fitter asked for them, or the pair was made from them).</summary>
    internal bool HoldsRows => source is not null || target is not null;

    public int SourceActive => Math.Min(SourceWidth, Preparation.Source.ActiveDimension);
    public int TargetActive => Math.Min(TargetWidth, Preparation.Target.ActiveDimension);

    /// <summary>X_a^T X_a over the active source columns.</summary>
    public Matrix SourceGram
    {
        get
        {
            if (sourceGram is not null) return sourceGram;
            var a = SourceActive;
            // Stryker disable once String : a memo key's kind and text only have to tell it from other keys; the digest fixes the value
            return sourceGram = Shared(() => new MemoKey("gram", $"{a}", SourceDigest), () =>
            {
                var g = new Matrix(a, a); // zero: every block adds to it
                foreach (var x in Blocks(target: false))
                    Blas.GramLower(x.Count, a, x.Rows, x.Width, 1.0, g.Data, a);
                Blas.MirrorLower(a, g.Data, a);
                return g;
            });
        }
    }

    /// <summary>X_a^T Y_b over the active columns of both.</summary>
    public Matrix Cross
    {
        get
        {
            if (cross is not null) return cross;
            int a = SourceActive, b = TargetActive;
            // Stryker disable once String : a memo key's kind and text only have to tell it from other keys; the digests fix the value
            return cross = Shared(() => new MemoKey("cross", $"{a}x{b}", SourceDigest, TargetDigest), () =>
            {
                var c = new Matrix(a, b); // zero: every block adds to it
                foreach (var (x, y) in Blocks(target: false).Zip(Blocks(target: true)))
                    Blas.Dgemm(true, false, a, b, x.Count, 1.0, x.Rows, x.Width, y.Rows, y.Width, 1.0, c.Data, Math.Max(1, b));
                return c;
            });
        }
    }

    /// <summary>
    /// <see cref="SourceGram"/> = Q T Qᵀ with T tridiagonal, computed once and shared by every map of this training set
    /// that needs it: least squares reads its conditioning from T's eigenvalues, and every ridge penalty α solves from it.
    /// </summary>
    // Stryker disable once all : caching only (per pair and in the memo, whose size counts against its budget); the decomposition is the same
    public TridiagonalForm GramTridiagonal => gramTridiagonal ??= Memo is null ? Decompositions.Tridiagonalize(SourceGram)
        : Memo.GetOrAdd(new MemoKey("gram-tridiagonal", $"{SourceActive}", SourceDigest), () => Decompositions.Tridiagonalize(SourceGram),
            t => t.Bytes);

    /// <summary>Qᵀ (X_aᵀ Y_b), the cross products in the basis of <see cref="GramTridiagonal"/> (a x b), shared like it.</summary>
    public Matrix TridiagonalCross
    {
        get
        {
            if (tridiagonalCross is not null) return tridiagonalCross;
            int a = SourceActive, b = TargetActive;
            // Stryker disable once String : a memo key's kind and text only have to tell it from other keys; the digests fix the value
            return tridiagonalCross = Shared(() => new MemoKey("gram-tridiagonal-cross", $"{a}x{b}", SourceDigest, TargetDigest),
                () => GramTridiagonal.ApplyTransposeOfQ(Cross));
        }
    }

    /// <summary>SHA-256 of the prepared source rows (the key of work that depends on them), as <see cref="WorkMemo.Digest"/>.</summary>
    // Stryker disable once Assignment : caching only
    public string SourceDigest => sourceDigest ??= Digest(target: false);

    /// <summary>SHA-256 of the prepared target rows.</summary>
    // Stryker disable once Assignment : caching only
    public string TargetDigest => targetDigest ??= Digest(target: true);

    private string Digest(bool target)
    {
        if ((target ? this.target : source) is { } whole) return WorkMemo.Digest(whole);
        var digest = new WorkMemo.RowDigest(Count, target ? TargetWidth : SourceWidth);
        foreach (var block in Blocks(target)) digest.Append(block.Rows);
        return digest.Finish();
    }

    /// <summary>The stored width of the prepared rows: all of a held matrix's columns, else the active ones.</summary>
    // Stryker disable once NullCoalescing : every held matrix is at least as wide as the active columns
    private int SourceWidth => source?.Cols ?? Preparation.Source.ActiveDimension;
    // Stryker disable once NullCoalescing : every held matrix is at least as wide as the active columns
    private int TargetWidth => target?.Cols ?? Preparation.Target.ActiveDimension;

    /// <summary>
    /// Consecutive blocks of one side's prepared rows: a held matrix is read in place; raw rows are prepared a block
    /// at a time into one reused buffer (PCA, which projects whole matrices, holds them first).
    /// </summary>
    private IEnumerable<RowBlock> Blocks(bool target)
    {
        var (whole, raw, preparation) = target ? (this.target, rawTarget, Preparation.Target) : (source, rawSource, Preparation.Source);
        var buffer = whole is null && preparation.Projection is null ? new double[BlockRows * preparation.ActiveDimension] : null;
        if (whole is null && buffer is null) whole = target ? Target : Source;
        // Stryker disable once Equality : a block at first = Count has no row (it adds nothing)
        for (var first = 0; first < Count; first += BlockRows)
        {
            var count = Math.Min(BlockRows, Count - first);
            if (whole is not null) yield return new RowBlock(count, whole.Data, first * whole.Cols, whole.Cols);
            else
            {
                preparation.PrepareBlock(raw!, first, count, buffer);
                yield return new RowBlock(count, buffer!, 0, preparation.ActiveDimension);
            }
        }
    }

    /// <summary>Count prepared rows, row-major from Values[Offset], Width columns each.</summary>
    private readonly record struct RowBlock(int Count, double[] Values, int Offset, int Width)
    {
        public ReadOnlySpan<double> Rows => Values.AsSpan(Offset, Count * Width);
    }

    /// <summary>A matrix computed once per memo (or each time, without one; the key, which may hash the rows, is then never made).</summary>
    // Stryker disable once Conditional : computing again gives the same matrix
    public Matrix Shared(Func<MemoKey> key, Func<Matrix> compute) => Memo is null ? compute() : Memo.GetOrAdd(key(), compute);

    /// <summary>The same pair with target rows reordered (row i takes target row order[i]); products are recomputed.</summary>
    public TrainingPair WithTargetRows(ReadOnlySpan<int> order) => new(Preparation, Source, Target.SelectRows(order), Memo);

    /// <summary>Places an a x b block in the top-left corner of a rows x cols zero matrix.</summary>
    internal static Matrix Embed(Matrix block, int rows, int cols)
    {
        if (block.Rows == rows && block.Cols == cols) return block;
        var m = new Matrix(rows, cols);
        for (var i = 0; i < block.Rows; i++) block.Row(i).CopyTo(m.Row(i));
        return m;
    }

    /// <summary>The leading columns of a matrix as a new matrix.</summary>
    internal static Matrix LeadingColumns(Matrix x, int cols)
    {
        if (cols == x.Cols) return x;
        var m = new Matrix(x.Rows, cols);
        for (var i = 0; i < x.Rows; i++) x.Row(i)[..cols].CopyTo(m.Row(i));
        return m;
    }
}
