using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>
/// The last Cholesky factor of (K + alpha I) and the last test kernel of the degree-2 map, kept so that a
/// study fitting one source model against every target (the same prepared source rows each time) factors
/// its n x n kernel once per split instead of once per pair. Entries are matched by content (the exact
/// same rows and alpha), so a hit gives exactly the numbers a fresh computation would.
/// </summary>
internal static class Poly2Memo
{
    private static readonly object Gate = new();
    private static (Matrix Rows, double Alpha, CholeskyFactorization Factor)? factor;
    private static (Matrix A, Matrix B, Matrix Kernel)? kernel;

    public static CholeskyFactorization Factor(Matrix trainRows, double alpha, Func<CholeskyFactorization> compute)
    {
        lock (Gate)
            if (factor is { } f && f.Alpha.Equals(alpha) && Same(f.Rows, trainRows)) return f.Factor;
        var computed = compute();
        lock (Gate) factor = (trainRows.Clone(), alpha, computed);
        return computed;
    }

    /// <summary>A kernel matrix that the caller only reads.</summary>
    public static Matrix Kernel(Matrix a, Matrix b, Func<Matrix> compute)
    {
        lock (Gate)
            if (kernel is { } k && Same(k.A, a) && Same(k.B, b)) return k.Kernel;
        var computed = compute();
        lock (Gate) kernel = (a.Clone(), b.Clone(), computed);
        return computed;
    }

    private static bool Same(Matrix x, Matrix y) =>
        ReferenceEquals(x, y) || (x.Rows == y.Rows && x.Cols == y.Cols && x.Data.AsSpan().SequenceEqual(y.Data));
}
