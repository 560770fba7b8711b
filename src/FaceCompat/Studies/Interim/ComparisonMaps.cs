using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Studies.Interim;

/// <summary>Train/test rows of both spaces after the reference preparation, all the same dimension.</summary>
internal sealed record PreparedPair(Matrix SourceTrain, Matrix SourceTest, Matrix TargetTrain, Matrix TargetTest);

/// <summary>
/// The reference preparation and maps (stand-in for the Mapping library): each space centred with
/// its own train mean, zero-padded to the larger dimension, rows L2-normalised; maps fitted on the
/// prepared train rows. A null matrix means "no map" (the unaligned baseline).
/// </summary>
internal static class ComparisonMaps
{
    public static readonly IReadOnlyList<string> Names = ["procrustes", "linear", "ridge", "unaligned", "shuffled", "random-orthogonal"];
    public const double RidgeAlpha = 0.1;

    public static string Canonical(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        if (n == "lstsq") n = "linear";
        if (!Names.Contains(n)) throw new FaceCompatException($"Unknown map '{name}'. Known maps: {string.Join(", ", Names)} (lstsq = linear).");
        return n;
    }

    public static string Parameters(string name) => name switch
    {
        "procrustes" => "W = U V^T from svd(Xtr^T Ytr), no scale",
        "linear" => "numpy-style lstsq, minimum norm, rcond = eps * max(m, n)",
        "ridge" => $"alpha = {RidgeAlpha}, no intercept",
        "unaligned" => "no map: prepared source compared with prepared target",
        "shuffled" => "control: Procrustes fitted with the train target rows permuted (SplitMix64(seed))",
        "random-orthogonal" => "control: U V^T of a Gaussian matrix drawn from SplitMix64(seed)",
        _ => "",
    };

    public static PreparedPair Prepare(float[] x, int p, float[] y, int q, int[] train, int[] test)
    {
        var d = Math.Max(p, q);
        var (xtr, xte) = PrepareSpace(x, p, d, train, test);
        var (ytr, yte) = PrepareSpace(y, q, d, train, test);
        return new PreparedPair(xtr, xte, ytr, yte);
    }

    public static Matrix? Fit(string name, Matrix xtr, Matrix ytr, int seed) => name switch
    {
        "procrustes" => Procrustes(xtr, ytr),
        "linear" => Decompositions.LeastSquares(xtr, ytr),
        "ridge" => Ridge(xtr, ytr, RidgeAlpha),
        "unaligned" => null,
        "shuffled" => Procrustes(xtr, Shuffled(ytr, seed)),
        "random-orthogonal" => RandomOrthogonal(xtr.Cols, seed),
        _ => throw new FaceCompatException($"Unknown map '{name}'."),
    };

    private static (Matrix Train, Matrix Test) PrepareSpace(float[] values, int cols, int dim, int[] train, int[] test)
    {
        var mean = new double[cols];
        foreach (var r in train)
            for (var j = 0; j < cols; j++) mean[j] += values[(long)r * cols + j];
        for (var j = 0; j < cols; j++) mean[j] /= train.Length;
        Matrix Build(int[] rows)
        {
            var m = new Matrix(rows.Length, dim);
            for (var i = 0; i < rows.Length; i++)
            {
                var row = m.Row(i);
                double ss = 0;
                for (var j = 0; j < cols; j++)
                {
                    row[j] = values[(long)rows[i] * cols + j] - mean[j];
                    ss += row[j] * row[j];
                }
                var norm = Math.Sqrt(ss);
                if (norm > 0) for (var j = 0; j < cols; j++) row[j] /= norm;
            }
            return m;
        }
        return (Build(train), Build(test));
    }

    private static Matrix Procrustes(Matrix x, Matrix y)
    {
        var svd = Decompositions.ThinSvd(Matrix.Multiply(x, true, y, false));
        return svd.U.Multiply(svd.Vt);
    }

    private static Matrix Ridge(Matrix x, Matrix y, double alpha)
    {
        var gram = x.Gram();
        for (var i = 0; i < gram.Rows; i++) gram[i, i] += alpha;
        return Decompositions.SolveSpd(gram, Matrix.Multiply(x, true, y, false));
    }

    private static Matrix Shuffled(Matrix y, int seed)
    {
        var order = new int[y.Rows];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var rng = new SplitMix64(unchecked((ulong)seed) ^ 0x5348554646UL);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return y.SelectRows(order);
    }

    private static Matrix RandomOrthogonal(int d, int seed)
    {
        var rng = new SplitMix64(unchecked((ulong)seed) ^ 0x4F5254484FUL);
        var g = new Matrix(d, d);
        for (var i = 0; i < g.Data.Length; i++)
            g.Data[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var svd = Decompositions.ThinSvd(g);
        return svd.U.Multiply(svd.Vt);
    }
}
