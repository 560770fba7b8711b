using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>
/// Entropic optimal transport (Cuturi 2013): the coupling T = diag(u) exp(−C/ε) diag(v) with row sums p and column
/// sums q, found by alternately rescaling rows and columns.
/// </summary>
internal static class Sinkhorn
{
    public static Matrix Couple(Matrix cost, double[] p, double[] q, double epsilon, int iterations)
    {
        int n = cost.Rows, m = cost.Cols;
        // Subtracting each row's least cost rescales that row of the kernel only (absorbed into u) and keeps a 1 in
        // every row, so small ε does not underflow whole rows; the floor keeps columns from vanishing.
        var kernel = new Matrix(n, m);
        for (var i = 0; i < n; i++)
        {
            var row = cost.Row(i);
            var least = System.Numerics.Tensors.TensorPrimitives.Min<double>(row);
            var to = kernel.Row(i);
            for (var j = 0; j < m; j++) to[j] = Math.Max(Math.Exp(-(row[j] - least) / epsilon), 1e-300);
        }
        var u = new double[n];
        Array.Fill(u, 1.0);
        var v = new double[m];
        var kv = new double[n];
        var ktu = new double[m];
        for (var step = 0; step < iterations; step++)
        {
            Blas.Dgemm(true, false, m, 1, n, 1.0, kernel.Data, m, u, 1, 0.0, ktu, 1);
            for (var j = 0; j < m; j++) v[j] = q[j] / ktu[j];
            Blas.Dgemm(false, false, n, 1, m, 1.0, kernel.Data, m, v, 1, 0.0, kv, 1);
            for (var i = 0; i < n; i++) u[i] = p[i] / kv[i];
        }
        for (var i = 0; i < n; i++)
        {
            var row = kernel.Row(i);
            for (var j = 0; j < m; j++) row[j] *= u[i] * v[j];
        }
        return kernel;
    }
}
