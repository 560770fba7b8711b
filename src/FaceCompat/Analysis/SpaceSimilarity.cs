namespace FaceCompat.Analysis;

/// <summary>
/// How alike two embedding spaces of the same n images are, independent of any map. Inputs are
/// row-major (n x p and n x q) float32 arrays; rows correspond.
/// </summary>
internal static class SpaceSimilarity
{
    public const int DefaultNeighbours = 10;

    /// <summary>
    /// Linear CKA with the unbiased HSIC estimator (Song et al. 2012; Nguyen et al. 2021):
    /// K = X Xᵀ, L = Y Yᵀ with zeroed diagonals,
    /// HSIC₁(K, L) = [tr(KL) + 1ᵀK1·1ᵀL1 / ((n-1)(n-2)) - 2/(n-2)·1ᵀKL1] / (n(n-3)),
    /// CKA = HSIC₁(K, L) / sqrt(HSIC₁(K, K) HSIC₁(L, L)). Needs n ≥ 4. Not centred first: the
    /// estimator is invariant to the mean.
    /// </summary>
    public static double LinearCka(float[] x, int p, float[] y, int q, int n)
    {
        if (n < 4) throw new ArgumentException("Unbiased CKA needs at least 4 rows.", nameof(n));
        var k = Gram(x, p, n);
        var l = Gram(y, q, n);
        var kl = UnbiasedHsic(k, l, n);
        var kk = UnbiasedHsic(k, k, n);
        var ll = UnbiasedHsic(l, l, n);
        return kl / Math.Sqrt(kk * ll);
    }

    /// <summary>
    /// Representational similarity: Spearman correlation of the upper triangles (i &lt; j) of the two
    /// pairwise cosine-distance matrices (1 - cos).
    /// </summary>
    public static double Rsa(float[] x, int p, float[] y, int q, int n)
    {
        var dx = UpperCosineDistances(x, p, n);
        var dy = UpperCosineDistances(y, q, n);
        return Ranking.Spearman(dx, dy);
    }

    /// <summary>
    /// Mutual k-NN overlap: for each row, the share of its k nearest neighbours by cosine (itself
    /// excluded, ties to the lower row) that both spaces agree on, averaged over rows; in [0, 1].
    /// The similarities are computed <paramref name="blockRows"/> rows at a time (0: a size that bounds the memory).
    /// </summary>
    public static double MutualKnnOverlap(float[] x, int p, float[] y, int q, int n, int k = DefaultNeighbours, int blockRows = 0)
    {
        if (k < 1 || k >= n) throw new ArgumentException($"k must be in 1..{n - 1}.", nameof(k));
        var nx = Neighbours(x, p, n, k, blockRows);
        var ny = Neighbours(y, q, n, k, blockRows);
        double total = 0;
        var set = new HashSet<int>();
        for (var i = 0; i < n; i++)
        {
            set.Clear();
            for (var t = 0; t < k; t++) set.Add(nx[i * k + t]);
            var shared = 0;
            for (var t = 0; t < k; t++) if (set.Contains(ny[i * k + t])) shared++;
            total += (double)shared / k;
        }
        return total / n;
    }

    private static double[] Gram(float[] x, int p, int n)
    {
        if (x.Length != (long)n * p) throw new ArgumentException($"Expected {n}x{p} values.");
        var g = new double[n * n];
        Parallel.For(0, n, i =>
        {
            var a = x.AsSpan(i * p, p);
            for (var j = i; j < n; j++)
            {
                var v = Evaluation.Verification.DotDouble(a, x.AsSpan(j * p, p));
                g[i * n + j] = v;
                g[j * n + i] = v;
            }
        });
        for (var i = 0; i < n; i++) g[i * n + i] = 0;
        return g;
    }

    private static double UnbiasedHsic(double[] k, double[] l, int n)
    {
        double trace = 0, sumK = 0, sumL = 0, cross = 0;
        var rowK = new double[n];
        var rowL = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var kv = k[i * n + j];
                var lv = l[i * n + j];
                trace += kv * lv; // tr(KL) = sum_ij K_ij L_ji, both symmetric
                rowK[i] += kv;
                rowL[i] += lv;
            }
        for (var i = 0; i < n; i++)
        {
            sumK += rowK[i];
            sumL += rowL[i];
            cross += rowK[i] * rowL[i]; // 1ᵀKL1 = (K1)·(L1)
        }
        var unscaled = trace + sumK * sumL / ((n - 1.0) * (n - 2.0)) - 2.0 / (n - 2.0) * cross;
        // Stryker disable once Arithmetic : the same factor scales all three HSIC estimates of a CKA and cancels in it
        return unscaled / (n * (n - 3.0));
    }

    private static double[] UpperCosineDistances(float[] x, int p, int n)
    {
        if (x.Length != (long)n * p) throw new ArgumentException($"Expected {n}x{p} values.");
        var norms = new double[n];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * p, p);
            norms[i] = Math.Sqrt(Evaluation.Verification.DotDouble(row, row));
        }
        var d = new double[(long)n * (n - 1) / 2];
        Parallel.For(0, n, i =>
        {
            var a = x.AsSpan(i * p, p);
            long offset = (long)i * (2L * n - i - 1) / 2;
            for (var j = i + 1; j < n; j++)
                d[offset + j - i - 1] = 1 - Evaluation.Verification.DotDouble(a, x.AsSpan(j * p, p)) / (norms[i] * norms[j]);
        });
        return d;
    }

    private static int[] Neighbours(float[] x, int p, int n, int k, int blockRows)
    {
        var unit = Evaluation.Rows.Normalized(x, n, p);
        var result = new int[n * k];
        // Stryker disable once Equality,Conditional : the block size is speed and memory only (tests compare sizes)
        blockRows = blockRows > 0 ? blockRows : Evaluation.SimilarityBlocks.BlockRows(n);
        var scores = new float[(long)blockRows * n];
        for (var start = 0; start < n; start += blockRows)
        {
            var rows = Math.Min(blockRows, n - start);
            Evaluation.SimilarityBlocks.Multiply(unit.AsSpan(start * p, rows * p), rows, unit, n, p, scores.AsSpan(0, rows * n));
            var s = start;
            Parallel.For(0, rows, r =>
                Evaluation.TopK.Select(scores.AsSpan(r * n, n), s + r, result.AsSpan((s + r) * k, k)));
        }
        return result;
    }
}
