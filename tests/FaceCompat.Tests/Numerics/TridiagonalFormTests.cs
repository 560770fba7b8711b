using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

public class TridiagonalFormTests
{
    /// <summary>A symmetric positive semi-definite matrix with a spread of eigenvalues (rank-deficient when rows &lt; n).</summary>
    private static Matrix Gram(int rows, int n, int seed) => RandomMatrices.Gaussian(rows, n, seed).Gram();

    private static Matrix Tridiagonal(TridiagonalForm form)
    {
        var t = new Matrix(form.Order, form.Order);
        for (var i = 0; i < form.Order; i++) t[i, i] = form.Diagonal[i];
        for (var i = 0; i + 1 < form.Order; i++) t[i, i + 1] = t[i + 1, i] = form.OffDiagonal[i];
        return t;
    }

    [Theory]
    [InlineData(false, 70)]
    [InlineData(true, 70)]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    public void QTQtIsTheMatrixAndQIsOrthogonal(bool managed, int n)
    {
        var a = Gram(90, n, 1);
        using var _ = RandomMatrices.Backend(managed);
        var form = Decompositions.Tridiagonalize(a);
        Assert.Equal(n, form.Order);
        Assert.Equal(n - 1, form.OffDiagonal.Length);
        var t = Tridiagonal(form);
        var rebuilt = form.ApplyQ(form.ApplyQ(t).Transpose()); // Q (Q T)ᵀ = Q T Qᵀ
        Assert.True(rebuilt.MaxAbsDifference(a) < 1e-9 * Scale(a), $"max |Q T Qᵀ - A| = {rebuilt.MaxAbsDifference(a):E3}");
        var b = RandomMatrices.Gaussian(n, 9, 2);
        Assert.True(form.ApplyTransposeOfQ(form.ApplyQ(b)).MaxAbsDifference(b) < 1e-12);
        Assert.True(form.ApplyQ(form.ApplyTransposeOfQ(b)).MaxAbsDifference(b) < 1e-12);
    }

    [Fact]
    public void TheNativeFormIsTridiagonalNotDiagonalAndBothRoutesHaveTheSameEigenvalues()
    {
        var a = Gram(90, 40, 3);
        var native = Decompositions.Tridiagonalize(a);
        Assert.Contains(native.OffDiagonal, e => Math.Abs(e) > 1e-3); // dsytrd, not an eigendecomposition in disguise
        var expected = Decompositions.SymmetricEigenvalues(a);
        AssertClose(expected, native.Eigenvalues, Scale(a));
        using (Blas.ForceManaged())
        {
            var managed = Decompositions.Tridiagonalize(a);
            AssertClose(expected, managed.Eigenvalues, Scale(a));
            // The managed eigenvalues of a genuinely tridiagonal T are the native dsterf's.
            AssertClose(expected, Decompositions.TridiagonalEigenvalues(native.Diagonal, native.OffDiagonal), Scale(a));
        }
    }

    [Theory]
    [InlineData(false, 0.1)]
    [InlineData(true, 0.1)]
    [InlineData(false, 1e-6)]
    [InlineData(false, 250.0)]
    public void ShiftedSolveSolvesTheShiftedSystem(bool managed, double alpha)
    {
        // 30 rows of 50 columns: A is singular, so only the shift keeps A + αI definite.
        var a = Gram(30, 50, 4);
        var b = RandomMatrices.Gaussian(50, 7, 5);
        using var _ = RandomMatrices.Backend(managed);
        var form = Decompositions.Tridiagonalize(a);
        var x = form.ApplyQ(form.SolveShifted(form.ApplyTransposeOfQ(b), alpha));
        var shifted = a.Clone();
        for (var i = 0; i < shifted.Rows; i++) shifted[i, i] += alpha;
        // A backward-stable solve leaves a residual of order eps ‖A + αI‖ ‖X‖, whatever the conditioning (1e-6 makes it ~1e8).
        var residual = shifted.Multiply(x).MaxAbsDifference(b) / (Scale(shifted) * x.Data.Max(Math.Abs));
        Assert.True(residual < 1e-13, $"alpha {alpha}: max |(A + αI) X - B| / (max|A + αI| max|X|) = {residual:E3}");
    }

    [Fact]
    public void ShiftedSolveOfATridiagonalMatrixAgreesWithADenseSolve()
    {
        // T itself (Q = I would hide a wrong pivot order): its solve against Gauss-Jordan on the dense T + αI.
        var form = Decompositions.Tridiagonalize(Gram(60, 25, 6));
        var t = Tridiagonal(form);
        for (var i = 0; i < t.Rows; i++) t[i, i] += 0.5;
        var z = RandomMatrices.Gaussian(25, 4, 7);
        var expected = FaceCompat.Tests.Mapping.GaussJordan.Solve(t, z);
        Assert.True(form.SolveShifted(z, 0.5).MaxAbsDifference(expected) < 1e-10);
        Assert.True(z.MaxAbsDifference(RandomMatrices.Gaussian(25, 4, 7)) == 0, "Z is not modified");
    }

    [Fact]
    public void AShiftThatLeavesTheMatrixIndefiniteIsRefused()
    {
        var a = Gram(30, 12, 8);
        var form = Decompositions.Tridiagonalize(a);
        var z = RandomMatrices.Gaussian(12, 2, 9);
        var largest = form.Eigenvalues[^1];
        var error = Assert.Throws<InvalidOperationException>(() => form.SolveShifted(z, -largest - 1));
        Assert.Contains("not positive definite", error.Message);
        // Between the eigenvalues: some pivot turns negative later in the factorisation.
        Assert.Throws<InvalidOperationException>(() => form.SolveShifted(z, -(form.Eigenvalues[0] + form.Eigenvalues[^1]) / 2));
        Assert.Throws<InvalidOperationException>(() => form.SolveShifted(z, double.NaN));
        // Just above the smallest eigenvalue's negative the system is definite again.
        var solved = form.SolveShifted(z, -form.Eigenvalues[0] + 1e-3 * largest);
        Assert.All(solved.Data, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void EveryPivotIsCheckedTheFirstTheLastAndAZeroOne()
    {
        var z = RandomMatrices.Gaussian(3, 2, 14);
        // T = diag(2, 2, -1) (Q = I): with α = 0.5 only the last pivot, -0.5, is not positive.
        var lastNegative = TridiagonalForm.FromTridiagonal(Matrix.Identity(3), [2, 2, -1], [0, 0]);
        Assert.Contains("pivot 2", Assert.Throws<InvalidOperationException>(() => lastNegative.SolveShifted(z, 0.5)).Message);
        // T = [[1, 1, 0], [1, 1, 0], [0, 0, 1]]: the second pivot is 1 - 1·1/1 = 0 exactly.
        var zeroPivot = TridiagonalForm.FromTridiagonal(Matrix.Identity(3), [1, 1, 1], [1, 0]);
        Assert.Contains("pivot 1", Assert.Throws<InvalidOperationException>(() => zeroPivot.SolveShifted(z, 0)).Message);
        // The first pivot, named as such.
        var firstNegative = TridiagonalForm.FromTridiagonal(Matrix.Identity(3), [-1, 2, 2], [0, 0]);
        Assert.Contains("pivot 0", Assert.Throws<InvalidOperationException>(() => firstNegative.SolveShifted(z, 0.5)).Message);
    }

    [Fact]
    public void TheMemoCountsTheFormsBytes()
    {
        var form = Decompositions.Tridiagonalize(Gram(20, 7, 15));
        Assert.Equal((7 * 7 + 7 + 6) * sizeof(double), form.Bytes);
    }

    [Fact]
    public void EmptyAndMismatchedOperands()
    {
        var empty = Decompositions.Tridiagonalize(new Matrix(0, 0));
        Assert.Equal(0, empty.Order);
        Assert.Empty(empty.Eigenvalues);
        Assert.Equal(0, empty.SolveShifted(new Matrix(0, 3), 1).Rows);
        var form = Decompositions.Tridiagonalize(Gram(10, 4, 10));
        Assert.Throws<ArgumentException>(() => form.ApplyQ(new Matrix(5, 2)));
        Assert.Throws<ArgumentException>(() => form.ApplyTransposeOfQ(new Matrix(3, 2)));
        Assert.Throws<ArgumentException>(() => form.SolveShifted(new Matrix(3, 2), 1));
        Assert.Throws<ArgumentException>(() => Decompositions.TridiagonalEigenvalues([1, 2, 3], [1]));
        Assert.Throws<ArgumentException>(() => Decompositions.Tridiagonalize(new Matrix(3, 4)));
    }

    private static double Scale(Matrix a) => a.Data.Max(Math.Abs);

    private static void AssertClose(double[] expected, double[] actual, double scale)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-10 * scale, $"eigenvalue {i}: {actual[i]} vs {expected[i]}");
    }
}
