using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>A coupling between two weighted point sets and its Gromov–Wasserstein loss.</summary>
internal sealed record GwCoupling(Matrix Coupling, double Loss);

/// <summary>
/// Entropic Gromov–Wasserstein with the square loss (Peyré, Cuturi &amp; Solomon 2016): a coupling T of two weighted
/// sets, seen only through their within-set similarities A (n x n) and B (m x m), that minimises
/// L(T) = Σ_ijkl (A_ik − B_jl)² T_ij T_kl. Each step solves the entropic transport problem with the cost
/// C(T) = c − 2 A T Bᵀ, c_ij = Σ_k A_ik² p_k + Σ_l B_jl² q_l (so that L(T) = ⟨C(T), T⟩), at a temperature ε that is
/// lowered step by step. It compares shapes, not coordinates, so it needs no pairs and no common space.
/// </summary>
internal static class GromovWasserstein
{
    public static GwCoupling Couple(Matrix a, double[] p, Matrix b, double[] q, Matrix start, IReadOnlyList<double> epsilons,
        int steps, int sinkhornIterations)
    {
        var constant = ConstantCost(a, p, b, q);
        var coupling = start;
        foreach (var epsilon in epsilons)
            for (var step = 0; step < steps; step++)
                coupling = Sinkhorn.Couple(Cost(constant, a, coupling, b), p, q, epsilon, sinkhornIterations);
        return new GwCoupling(coupling, Loss(a, p, b, q, coupling));
    }

    /// <summary>L(T) = ⟨C(T), T⟩.</summary>
    public static double Loss(Matrix a, double[] p, Matrix b, double[] q, Matrix coupling) =>
        System.Numerics.Tensors.TensorPrimitives.Dot<double>(Cost(ConstantCost(a, p, b, q), a, coupling, b).Data, coupling.Data);

    /// <summary>
    /// A start that needs no coupling: each point is described by its sorted similarities to its own set (VecMap's
    /// similarity signature; invariant to the order of either set), the cost is the squared distance between
    /// signatures, scaled to unit spread, and the start is its entropic transport plan at ε = 0.05.
    /// Both sets must have the same number of points.
    /// </summary>
    public static Matrix SignatureStart(Matrix a, double[] p, Matrix b, double[] q)
    {
        if (a.Rows != b.Rows) throw new ArgumentException($"Similarity signatures need sets of one size; got {a.Rows} and {b.Rows}.");
        var sa = SortedRows(a);
        var sb = SortedRows(b);
        int n = a.Rows;
        var cost = new Matrix(n, n);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var d = 0.0;
                var x = sa.Row(i);
                var y = sb.Row(j);
                for (var t = 0; t < n; t++) d += (x[t] - y[t]) * (x[t] - y[t]);
                cost[i, j] = d;
            }
        var mean = cost.Data.Average();
        var spread = Math.Sqrt(cost.Data.Average(c => (c - mean) * (c - mean)));
        if (spread > 0) System.Numerics.Tensors.TensorPrimitives.Divide(cost.Data, spread, cost.Data);
        return Sinkhorn.Couple(cost, p, q, 0.05, 300);
    }

    private static Matrix SortedRows(Matrix m)
    {
        var sorted = m.Clone();
        for (var i = 0; i < sorted.Rows; i++) sorted.Row(i).Sort();
        return sorted;
    }

    private static Matrix ConstantCost(Matrix a, double[] p, Matrix b, double[] q)
    {
        var rowA = new double[a.Rows];
        for (var i = 0; i < a.Rows; i++)
            for (var k = 0; k < a.Cols; k++) rowA[i] += a[i, k] * a[i, k] * p[k];
        var rowB = new double[b.Rows];
        for (var j = 0; j < b.Rows; j++)
            for (var l = 0; l < b.Cols; l++) rowB[j] += b[j, l] * b[j, l] * q[l];
        var c = new Matrix(a.Rows, b.Rows);
        for (var i = 0; i < a.Rows; i++)
            for (var j = 0; j < b.Rows; j++) c[i, j] = rowA[i] + rowB[j];
        return c;
    }

    /// <summary>C(T) = c − 2 A T Bᵀ.</summary>
    private static Matrix Cost(Matrix constant, Matrix a, Matrix coupling, Matrix b)
    {
        var cost = constant.Clone();
        var at = a.Multiply(coupling);
        Blas.Dgemm(false, true, at.Rows, b.Rows, at.Cols, -2.0, at.Data, at.Cols, b.Data, b.Cols, 1.0, cost.Data, cost.Cols);
        return cost;
    }
}
