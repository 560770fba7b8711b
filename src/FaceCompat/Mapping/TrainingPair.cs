using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// Prepared, aligned train rows of both spaces (at least their active columns: the zero padding up to
/// <see cref="SourceDimension"/> and <see cref="TargetDimension"/> need not be stored), with the products most maps need (X^T X, X^T Y)
/// computed once on first use and shared by every map fitted on the same pair. Products cover only
/// the active (non-padding) columns: SourceGram is a x a, Cross is a x b. With a <see cref="WorkMemo"/>,
/// products and decompositions are also shared with other pairs of the same rows (e.g. two sweeps of one split).
/// </summary>
internal sealed class TrainingPair
{
    private Matrix? sourceGram;
    private Matrix? cross;
    private EigenResult? gramEigen;
    private Matrix? eigenCross;
    private string? sourceDigest;
    private string? targetDigest;
    private Matrix? paddedSource;
    private Matrix? paddedTarget;

    public TrainingPair(Preparation preparation, Matrix source, Matrix target, WorkMemo? memo = null)
    {
        if (source.Rows != target.Rows) throw new ArgumentException($"Source has {source.Rows} rows, target {target.Rows}.");
        Preparation = preparation;
        Source = source;
        Target = target;
        Memo = memo;
    }

    public Preparation Preparation { get; }

    /// <summary>Where work shared beyond this pair is kept, or null.</summary>
    public WorkMemo? Memo { get; }

    /// <summary>Prepared source rows X: their active columns, or all D of them.</summary>
    public Matrix Source { get; }

    /// <summary>Prepared target rows Y: their active columns, or all D' of them.</summary>
    public Matrix Target { get; }

    /// <summary>The prepared source dimension D (a map's input width).</summary>
    public int SourceDimension => Preparation.Source.OutputDimension;

    /// <summary>The prepared target dimension D' (the comparison space's width).</summary>
    public int TargetDimension => Preparation.Target.OutputDimension;

    /// <summary>X with its zero padding, n x D (made on first use, for fitters that work on whole prepared rows).</summary>
    public Matrix PaddedSource => paddedSource ??= Embed(Source, Count, SourceDimension);

    /// <summary>Y with its zero padding, n x D'.</summary>
    public Matrix PaddedTarget => paddedTarget ??= Embed(Target, Count, TargetDimension);

    public int Count => Source.Rows;
    public int SourceActive => Math.Min(Source.Cols, Preparation.Source.ActiveDimension);
    public int TargetActive => Math.Min(Target.Cols, Preparation.Target.ActiveDimension);

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
                var g = new Matrix(a, a);
                Blas.Gram(Count, a, Source.Data, Source.Cols, g.Data, a);
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
                var c = new Matrix(a, b);
                Blas.Dgemm(true, false, a, b, Count, 1.0, Source.Data, Source.Cols, Target.Data, Target.Cols, 0.0, c.Data, Math.Max(1, b));
                return c;
            });
        }
    }

    /// <summary>
    /// The eigendecomposition V diag(λ) Vᵀ of <see cref="SourceGram"/>, computed once and shared by every map of this
    /// training set that needs it: least squares reads its conditioning from λ, and every ridge penalty α solves from it.
    /// </summary>
    // Stryker disable once all : caching only (per pair and in the memo, whose size counts against its budget); the decomposition is the same
    public EigenResult GramEigen => gramEigen ??= Memo is null ? Decompositions.SymmetricEigen(SourceGram)
        : Memo.GetOrAdd(new MemoKey("gram-eigen", $"{SourceActive}", SourceDigest), () => Decompositions.SymmetricEigen(SourceGram),
            e => (long)(e.Vectors.Data.Length + e.Values.Length) * sizeof(double));

    /// <summary>Vᵀ (X_aᵀ Y_b), the cross products in the Gram matrix's eigenbasis (a x b), shared like <see cref="GramEigen"/>.</summary>
    public Matrix EigenCross
    {
        get
        {
            if (eigenCross is not null) return eigenCross;
            int a = SourceActive, b = TargetActive;
            // Stryker disable once String : a memo key's kind and text only have to tell it from other keys; the digests fix the value
            return eigenCross = Shared(() => new MemoKey("gram-eigen-cross", $"{a}x{b}", SourceDigest, TargetDigest),
                () => Matrix.Multiply(GramEigen.Vectors, true, Cross, false));
        }
    }

    /// <summary>SHA-256 of the prepared source rows (the key of work that depends on them).</summary>
    // Stryker disable once Assignment : caching only
    public string SourceDigest => sourceDigest ??= WorkMemo.Digest(Source);

    /// <summary>SHA-256 of the prepared target rows.</summary>
    // Stryker disable once Assignment : caching only
    public string TargetDigest => targetDigest ??= WorkMemo.Digest(Target);

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
