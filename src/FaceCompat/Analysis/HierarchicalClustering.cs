namespace FaceCompat.Analysis;

/// <summary>One merge of agglomerative clustering, numbered like scipy: leaves are 0..n-1, merge i creates n+i.</summary>
internal sealed record ClusterMerge(int Left, int Right, double Distance, int Size);

/// <summary>Agglomerative clustering with average linkage (UPGMA), as scipy's linkage(method="average").</summary>
internal static class HierarchicalClustering
{
    /// <summary>
    /// Clusters n items from a symmetric distance matrix (n x n, row-major). Ties are broken by the
    /// lowest cluster ids, so the result is deterministic.
    /// </summary>
    public static IReadOnlyList<ClusterMerge> AverageLinkage(double[,] distances)
    {
        var n = distances.GetLength(0);
        if (n != distances.GetLength(1)) throw new ArgumentException("The distance matrix must be square.");
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (double.IsNaN(distances[i, j]) || Math.Abs(distances[i, j] - distances[j, i]) > 1e-9 * (1 + Math.Abs(distances[i, j])))
                    throw new ArgumentException($"The distance matrix must be symmetric and finite (entry {i},{j}).");

        var d = new double[2 * n, 2 * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                d[i, j] = distances[i, j];
        var size = new int[2 * n];
        var active = new List<int>();
        for (var i = 0; i < n; i++) { size[i] = 1; active.Add(i); }

        // Stryker disable once Linq,Arithmetic : a list's initial capacity
        var merges = new List<ClusterMerge>(Math.Max(0, n - 1));
        for (var step = 0; step < n - 1; step++)
        {
            // Stryker disable once Unary : overwritten by the first pair (every distance is below +infinity)
            int bestA = -1, bestB = -1;
            var best = double.PositiveInfinity;
            for (var ai = 0; ai < active.Count; ai++)
                for (var bi = ai + 1; bi < active.Count; bi++)
                {
                    var v = d[active[ai], active[bi]];
                    if (v < best) { best = v; bestA = active[ai]; bestB = active[bi]; }
                }
            var created = n + step;
            size[created] = size[bestA] + size[bestB];
            foreach (var other in active)
            {
                // Stryker disable once Logical,Statement : the merged clusters' own entries are written but never read again (both leave the active set)
                if (other == bestA || other == bestB) continue;
                var v = (d[bestA, other] * size[bestA] + d[bestB, other] * size[bestB]) / size[created];
                d[created, other] = d[other, created] = v;
            }
            active.Remove(bestA);
            active.Remove(bestB);
            active.Add(created);
            merges.Add(new ClusterMerge(Math.Min(bestA, bestB), Math.Max(bestA, bestB), best, size[created]));
        }
        return merges;
    }

    /// <summary>The leaves in dendrogram order (left to right).</summary>
    public static IReadOnlyList<int> LeafOrder(IReadOnlyList<ClusterMerge> merges, int leafCount)
    {
        if (leafCount == 0) return [];
        var order = new List<int>(leafCount);
        var stack = new Stack<int>();
        stack.Push(merges.Count == 0 ? 0 : leafCount + merges.Count - 1);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node < leafCount) { order.Add(node); continue; }
            var m = merges[node - leafCount];
            stack.Push(m.Right);
            stack.Push(m.Left);
        }
        return order;
    }
}
