using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>Orthogonal Procrustes: W = U V^T from the SVD of X^T Y (the reference map, no scale).</summary>
internal sealed class ProcrustesFitter : IMapFitter
{
    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("procrustes", MapRole.Fitted,
        "orthogonal Procrustes, W = U V^T from the SVD of X^T Y (reference)", ["orthogonal"], [],
        NoMapParameters.Instance, _ => NoMapParameters.Instance, (_, _) => new ProcrustesFitter());

    public string Name => Descriptor.Name;
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    // Stryker disable once Boolean : the orthogonal flag only lets scoring skip columns; scores are the same either way (ScoringOperandsTests)
    public FittedMap Fit(TrainingPair pair) =>
        new(Name, Parameters, pair.Preparation, new LinearHead(OrthogonalFactor(pair).W, orthogonal: true), new IdentityHead(pair.TargetDimension));

    /// <summary>
    /// U V^T for the D x D cross-covariance M = X^T Y. When one side is zero-padded, M is the a x b
    /// active block C bordered by zeros, and an SVD of M is assembled from the full SVD of C (far cheaper
    /// than the SVD of M): the padding directions of one side pair with the left-over singular vectors of
    /// the other. The result is an exact orthogonal Procrustes solution; where M is degenerate (the
    /// padding) any valid pairing gives the same scores, since it only rotates directions the other side lacks.
    /// </summary>
    internal static (Matrix W, double[] S) OrthogonalFactor(TrainingPair pair)
    {
        int d = pair.SourceDimension, a = pair.SourceActive, b = pair.TargetActive;
        var c = pair.Cross;
        // Stryker disable once all : both routes give an exact orthogonal Procrustes solution; they differ only in how the padding directions pair up, which meet zeros
        if (d != pair.TargetDimension || (a == d && b == d) || (a < d && b < d))
            return LinearSolvers.PolarFactor(TrainingPair.Embed(c, d, pair.TargetDimension));
        var svd = Decompositions.FullSvd(c);
        var w = new Matrix(d, d);
        if (a == d)
        {
            // Target padded: W[:, :b] = U[:, :b] Vt, W[:, b:] = U[:, b:].
            var lead = TrainingPair.LeadingColumns(svd.U, b).Multiply(svd.Vt);
            for (var i = 0; i < d; i++)
            {
                lead.Row(i).CopyTo(w.Row(i));
                svd.U.Row(i)[b..].CopyTo(w.Row(i)[b..]);
            }
        }
        else
        {
            // Source padded: W[:a, :] = U Vt[:a, :], W[a:, :] = Vt[a:, :].
            var top = new Matrix(a, d, svd.Vt.Data.AsSpan(0, a * d).ToArray());
            var lead = svd.U.Multiply(top);
            for (var i = 0; i < a; i++) lead.Row(i).CopyTo(w.Row(i));
            for (var i = a; i < d; i++) svd.Vt.Row(i).CopyTo(w.Row(i));
        }
        return (w, svd.S);
    }
}
