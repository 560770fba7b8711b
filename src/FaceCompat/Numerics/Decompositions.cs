namespace FaceCompat.Numerics;

/// <summary>Thin SVD: A (m x n) = U diag(S) Vt, U m x r, Vt r x n, r = min(m, n), S descending.</summary>
internal sealed record SvdResult(Matrix U, double[] S, Matrix Vt);

/// <summary>Symmetric eigendecomposition A = V diag(Values) V^T; Values ascending, eigenvector j is column j of Vectors (as numpy's eigh).</summary>
internal sealed record EigenResult(double[] Values, Matrix Vectors);

/// <summary>
/// Dense decompositions and solvers on the native LAPACK when bound (<c>dgesdd</c>, <c>dsyevd</c>,
/// <c>dgelsd</c>, <c>dposv</c>), else on Math.NET's managed code. Inputs are never modified.
/// </summary>
internal static class Decompositions
{
    /// <summary>2^-52, numpy's finfo(float64).eps.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Thin singular value decomposition (LAPACK dgesdd, divide and conquer).</summary>
    public static SvdResult ThinSvd(Matrix a)
    {
        var (m, n) = ((double)Math.Max(a.Rows, a.Cols), (double)Math.Min(a.Rows, a.Cols));
        FlopCounter.Decomposition(6 * m * n * n + 20 * n * n * n);
        // Stryker disable once Conditional,Boolean : the native and managed backends give the same decomposition (DecompositionTests compare them); which one ran is not visible in the values
        return Blas.UseNative ? NativeLapack.ThinSvd(a) : ManagedLapack.ThinSvd(a);
    }

    /// <summary>Full SVD: U is m x m and Vt is n x n (square, orthogonal); S has min(m, n) values, descending.</summary>
    public static SvdResult FullSvd(Matrix a)
    {
        var (m, n) = ((double)Math.Max(a.Rows, a.Cols), (double)Math.Min(a.Rows, a.Cols));
        FlopCounter.Decomposition(4 * m * m * n + 22 * n * n * n);
        // Stryker disable once Conditional,Boolean : the native and managed backends give the same decomposition (DecompositionTests compare them); which one ran is not visible in the values
        return Blas.UseNative ? NativeLapack.FullSvd(a) : ManagedLapack.FullSvd(a);
    }

    /// <summary>Eigendecomposition of a symmetric matrix (only the lower triangle is read).</summary>
    public static EigenResult SymmetricEigen(Matrix a)
    {
        RequireSquare(a, nameof(a));
        FlopCounter.Decomposition(9.0 * a.Rows * a.Rows * a.Rows);
        // Stryker disable once Conditional,Boolean : the native and managed backends give the same decomposition (DecompositionTests compare them); which one ran is not visible in the values
        return Blas.UseNative ? NativeLapack.SymmetricEigen(a) : ManagedLapack.SymmetricEigen(a);
    }

    /// <summary>
    /// A = Q T Qᵀ with T tridiagonal (LAPACK dsytrd; only the lower triangle is read). Without a native LAPACK that has
    /// it, the eigendecomposition serves (T diagonal).
    /// </summary>
    public static TridiagonalForm Tridiagonalize(Matrix a)
    {
        RequireSquare(a, nameof(a));
        // Stryker disable once Conditional,Boolean,Logical : both routes give a valid Q T Qᵀ of the same matrix (TridiagonalFormTests compare them)
        if (!Blas.UseNative || !NativeLapack.HasTridiagonal) return TridiagonalForm.FromEigen(SymmetricEigen(a));
        FlopCounter.Decomposition(8.0 / 3 * a.Rows * a.Rows * a.Rows); // dsytrd 4n³/3, dorgtr 4n³/3
        var (qTransposed, diagonal, offDiagonal) = NativeLapack.Tridiagonalize(a);
        return TridiagonalForm.FromTridiagonal(qTransposed, diagonal, offDiagonal);
    }

    /// <summary>Eigenvalues (ascending) of the symmetric tridiagonal matrix with this diagonal and off-diagonal.</summary>
    public static double[] TridiagonalEigenvalues(double[] diagonal, double[] offDiagonal)
    {
        if (offDiagonal.Length != Math.Max(0, diagonal.Length - 1))
            throw new ArgumentException($"A tridiagonal matrix of order {diagonal.Length} has {Math.Max(0, diagonal.Length - 1)} off-diagonal values, not {offDiagonal.Length}.");
        FlopCounter.Decomposition(30.0 * diagonal.Length * diagonal.Length);
        // Stryker disable once Conditional,Boolean,Logical : the native and managed routes give the same eigenvalues (TridiagonalFormTests compare them)
        if (Blas.UseNative && NativeLapack.HasTridiagonal) return NativeLapack.TridiagonalEigenvalues(diagonal, offDiagonal);
        var n = diagonal.Length;
        var t = new Matrix(n, n);
        for (var i = 0; i < n; i++) t[i, i] = diagonal[i];
        for (var i = 0; i + 1 < n; i++) t[i, i + 1] = t[i + 1, i] = offDiagonal[i];
        return ManagedLapack.SymmetricEigen(t).Values;
    }

    /// <summary>Eigenvalues (ascending) of a symmetric matrix, without eigenvectors (cheaper).</summary>
    public static double[] SymmetricEigenvalues(Matrix a)
    {
        RequireSquare(a, nameof(a));
        FlopCounter.Decomposition(4.0 / 3 * a.Rows * a.Rows * a.Rows);
        // Stryker disable once Conditional,Boolean : the native and managed backends give the same decomposition (DecompositionTests compare them); which one ran is not visible in the values
        return Blas.UseNative ? NativeLapack.SymmetricEigen(a, vectors: false).Values : ManagedLapack.SymmetricEigen(a).Values;
    }

    /// <summary>
    /// Minimum-norm least-squares solution X of A X ≈ B (A m x n, B m x p), as numpy's
    /// <c>lstsq</c>: singular values below <paramref name="rcond"/> x the largest are treated as zero;
    /// the default rcond is machine epsilon x max(m, n), numpy's default.
    /// </summary>
    public static Matrix LeastSquares(Matrix a, Matrix b, double? rcond = null)
    {
        if (a.Rows != b.Rows) throw new ArgumentException($"A has {a.Rows} rows but B has {b.Rows}.");
        var cutoff = rcond ?? MachineEpsilon * Math.Max(a.Rows, a.Cols);
        if (a.Rows == 0 || a.Cols == 0 || b.Cols == 0) return new Matrix(a.Cols, b.Cols);
        var (m, n) = ((double)Math.Max(a.Rows, a.Cols), (double)Math.Min(a.Rows, a.Cols));
        FlopCounter.Decomposition(4 * m * n * n + 8 * n * n * n + 4.0 * m * n * b.Cols);
        // Stryker disable once Conditional,Boolean : the native and managed backends give the same decomposition (DecompositionTests compare them); which one ran is not visible in the values
        return Blas.UseNative ? NativeLapack.LeastSquares(a, b, cutoff) : ManagedLapack.LeastSquares(a, b, cutoff);
    }

    /// <summary>
    /// Solves A X = B for symmetric positive definite A (Cholesky). Throws
    /// <see cref="InvalidOperationException"/> when A is not positive definite.
    /// </summary>
    public static Matrix SolveSpd(Matrix a, Matrix b)
    {
        RequireSquare(a, nameof(a));
        if (a.Rows != b.Rows) throw new ArgumentException($"A is {a.Rows}x{a.Cols} but B has {b.Rows} rows.");
        // Stryker disable once Logical : dposv returns at once for an empty system, with the same empty result
        if (a.Rows == 0 || b.Cols == 0) return new Matrix(a.Rows, b.Cols);
        FlopCounter.Decomposition(a.Rows / 3.0 * a.Rows * a.Rows + 2.0 * a.Rows * a.Rows * b.Cols);
        // Stryker disable once Conditional,Boolean : the native and managed backends give the same decomposition (DecompositionTests compare them); which one ran is not visible in the values
        return Blas.UseNative ? NativeLapack.SolveSpd(a, b) : ManagedLapack.SolveSpd(a, b);
    }

    /// <summary>
    /// The Cholesky factor of a symmetric positive definite matrix, to solve A X = B for several B:
    /// each <see cref="CholeskyFactorization.Solve"/> gives exactly what <see cref="SolveSpd"/> gives
    /// (LAPACK's dposv is dpotrf followed by dpotrs).
    /// </summary>
    public static CholeskyFactorization Cholesky(Matrix a)
    {
        RequireSquare(a, nameof(a));
        return new CholeskyFactorization(a);
    }

    private static void RequireSquare(Matrix a, string name)
    {
        if (a.Rows != a.Cols) throw new ArgumentException($"Expected a square matrix, got {a.Rows}x{a.Cols}.", name);
    }
}

/// <summary>A factored symmetric positive definite matrix (see <see cref="Decompositions.Cholesky"/>).</summary>
internal sealed class CholeskyFactorization
{
    private readonly double[]? native;
    private readonly Matrix? matrix;

    internal CholeskyFactorization(Matrix a)
    {
        Size = a.Rows;
        if (Blas.UseNative && NativeLapack.HasCholeskyFactor && a.Rows > 0)
        {
            FlopCounter.Decomposition(a.Rows / 3.0 * a.Rows * a.Rows);
            native = NativeLapack.CholeskyFactor(a);
        }
        else matrix = a.Clone(); // the managed route and a LAPACK without dpotrf/dpotrs solve from the matrix each time
    }

    public int Size { get; }

    /// <summary>X with A X = B.</summary>
    public Matrix Solve(Matrix b)
    {
        if (b.Rows != Size) throw new ArgumentException($"A is {Size}x{Size} but B has {b.Rows} rows.");
        // Stryker disable once Logical : a 0 x 0 factor is never native (it solves from the matrix, which returns the same empty result) and dpotrs returns at once for no right-hand side
        if (Size == 0 || b.Cols == 0) return new Matrix(Size, b.Cols);
        if (native is null) return Decompositions.SolveSpd(matrix!, b); // counts its own factorisation
        FlopCounter.Decomposition(2.0 * Size * Size * b.Cols);
        return NativeLapack.SolveWithFactor(native, Size, b);
    }
}
