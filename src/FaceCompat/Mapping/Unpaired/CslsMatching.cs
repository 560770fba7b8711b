using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>
/// One round of matching two row sets by cross-domain similarity local scaling (CSLS, Conneau et al. 2018):
/// CSLS(i, j) = 2 cos(i, j) − r_T(i) − r_S(j), where r_T(i) is the mean cosine of source row i's k nearest
/// target rows and r_S(j) that of target row j's k nearest source rows. It penalises hubs (rows near
/// everything). Similarities are computed in row blocks, never as a whole n_S x n_T matrix.
/// </summary>
/// <param name="SourceBest">For each source row, the target row of highest CSLS.</param>
/// <param name="TargetBest">For each target row, the source row of highest CSLS.</param>
/// <param name="MeanBestCosine">The mean cosine of each source row with its CSLS match (the unsupervised selection criterion).</param>
/// <param name="SourceNeighbours">Row i's k most cosine-similar target rows: entries [i k, (i + 1) k).</param>
internal sealed record CslsMatch(int[] SourceBest, int[] TargetBest, double MeanBestCosine, int[] SourceNeighbours, int K)
{
    /// <summary>The mutual nearest neighbours: (i, j) with SourceBest[i] = j and TargetBest[j] = i, in source order.</summary>
    public (int Source, int Target)[] MutualPairs() =>
        Enumerable.Range(0, SourceBest.Length).Where(i => TargetBest[SourceBest[i]] == i).Select(i => (i, SourceBest[i])).ToArray();
}

internal static class CslsMatching
{
    private const long BlockElements = 1 << 22;

    /// <summary>
    /// Matches the rows of <paramref name="source"/> (n_S x m) and <paramref name="target"/> (n_T x m), whose inner
    /// products are the cosines (rows already unit-length, or projections of unit rows).
    /// </summary>
    public static CslsMatch Match(Matrix source, Matrix target, int k)
    {
        if (source.Cols != target.Cols) throw new ArgumentException($"Row sets have {source.Cols} and {target.Cols} columns.");
        int ns = source.Rows, nt = target.Rows;
        if (ns == 0 || nt == 0) throw new ArgumentException("Both row sets need rows.");
        k = Math.Clamp(k, 1, Math.Min(ns, nt));

        // Pass 1: each source row's k best targets, each target row's k best sources.
        var sourceRadius = new double[ns];
        var targetTop = new TopK(nt, k);
        var rowTop = new double[k];
        var neighbours = new int[ns * k];
        ForEachBlock(source, target, (first, block) =>
        {
            for (var r = 0; r < block.Rows; r++)
            {
                var row = block.Row(r);
                sourceRadius[first + r] = MeanOfTop(row, rowTop, neighbours.AsSpan((first + r) * k, k));
                for (var j = 0; j < nt; j++) targetTop.Offer(j, row[j]);
            }
        });
        var targetRadius = targetTop.Means();

        // Pass 2: the CSLS argmax of every row and every column.
        var sourceBest = new int[ns];
        var bestCosine = new double[ns];
        var targetBest = new int[nt];
        var targetBestScore = new double[nt];
        Array.Fill(targetBestScore, double.NegativeInfinity);
        ForEachBlock(source, target, (first, block) =>
        {
            for (var r = 0; r < block.Rows; r++)
            {
                var i = first + r;
                var row = block.Row(r);
                int best = 0;
                var bestScore = double.NegativeInfinity;
                for (var j = 0; j < nt; j++)
                {
                    var twice = 2 * row[j];
                    var score = twice - targetRadius[j];
                    if (score > bestScore) { bestScore = score; best = j; }
                    var columnScore = twice - sourceRadius[i];
                    if (columnScore > targetBestScore[j]) { targetBestScore[j] = columnScore; targetBest[j] = i; }
                }
                sourceBest[i] = best;
                bestCosine[i] = row[best];
            }
        });
        return new CslsMatch(sourceBest, targetBest, bestCosine.Average(), neighbours, k);
    }

    /// <summary>Calls <paramref name="visit"/> with consecutive blocks of source x target^T (first source row, block).</summary>
    private static void ForEachBlock(Matrix source, Matrix target, Action<int, Matrix> visit)
    {
        int ns = source.Rows, nt = target.Rows, m = source.Cols;
        var rows = (int)Math.Clamp(BlockElements / nt, 1, ns);
        var buffer = new double[(long)rows * nt];
        for (var first = 0; first < ns; first += rows)
        {
            var count = Math.Min(rows, ns - first);
            var block = new Matrix(count, nt, count == rows ? buffer : new double[count * nt]);
            Blas.Dgemm(false, true, count, nt, m, 1.0, source.Data.AsSpan(first * m), Math.Max(1, m), target.Data, Math.Max(1, m), 0.0, block.Data, nt);
            visit(first, block);
        }
    }

    /// <summary>The mean of the <c>top.Length</c> largest values of <paramref name="values"/>; their positions go to <paramref name="at"/>.</summary>
    internal static double MeanOfTop(ReadOnlySpan<double> values, double[] top, Span<int> at)
    {
        var k = top.Length;
        Array.Fill(top, double.NegativeInfinity);
        var minAt = 0;
        for (var j = 0; j < values.Length; j++)
        {
            var v = values[j];
            if (v <= top[minAt]) continue;
            top[minAt] = v;
            at[minAt] = j;
            for (var t = 0; t < k; t++) if (top[t] < top[minAt]) minAt = t;
        }
        return top.Average();
    }

    /// <summary>The k largest values offered to each of n slots (kept unsorted, with the smallest's position).</summary>
    private sealed class TopK
    {
        private readonly int k;
        private readonly double[] values;
        private readonly int[] minAt;

        public TopK(int n, int k)
        {
            this.k = k;
            values = new double[n * k];
            Array.Fill(values, double.NegativeInfinity);
            minAt = new int[n];
        }

        public void Offer(int slot, double v)
        {
            var span = values.AsSpan(slot * k, k);
            ref var at = ref minAt[slot];
            if (v <= span[at]) return;
            span[at] = v;
            for (var t = 0; t < k; t++) if (span[t] < span[at]) at = t;
        }

        public double[] Means()
        {
            var n = minAt.Length;
            var means = new double[n];
            for (var s = 0; s < n; s++)
            {
                var sum = 0.0;
                foreach (var v in values.AsSpan(s * k, k)) sum += v;
                means[s] = sum / k;
            }
            return means;
        }
    }
}
