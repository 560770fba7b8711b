namespace FaceCompat.Numerics;

/// <summary>
/// Row-major wrappers over the native LAPACK routines. LAPACK is column-major: a row-major
/// m x n buffer is the column-major n x m transpose, which the wrappers exploit or undo.
/// </summary>
internal static unsafe class NativeLapack
{
    public static SvdResult ThinSvd(Matrix a) => Svd(a, full: false);

    public static SvdResult FullSvd(Matrix a) => Svd(a, full: true);

    private static SvdResult Svd(Matrix a, bool full)
    {
        // The buffer is column-major A^T (n x m). If A^T = U' S V'^T then A = V' S U'^T, and the
        // column-major V'^T (r x m) is row-major U_A (m x r); column-major U' (n x r) is row-major Vt_A (r x n).
        // With full = true (jobz 'A'), LAPACK's U' is m x m and V'^T is n x n (square factors).
        int m = a.Cols, n = a.Rows, r = Math.Min(m, n);
        int uCols = full ? m : r, vtRows = full ? n : r;
        var work = LargeArrays.Copy(a.Data);
        var s = new double[r];
        var uPrime = new double[(long)m * uCols];
        var vtPrime = new double[(long)vtRows * n];
        // No singular value: a thin SVD has empty factors; a full one still has square orthogonal ones.
        if (r == 0) return new SvdResult(full ? Matrix.Identity(a.Rows) : new Matrix(a.Rows, 0), s, full ? Matrix.Identity(a.Cols) : new Matrix(0, a.Cols));
        byte jobz = full ? (byte)'A' : (byte)'S';
        int lda = Math.Max(1, m), ldu = Math.Max(1, m), ldvt = Math.Max(1, vtRows), info = 0, lwork = -1;
        var iwork = new int[8 * r];
        double query = 0;
        fixed (double* pa = work) fixed (double* ps = s) fixed (double* pu = uPrime) fixed (double* pvt = vtPrime) fixed (int* piw = iwork)
        {
            NativeBlas.Dgesdd(&jobz, &m, &n, pa, &lda, ps, pu, &ldu, pvt, &ldvt, &query, &lwork, piw, &info, 1);
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dgesdd (workspace query)", info);
            // Stryker disable once Checked : a workspace LAPACK asks for fits an int
            lwork = checked((int)query + 1);
            var scratch = new double[lwork];
            fixed (double* pw = scratch)
                NativeBlas.Dgesdd(&jobz, &m, &n, pa, &lda, ps, pu, &ldu, pvt, &ldvt, pw, &lwork, piw, &info, 1);
            // Stryker disable once Equality,Statement : a convergence failure cannot be provoked in a test (info < 0 is Check's case)
            if (info > 0) throw new InvalidOperationException("SVD did not converge (dgesdd).");
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dgesdd", info);
        }
        return new SvdResult(new Matrix(a.Rows, vtRows, vtPrime), s, new Matrix(uCols, a.Cols, uPrime));
    }

    public static EigenResult SymmetricEigen(Matrix a) => SymmetricEigen(a, vectors: true);

    public static EigenResult SymmetricEigen(Matrix a, bool vectors)
    {
        // Stryker disable once Unary : either size at -1 makes the first call a workspace query (LQUERY is lwork = -1 or liwork = -1)
        int n = a.Rows, lda = Math.Max(1, n), info = 0, lwork = -1, liwork = -1;
        var w = new double[n];
        if (n == 0) return new EigenResult(w, new Matrix(0, 0));
        // Row-major lower triangle = column-major upper triangle.
        var v = LargeArrays.Copy(a.Data);
        // Stryker disable once Conditional : computing the vectors when they are not asked for changes no eigenvalue
        byte jobz = vectors ? (byte)'V' : (byte)'N', uplo = (byte)'U';
        double query = 0;
        int iquery = 0;
        fixed (double* pa = v) fixed (double* pw = w)
        {
            NativeBlas.Dsyevd(&jobz, &uplo, &n, pa, &lda, pw, &query, &lwork, &iquery, &liwork, &info, 1, 1);
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dsyevd (workspace query)", info);
            // Stryker disable once Checked : a workspace LAPACK asks for fits an int
            lwork = checked((int)query + 1);
            var scratch = new double[lwork];
            var iscratch = new int[iquery]; // dsyevd's minimum LIWORK is 1 (n <= 1 or no vectors) or 3 + 5n: never 0
            liwork = iscratch.Length; // the buffer's real length: a short one is refused by LAPACK, never overrun
            fixed (double* pwork = scratch) fixed (int* piw = iscratch)
                NativeBlas.Dsyevd(&jobz, &uplo, &n, pa, &lda, pw, pwork, &lwork, piw, &liwork, &info, 1, 1);
            // Stryker disable once Equality,Statement : a convergence failure cannot be provoked in a test (info < 0 is Check's case)
            if (info > 0) throw new InvalidOperationException("Eigendecomposition did not converge (dsyevd).");
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dsyevd", info);
        }
        // Column-major eigenvectors in a row-major buffer are V^T: transpose so column j is eigenvector j.
        return new EigenResult(w, vectors ? new Matrix(n, n, v).Transpose() : new Matrix(0, 0));
    }

    public static Matrix LeastSquares(Matrix a, Matrix b, double rcond)
    {
        int m = a.Rows, n = a.Cols, nrhs = b.Cols, lda = Math.Max(1, m), ldb = Math.Max(1, Math.Max(m, n));
        var ac = a.Transpose().Data; // column-major A
        var bc = new double[(long)ldb * nrhs]; // column-major B, ldb rows
        for (var i = 0; i < m; i++)
            for (var j = 0; j < nrhs; j++)
                bc[(long)j * ldb + i] = b.Data[(long)i * nrhs + j];
        // Stryker disable once Linq : a longer array for the singular values is never read past min(m, n)
        var s = new double[Math.Min(m, n)];
        int rank = 0, info = 0, lwork = -1, iquery = 0;
        double query = 0;
        fixed (double* pa = ac) fixed (double* pb = bc) fixed (double* ps = s)
        {
            NativeBlas.Dgelsd(&m, &n, &nrhs, pa, &lda, pb, &ldb, ps, &rcond, &rank, &query, &lwork, &iquery, &info);
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dgelsd (workspace query)", info);
            // Stryker disable once Checked : a workspace LAPACK asks for fits an int
            lwork = checked((int)query + 1);
            var scratch = new double[lwork];
            var iscratch = new int[iquery]; // dgelsd's minimum LIWORK is max(1, 3·min(m,n)·nlvl + 11·min(m,n)): never 0
            fixed (double* pw = scratch) fixed (int* piw = iscratch)
                NativeBlas.Dgelsd(&m, &n, &nrhs, pa, &lda, pb, &ldb, ps, &rcond, &rank, pw, &lwork, piw, &info);
            // Stryker disable once Equality,Statement : a convergence failure cannot be provoked in a test (info < 0 is Check's case)
            if (info > 0) throw new InvalidOperationException("Least squares SVD did not converge (dgelsd).");
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dgelsd", info);
        }
        var x = new Matrix(n, nrhs);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < nrhs; j++)
                x.Data[(long)i * nrhs + j] = bc[(long)j * ldb + i];
        return x;
    }

    public static Matrix SolveSpd(Matrix a, Matrix b)
    {
        int n = a.Rows, nrhs = b.Cols, lda = Math.Max(1, n), ldb = Math.Max(1, n), info = 0;
        var ac = LargeArrays.Copy(a.Data); // symmetric: row-major = column-major
        var bc = b.Transpose().Data; // column-major B
        byte uplo = (byte)'U';
        fixed (double* pa = ac) fixed (double* pb = bc)
            NativeBlas.Dposv(&uplo, &n, &nrhs, pa, &lda, pb, &ldb, &info, 1);
        if (info > 0) throw new InvalidOperationException($"Matrix is not positive definite (dposv: leading minor {info}).");
        // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
        Check("dposv", info);
        return new Matrix(nrhs, n, bc).Transpose();
    }

    public static bool HasCholeskyFactor => NativeBlas.Dpotrf != null && NativeBlas.Dpotrs != null;

    /// <summary>dpotrf on a copy of the symmetric matrix (upper triangle, column-major = row-major for a symmetric matrix).</summary>
    public static double[] CholeskyFactor(Matrix a)
    {
        int n = a.Rows, lda = Math.Max(1, n), info = 0;
        var ac = LargeArrays.Copy(a.Data);
        byte uplo = (byte)'U';
        fixed (double* pa = ac)
            NativeBlas.Dpotrf(&uplo, &n, pa, &lda, &info, 1);
        if (info > 0) throw new InvalidOperationException($"Matrix is not positive definite (dpotrf: leading minor {info}).");
        // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
        Check("dpotrf", info);
        return ac;
    }

    /// <summary>dpotrs with a factor from <see cref="CholeskyFactor"/>: what dposv does after its dpotrf.</summary>
    public static Matrix SolveWithFactor(double[] factor, int n, Matrix b)
    {
        int nrhs = b.Cols, lda = Math.Max(1, n), ldb = Math.Max(1, n), info = 0;
        var bc = b.Transpose().Data;
        byte uplo = (byte)'U';
        fixed (double* pa = factor) fixed (double* pb = bc)
            NativeBlas.Dpotrs(&uplo, &n, &nrhs, pa, &lda, pb, &ldb, &info, 1);
        // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
        Check("dpotrs", info);
        return new Matrix(nrhs, n, bc).Transpose();
    }

    public static bool HasTridiagonal => NativeBlas.Dsytrd != null && NativeBlas.Dorgtr != null && NativeBlas.Dsterf != null;

    /// <summary>
    /// dsytrd then dorgtr on a copy of the symmetric n x n matrix A (upper triangle, column-major = row-major lower):
    /// A = Q T Qᵀ with T's diagonal and off-diagonal, and Q formed explicitly. Q is column-major in the returned buffer,
    /// so the row-major matrix returned is Qᵀ. Measured here at n = 1,024: dsytrd 50–55 ms, dorgtr 49–56 ms (dsyevd with
    /// vectors 216–223 ms). Q is formed rather than applied as reflectors (dormtr): from the right of a 128 x 1,024 block
    /// that took 70 ms, from the left 22 ms, and a study applies Q once per ridge penalty.
    /// </summary>
    public static (Matrix QTransposed, double[] Diagonal, double[] OffDiagonal) Tridiagonalize(Matrix a)
    {
        int n = a.Rows, lda = Math.Max(1, n), info = 0, lwork = -1;
        var ac = LargeArrays.Copy(a.Data);
        var d = new double[n];
        var e = new double[Math.Max(0, n - 1)];
        if (n == 0) return (new Matrix(0, 0), d, e);
        var tau = new double[Math.Max(1, n - 1)];
        byte uplo = (byte)'U';
        double query = 0, formQuery = 0;
        fixed (double* pa = ac) fixed (double* pd = d) fixed (double* pe = e) fixed (double* pt = tau)
        {
            NativeBlas.Dsytrd(&uplo, &n, pa, &lda, pd, pe, pt, &query, &lwork, &info, 1);
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dsytrd (workspace query)", info);
            NativeBlas.Dorgtr(&uplo, &n, pa, &lda, pt, &formQuery, &lwork, &info, 1);
            // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
            Check("dorgtr (workspace query)", info);
            // Stryker disable once Checked : a workspace LAPACK asks for fits an int
            lwork = Math.Max(1, checked((int)Math.Max(query, formQuery)));
            var scratch = new double[lwork];
            fixed (double* pw = scratch)
            {
                NativeBlas.Dsytrd(&uplo, &n, pa, &lda, pd, pe, pt, pw, &lwork, &info, 1);
                // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
                Check("dsytrd", info);
                NativeBlas.Dorgtr(&uplo, &n, pa, &lda, pt, pw, &lwork, &info, 1);
                // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
                Check("dorgtr", info);
            }
        }
        return (new Matrix(n, n, ac), d, e);
    }

    /// <summary>The eigenvalues (ascending) of the symmetric tridiagonal matrix with this diagonal and off-diagonal (dsterf).</summary>
    public static double[] TridiagonalEigenvalues(double[] diagonal, double[] offDiagonal)
    {
        int n = diagonal.Length, info = 0;
        var d = (double[])diagonal.Clone();
        var e = new double[Math.Max(1, n)];
        offDiagonal.CopyTo(e, 0);
        fixed (double* pd = d) fixed (double* pe = e)
            NativeBlas.Dsterf(&n, pd, pe, &info);
        // Stryker disable once Equality,Statement : a convergence failure cannot be provoked in a test (info < 0 is Check's case)
        if (info > 0) throw new InvalidOperationException("Tridiagonal eigenvalues did not converge (dsterf).");
        // Stryker disable once Statement,String : LAPACK reports a bad argument only for arguments this wrapper never builds (Check itself is tested)
        Check("dsterf", info);
        return d;
    }

    internal static void Check(string routine, int info)
    {
        if (info < 0) throw new InvalidOperationException($"{routine}: argument {-info} is invalid.");
    }
}
