using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>Unit-length cluster centroids of unit rows and the share of rows nearest each.</summary>
/// <param name="Centroids">k x m, unit rows.</param>
/// <param name="Weights">The share of rows assigned to each centroid (sums to 1).</param>
internal sealed record Clusters(Matrix Centroids, double[] Weights);

/// <summary>
/// Spherical k-means (cosine similarity): start from k rows drawn by k-means++ (each next row with probability
/// proportional to its squared distance 2 − 2 cos to the nearest row drawn so far), assign every row to its most
/// similar centroid, set each centroid to the normalised sum of its rows; an empty cluster keeps its centroid.
/// </summary>
internal static class SphericalKMeans
{
    public static Clusters Fit(Matrix unitRows, int k, int iterations, NumpyRandomState random)
    {
        int n = unitRows.Rows, m = unitRows.Cols;
        if (k < 1 || k > n) throw new ArgumentException($"k = {k} clusters of {n} rows.");
        var centroids = unitRows.SelectRows(PlusPlus(unitRows, k, random));
        var assigned = Assign(unitRows, centroids);
        for (var step = 0; step < iterations; step++)
        {
            var sums = new Matrix(k, m);
            for (var i = 0; i < n; i++)
                System.Numerics.Tensors.TensorPrimitives.Add(sums.Row(assigned[i]), unitRows.Row(i), sums.Row(assigned[i]));
            for (var c = 0; c < k; c++)
            {
                var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(sums.Row(c)));
                if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(sums.Row(c), norm, centroids.Row(c));
            }
            var next = Assign(unitRows, centroids);
            var same = next.AsSpan().SequenceEqual(assigned);
            assigned = next;
            if (same) break;
        }
        var weights = new double[k];
        foreach (var c in assigned) weights[c] += 1.0 / n;
        return new Clusters(centroids, weights);
    }

    /// <summary>k-means++ seeding: the first row uniformly, each next by squared distance to the nearest chosen.</summary>
    private static int[] PlusPlus(Matrix unitRows, int k, NumpyRandomState random)
    {
        int n = unitRows.Rows;
        var chosen = new int[k];
        chosen[0] = (int)random.Interval((uint)(n - 1));
        var distance = new double[n];
        Array.Fill(distance, double.PositiveInfinity);
        for (var c = 1; c < k; c++)
        {
            var last = unitRows.Row(chosen[c - 1]);
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                var d = Math.Max(0, 2 - 2 * System.Numerics.Tensors.TensorPrimitives.Dot<double>(unitRows.Row(i), last));
                if (d < distance[i]) distance[i] = d;
                total += distance[i];
            }
            var u = random.NextDouble() * total;
            var pick = n - 1;
            for (var i = 0; i < n; i++)
                if ((u -= distance[i]) < 0) { pick = i; break; }
            chosen[c] = pick;
        }
        return chosen;
    }

    /// <summary>Each row's most cosine-similar centroid (the lowest index among ties).</summary>
    internal static int[] Assign(Matrix unitRows, Matrix centroids)
    {
        var similarity = Matrix.Multiply(unitRows, false, centroids, true);
        var assigned = new int[unitRows.Rows];
        for (var i = 0; i < assigned.Length; i++)
            assigned[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax<double>(similarity.Row(i));
        return assigned;
    }
}
