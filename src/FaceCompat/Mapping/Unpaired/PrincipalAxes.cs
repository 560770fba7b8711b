using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>
/// The leading principal axes of one centred row set, each oriented by its third moment (skewness), with how
/// sure that orientation is. An orthogonal map between two spaces sends principal axes to principal axes (same
/// variances, same order), up to each axis' sign; a skewed distribution fixes the sign. This is the pair-free
/// starting guess of the unsupervised map.
/// </summary>
/// <param name="Axes">d x k: column j is axis j (by decreasing variance), signed so that the skewness along it is positive.</param>
/// <param name="Variances">The variance along each axis.</param>
/// <param name="SkewnessZ">|skewness| / its standard error sqrt(6/n): how clearly the data fix axis j's sign.</param>
internal sealed record PrincipalAxes(Matrix Axes, double[] Variances, double[] SkewnessZ)
{
    /// <summary>The first <paramref name="k"/> axes of the first <paramref name="active"/> columns of centred <paramref name="rows"/>.</summary>
    public static PrincipalAxes Of(Matrix rows, int active, int k)
    {
        int n = rows.Rows;
        k = Math.Min(k, active);
        var gram = new Matrix(active, active);
        Blas.Gram(n, active, rows.Data, rows.Cols, gram.Data, active);
        var eigen = Decompositions.SymmetricEigen(gram);
        var axes = new Matrix(active, k);
        for (var j = 0; j < k; j++)
        {
            var column = active - 1 - j; // eigenvalues ascend
            for (var i = 0; i < active; i++) axes[i, j] = eigen.Vectors[i, column];
        }
        var scores = new Matrix(n, k);
        Blas.Dgemm(false, false, n, k, active, 1.0, rows.Data, rows.Cols, axes.Data, k, 0.0, scores.Data, k);
        var variances = new double[k];
        var z = new double[k];
        for (var j = 0; j < k; j++)
        {
            double m2 = 0, m3 = 0;
            for (var i = 0; i < n; i++)
            {
                var t = scores[i, j];
                m2 += t * t;
                m3 += t * t * t;
            }
            m2 /= n;
            m3 /= n;
            variances[j] = m2;
            var skewness = m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0;
            if (skewness < 0)
                for (var i = 0; i < active; i++) axes[i, j] = -axes[i, j];
            z[j] = Math.Abs(skewness) / Math.Sqrt(6.0 / n);
        }
        return new PrincipalAxes(axes, variances, z);
    }

    public int Count => Axes.Cols;
}
