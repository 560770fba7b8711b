using System.Numerics.Tensors;

namespace FaceCompat.Numerics;

/// <summary>
/// A symmetric matrix A = Q T Qᵀ with T symmetric tridiagonal and Q orthogonal (<see cref="Decompositions.Tridiagonalize"/>):
/// about half the cost of an eigendecomposition at a = 1,024, and enough to solve (A + αI) X = B for any α in O(a·p) once
/// Qᵀ B is known. On the native route Q comes from LAPACK's dsytrd + dorgtr; the managed route has no tridiagonal
/// reduction, so it uses the eigendecomposition (T diagonal, Q its eigenvectors).
/// </summary>
internal sealed class TridiagonalForm
{
    private readonly Matrix qTransposed;
    private double[]? eigenvalues;

    private TridiagonalForm(double[] diagonal, double[] offDiagonal, Matrix qTransposed, double[]? eigenvalues)
    {
        (Diagonal, OffDiagonal, this.qTransposed, this.eigenvalues) = (diagonal, offDiagonal, qTransposed, eigenvalues);
    }

    /// <summary>T's diagonal (a values).</summary>
    public double[] Diagonal { get; }

    /// <summary>T's off-diagonal (a − 1 values; T[i, i+1] = T[i+1, i] = OffDiagonal[i]).</summary>
    public double[] OffDiagonal { get; }

    public int Order => Diagonal.Length;

    /// <summary>Bytes held (the memo's budget counts them).</summary>
    public long Bytes => ((long)qTransposed.Data.Length + Diagonal.Length + OffDiagonal.Length) * sizeof(double);

    internal static TridiagonalForm FromTridiagonal(Matrix qTransposed, double[] diagonal, double[] offDiagonal) =>
        new(diagonal, offDiagonal, qTransposed, null);

    /// <summary>The eigendecomposition A = V diag(λ) Vᵀ as a tridiagonal form: T = diag(λ), Q = V.</summary>
    internal static TridiagonalForm FromEigen(EigenResult eigen) =>
        new(eigen.Values, new double[Math.Max(0, eigen.Values.Length - 1)], eigen.Vectors.Transpose(), eigen.Values);

    /// <summary>The eigenvalues of A (= T's), ascending.</summary>
    // Stryker disable once Assignment : caching only
    public double[] Eigenvalues => eigenvalues ??= Decompositions.TridiagonalEigenvalues(Diagonal, OffDiagonal);

    /// <summary>Qᵀ B for an a x p matrix B.</summary>
    public Matrix ApplyTransposeOfQ(Matrix b) => Matrix.Multiply(qTransposed, false, RequireOrder(b), false);

    /// <summary>Q B for an a x p matrix B.</summary>
    public Matrix ApplyQ(Matrix b) => Matrix.Multiply(qTransposed, true, RequireOrder(b), false);

    // Stryker disable once Conditional : the product refuses mismatched operands too (with its own ArgumentException)
    private Matrix RequireOrder(Matrix b) =>
        b.Rows == Order ? b : throw new ArgumentException($"B has {b.Rows} rows; Q is {Order} x {Order}.", nameof(b));

    /// <summary>
    /// (T + αI)⁻¹ Z for an a x p matrix Z, by the LDLᵀ factorisation of T + αI (LAPACK's dpttrf/dpttrs algorithm, on whole
    /// rows of Z). Throws <see cref="InvalidOperationException"/> when T + αI is not positive definite.
    /// </summary>
    public Matrix SolveShifted(Matrix z, double alpha)
    {
        var n = Order;
        if (z.Rows != n) throw new ArgumentException($"Z has {z.Rows} rows; T is {n} x {n}.", nameof(z));
        var x = z.Clone();
        if (n == 0) return x;
        var pivots = new double[n];
        var multipliers = new double[n]; // multipliers[i] = L[i, i-1]; multipliers[0] unused
        pivots[0] = Diagonal[0] + alpha;
        for (var i = 1; i < n; i++)
        {
            RequirePositive(pivots[i - 1], i - 1, alpha);
            multipliers[i] = OffDiagonal[i - 1] / pivots[i - 1];
            pivots[i] = Diagonal[i] + alpha - multipliers[i] * OffDiagonal[i - 1];
        }
        RequirePositive(pivots[n - 1], n - 1, alpha);
        for (var i = 1; i < n; i++) Subtract(x.Row(i), multipliers[i], x.Row(i - 1));   // L u = z
        for (var i = 0; i < n; i++) TensorPrimitives.Divide(x.Row(i), pivots[i], x.Row(i)); // D v = u
        for (var i = n - 2; i >= 0; i--) Subtract(x.Row(i), multipliers[i + 1], x.Row(i + 1)); // Lᵀ x = v
        FlopCounter.Decomposition(5.0 * n * z.Cols);
        return x;
    }

    /// <summary>target −= factor · source (as source · (−factor) + target: negation is exact, so the same rounding).</summary>
    private static void Subtract(Span<double> target, double factor, ReadOnlySpan<double> source) =>
        TensorPrimitives.MultiplyAdd(source, -factor, target, target);

    private static void RequirePositive(double pivot, int index, double alpha)
    {
        if (!(pivot > 0))
            throw new InvalidOperationException($"The matrix + {alpha} I is not positive definite (pivot {index} of its tridiagonal form: {pivot:G6}).");
    }
}
