namespace FaceCompat.Analysis;

/// <summary>Average ranks (1-based, ties share their mean rank, as scipy.stats.rankdata) and rank correlation.</summary>
internal static class Ranking
{
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && keys[j + 1] == keys[i]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var t = i; t <= j; t++) ranks[order[t]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>Sizes of the groups of tied values (only groups of two or more).</summary>
    public static List<int> TieGroupSizes(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var sizes = new List<int>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[i]) j++;
            if (j > i) sizes.Add(j - i + 1);
            i = j + 1;
        }
        return sizes;
    }

    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length || x.Length < 2) throw new ArgumentException("Two equal-length series of at least two values are required.");
        double mx = 0, my = 0;
        for (var i = 0; i < x.Length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's rho: the Pearson correlation of average ranks.</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Pearson(AverageRanks(x), AverageRanks(y));
}
