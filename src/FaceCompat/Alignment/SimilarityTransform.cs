namespace FaceCompat.Alignment;

/// <summary>
/// A 2-D similarity (rotation, uniform scale, translation): x' = A x - B y + Tx, y' = B x + A y + Ty.
/// </summary>
internal readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    public double Scale => Math.Sqrt(A * A + B * B);
    public double RotationRadians => Math.Atan2(B, A);

    public (double X, double Y) Apply(double x, double y) => (A * x - B * y + Tx, B * x + A * y + Ty);

    public SimilarityTransform Inverse()
    {
        var d = A * A + B * B;
        if (d == 0) throw new InvalidOperationException("A degenerate (zero-scale) similarity has no inverse.");
        var ia = A / d;
        var ib = -B / d;
        return new SimilarityTransform(ia, ib, -(ia * Tx - ib * Ty), -(ib * Tx + ia * Ty));
    }

    /// <summary>
    /// The least-squares similarity taking <paramref name="source"/> points onto <paramref name="target"/>
    /// points (Umeyama 1991, with the reflection guard): both are x0, y0, x1, y1, ... with at least two
    /// distinct points. Minimises sum |T(s_i) - t_i|^2 exactly.
    /// </summary>
    public static SimilarityTransform Estimate(ReadOnlySpan<float> source, ReadOnlySpan<float> target)
    {
        if (source.Length != target.Length || source.Length < 4 || source.Length % 2 != 0)
            throw new ArgumentException("Need the same number (at least two) of source and target points.");
        var n = source.Length / 2;
        double msx = 0, msy = 0, mtx = 0, mty = 0;
        for (var i = 0; i < n; i++)
        {
            msx += source[2 * i]; msy += source[2 * i + 1];
            mtx += target[2 * i]; mty += target[2 * i + 1];
        }
        msx /= n; msy /= n; mtx /= n; mty /= n;
        // Covariance Sigma = (1/n) sum (t - mt)(s - ms)^T and source variance.
        double sxx = 0, sxy = 0, syx = 0, syy = 0, variance = 0;
        for (var i = 0; i < n; i++)
        {
            var sx = source[2 * i] - msx; var sy = source[2 * i + 1] - msy;
            var tx = target[2 * i] - mtx; var ty = target[2 * i + 1] - mty;
            sxx += tx * sx; sxy += tx * sy; syx += ty * sx; syy += ty * sy;
            variance += sx * sx + sy * sy;
        }
        sxx /= n; sxy /= n; syx /= n; syy /= n; variance /= n;
        if (variance <= 0) throw new ArgumentException("The source points all coincide.");
        // For 2-D, the optimal rotation of the Umeyama SVD solution (det > 0) is R = [[a, -b], [b, a]] / |(a, b)|
        // with a = Sxx + Syy and b = Syx - Sxy, and trace(D S) = |(a, b)|.
        var a = sxx + syy;
        var b = syx - sxy;
        var norm = Math.Sqrt(a * a + b * b);
        if (norm == 0) throw new ArgumentException("The points do not determine a rotation.");
        var scale = norm / variance;
        var ca = a / norm * scale;
        var cb = b / norm * scale;
        return new SimilarityTransform(ca, cb, mtx - (ca * msx - cb * msy), mty - (cb * msx + ca * msy));
    }
}
