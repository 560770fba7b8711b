using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Hub;

/// <summary>
/// Generalised Procrustes analysis: N prepared spaces of the same images (rows aligned, each n x D with its data in
/// its first a_i columns, the rest zero padding) rotated onto their common mean M = (1/N) sum_i X_i R_i, by turns:
/// each R_i is the orthogonal Procrustes rotation of X_i onto M, then M is recomputed, until the objective
/// sum_i ||X_i R_i - M||^2 changes by less than the tolerance (relative). Only the products X_i^T X_j are formed, once;
/// every iteration then works in d x D matrices, whatever the number of rows.
/// </summary>
internal static class GeneralizedProcrustes
{
    /// <param name="spaces">Prepared rows of each space (same rows, same width D).</param>
    /// <param name="active">The number of leading columns of each space that carry data (the rest is padding).</param>
    public static GeneralizedProcrustesFit Fit(IReadOnlyList<Matrix> spaces, IReadOnlyList<int> active, double tolerance, int maxIterations)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var n = spaces.Count;
        if (n == 0) throw new FaceCompatException("a shared space needs at least one model.");
        if (!(tolerance > 0) || maxIterations < 1) throw new ArgumentException("tolerance must be positive and iterations at least 1.");
        var rows = spaces[0].Rows;
        var width = spaces[0].Cols;
        if (spaces.Any(s => s.Rows != rows || s.Cols != width))
            throw new FaceCompatException("the spaces of a shared space must hold the same rows at the same width.");
        var x = spaces.Select((s, i) => TrainingPair.LeadingColumns(s, active[i])).ToArray();
        var cross = new Matrix[n, n];
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
            {
                cross[i, j] = Matrix.Multiply(x[i], true, x[j], false);
                if (j != i) cross[j, i] = cross[i, j].Transpose();
            }
        var total = 0.0;
        for (var i = 0; i < n; i++) total += Trace(cross[i, i]);

        // Start: every space rotated onto the widest one (the first of the widest), which defines the hub's axes.
        var reference = Enumerable.Range(0, n).MaxBy(i => (active[i], -i));
        var rotations = new Matrix[n];
        for (var i = 0; i < n; i++) rotations[i] = ActiveRows(Polar(TrainingPair.Embed(cross[i, reference], active[i], width)), active[i]);

        var objectives = new List<double>();
        var converged = false;
        Matrix[] toMean = [];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            toMean = TowardsMean(cross, rotations, active, width);
            var objective = total;
            for (var i = 0; i < n; i++) objective -= Dot(rotations[i], toMean[i]);
            objective = Math.Max(objective, 0);
            objectives.Add(objective);
            if (objectives.Count >= 2 && Math.Abs(objectives[^2] - objective) <= tolerance * Math.Max(objectives[^2], double.Epsilon))
            {
                converged = true;
                break;
            }
            if (iteration == maxIterations - 1) break;
            for (var i = 0; i < n; i++) rotations[i] = ActiveRows(Polar(toMean[i]), active[i]);
        }
        // Full D x D rotations: the active rows as fitted, completed by an orthonormal basis of the rest.
        var full = rotations.Select(Complete).ToArray();
        return new GeneralizedProcrustesFit(full, objectives, converged, total, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The full D x D orthogonal Procrustes rotation of prepared rows (data in the first <paramref name="active"/> columns)
    /// onto fixed target rows: the one fit by which a model joins a frozen shared space.
    /// </summary>
    public static Matrix RotationOnto(Matrix prepared, int active, Matrix target)
    {
        if (prepared.Rows != target.Rows || prepared.Cols != target.Cols)
            throw new FaceCompatException($"a model joining a shared space needs its rows of the hub's {target.Rows} images at width {target.Cols}; got {prepared.Rows} x {prepared.Cols}.");
        var g = Matrix.Multiply(TrainingPair.LeadingColumns(prepared, active), true, target, false);
        return Complete(ActiveRows(Polar(g), active));
    }

    /// <summary>G_i = X_i^T M = (1/N) sum_j (X_i^T X_j) R_j for every space i (a_i x D).</summary>
    private static Matrix[] TowardsMean(Matrix[,] cross, Matrix[] rotations, IReadOnlyList<int> active, int width)
    {
        var n = rotations.Length;
        var result = new Matrix[n];
        for (var i = 0; i < n; i++)
        {
            var g = new Matrix(active[i], width);
            for (var j = 0; j < n; j++)
                Blas.Dgemm(false, false, active[i], width, active[j], 1.0 / n, cross[i, j].Data, Math.Max(1, active[j]),
                    rotations[j].Data, width, 1.0, g.Data, width);
            result[i] = g;
        }
        return result;
    }

    /// <summary>U V^T from the SVD of an a x D matrix (a &lt;= D): the a x D matrix with orthonormal rows nearest to it.</summary>
    private static Matrix Polar(Matrix g)
    {
        var svd = Decompositions.ThinSvd(g);
        return svd.U.Multiply(svd.Vt);
    }

    // Stryker disable once Conditional : a polar factor of an a x D matrix has a rows; the check is a safeguard
    private static Matrix ActiveRows(Matrix m, int active) => m.Rows == active ? m : throw new InvalidOperationException("polar factor has the wrong shape.");

    /// <summary>A D x D orthogonal matrix whose first a rows are <paramref name="activeRows"/> (orthonormal), the rest spanning their complement.</summary>
    private static Matrix Complete(Matrix activeRows)
    {
        int a = activeRows.Rows, d = activeRows.Cols;
        var full = new Matrix(d, d);
        activeRows.Data.CopyTo(full.Data, 0);
        if (a == d) return full;
        var complement = Decompositions.FullSvd(activeRows).Vt; // rows a.. span the null space of activeRows
        for (var i = a; i < d; i++) complement.Row(i).CopyTo(full.Row(i));
        return full;
    }

    private static double Trace(Matrix m)
    {
        var t = 0.0;
        // Stryker disable once Linq : the traces taken are of square matrices
        for (var i = 0; i < Math.Min(m.Rows, m.Cols); i++) t += m[i, i];
        return t;
    }

    private static double Dot(Matrix a, Matrix b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Data.Length; i++) s += a.Data[i] * b.Data[i];
        return s;
    }
}

/// <summary>
/// The result of <see cref="GeneralizedProcrustes.Fit"/>: each space's D x D rotation into the hub, the objective
/// sum_i ||X_i R_i - M||^2 at each iteration, whether it converged, sum_i ||X_i||^2 (to read the objective against) and the wall time.
/// </summary>
internal sealed record GeneralizedProcrustesFit(IReadOnlyList<Matrix> Rotations, IReadOnlyList<double> Objectives, bool Converged, double TotalSquares,
    double Seconds)
{
    public int Iterations => Objectives.Count;
}
