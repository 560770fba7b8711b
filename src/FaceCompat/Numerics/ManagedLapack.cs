using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace FaceCompat.Numerics;

/// <summary>The decompositions in managed code (Math.NET Numerics), for machines without a native LAPACK.</summary>
internal static class ManagedLapack
{
    public static SvdResult ThinSvd(Matrix a)
    {
        // Stryker disable once Equality : a square matrix through the transposed route gets an equally valid SVD
        if (a.Rows < a.Cols)
        {
            // A^T = U' S V'^T  =>  A = V' S U'^T.
            var t = ThinSvd(a.Transpose());
            return new SvdResult(t.Vt.Transpose(), t.S, t.U.Transpose());
        }
        var r = a.Cols;
        if (r == 0) return new SvdResult(new Matrix(a.Rows, 0), [], new Matrix(0, 0));
        // Thin QR first so the SVD runs on the small r x r factor: A = Q R, R = Ur S Vt, U = Q Ur.
        var qr = ToMathNet(a).QR(QRMethod.Thin);
        var svd = qr.R.Svd(computeVectors: true);
        var u = FromMathNet(qr.Q).Multiply(FromMathNet(svd.U));
        return new SvdResult(u, svd.S.ToArray(), FromMathNet(svd.VT));
    }

    public static SvdResult FullSvd(Matrix a)
    {
        if (a.Rows == 0 || a.Cols == 0)
            return new SvdResult(Matrix.Identity(a.Rows), [], Matrix.Identity(a.Cols));
        var svd = ToMathNet(a).Svd(computeVectors: true);
        return new SvdResult(FromMathNet(svd.U), svd.S.ToArray(), FromMathNet(svd.VT));
    }

    public static EigenResult SymmetricEigen(Matrix a)
    {
        var n = a.Rows;
        if (n == 0) return new EigenResult([], new Matrix(0, 0));
        var lower = a.Clone();
        // Stryker disable once Equality : Math.NET's symmetric eigensolver reads the lower triangle only, so the mirror is a safeguard
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                lower[i, j] = lower[j, i];
        var evd = ToMathNet(lower).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => c.Real).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var vectors = new Matrix(n, n);
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
                vectors[i, j] = evd.EigenVectors[i, order[j]];
        return new EigenResult(order.Select(i => values[i]).ToArray(), vectors);
    }

    public static Matrix LeastSquares(Matrix a, Matrix b, double rcond)
    {
        var svd = ThinSvd(a);
        var r = svd.S.Length;
        // Stryker disable once Conditional,Equality : r = 0 never reaches here (Decompositions.LeastSquares returns early for an empty A)
        var cutoff = rcond * (r > 0 ? svd.S[0] : 0);
        // X = V diag(1/s) U^T B over the singular values above the cutoff.
        var utb = Matrix.Multiply(svd.U, true, b, false);
        for (var i = 0; i < r; i++)
        {
            var scale = svd.S[i] > cutoff ? 1.0 / svd.S[i] : 0.0;
            var row = utb.Row(i);
            for (var j = 0; j < row.Length; j++) row[j] *= scale;
        }
        return Matrix.Multiply(svd.Vt, true, utb, false);
    }

    public static Matrix SolveSpd(Matrix a, Matrix b)
    {
        var lower = a.Clone();
        // Stryker disable once Equality : Math.NET's Cholesky reads the lower triangle only, so the mirror is a safeguard
        for (var i = 0; i < a.Rows; i++)
            for (var j = i + 1; j < a.Cols; j++)
                lower[i, j] = lower[j, i];
        try
        {
            return FromMathNet(ToMathNet(lower).Cholesky().Solve(ToMathNet(b)));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("Matrix is not positive definite.", ex);
        }
    }

    private static Matrix<double> ToMathNet(Matrix a) =>
        Matrix<double>.Build.DenseOfRowMajor(a.Rows, a.Cols, a.Data);

    private static Matrix FromMathNet(Matrix<double> m) => new(m.RowCount, m.ColumnCount, m.ToRowMajorArray());
}
