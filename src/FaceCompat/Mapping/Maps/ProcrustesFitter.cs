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

    public FittedMap Fit(TrainingPair pair) =>
        new(Name, Parameters, pair.Preparation, OrthogonalSolution(pair).Head, new IdentityHead(pair.TargetDimension));

    /// <summary>U V^T for the D x D cross-covariance M = X^T Y, whole, and the singular values of M (see <see cref="OrthogonalSolution"/>).</summary>
    internal static (Matrix W, double[] S) OrthogonalFactor(TrainingPair pair)
    {
        // Stryker disable once all : both routes give an exact orthogonal Procrustes solution (the block route's full SVD serves an unpadded C too)
        if (!OnePaddedSide(pair)) return WholePolarFactor(pair);
        var full = Decompositions.FullSvd(pair.Cross);
        return (Complete(Block(full, pair), full, pair.SourceDimension), full.S);
    }

    /// <summary>
    /// U V^T for the D x D cross-covariance M = X^T Y, as an orthogonal head, and the singular values of M. When one
    /// side is zero-padded, M is the a x b active block C bordered by zeros: the thin SVD C = U S Vt gives the block of
    /// W that meets both sides' real coordinates — W[:, :b] = U Vt (target padded) or W[:a, :] = U Vt (source padded) —
    /// and the head is completed only when W is read whole, from the full SVD of C: the padding directions of one side
    /// pair with the left-over singular vectors of the other, W[:, b:] = U_full[:, b:] or W[a:, :] = Vt_full[a:, :].
    /// The result is an exact orthogonal Procrustes solution; where M is degenerate (the padding) any valid pairing
    /// gives the same scores, since it only rotates directions the other side lacks.
    /// </summary>
    internal static (LinearHead Head, double[] S) OrthogonalSolution(TrainingPair pair)
    {
        // Stryker disable once all : both routes give an exact orthogonal Procrustes solution (the block route serves an unpadded C too)
        if (!OnePaddedSide(pair))
        {
            var (w, s) = WholePolarFactor(pair);
            // Stryker disable once Boolean : the orthogonal flag only lets scoring skip columns; scores are the same either way (ScoringOperandsTests)
            return (new LinearHead(w, orthogonal: true), s);
        }
        var c = pair.Cross;
        var thin = Decompositions.ThinSvd(c);
        var block = Block(thin, pair);
        return (LinearHead.OrthogonalFromBlock(block, pair.SourceDimension, () => Complete(block, Decompositions.FullSvd(c), pair.SourceDimension)), thin.S);
    }

    /// <summary>Whether exactly one side of a square D x D problem is zero-padded (the block route); otherwise the polar factor of M itself.</summary>
    private static bool OnePaddedSide(TrainingPair pair)
    {
        int d = pair.SourceDimension, a = pair.SourceActive, b = pair.TargetActive;
        // Stryker disable once all : both routes give an exact orthogonal Procrustes solution; they differ only in how the padding directions pair up, which meet zeros
        return d == pair.TargetDimension && (a < d || b < d) && !(a < d && b < d);
    }

    private static (Matrix W, double[] S) WholePolarFactor(TrainingPair pair) =>
        LinearSolvers.PolarFactor(TrainingPair.Embed(pair.Cross, pair.SourceDimension, pair.TargetDimension));

    /// <summary>The known block U[:, :r] Vt[:r, :] (r = min(a, b)) from a thin or a full SVD of the a x b block C.</summary>
    private static WeightBlock Block(SvdResult svd, TrainingPair pair)
    {
        int a = pair.SourceActive, b = pair.TargetActive, r = Math.Min(a, b);
        var values = TrainingPair.LeadingColumns(svd.U, r).Multiply(svd.Vt.LeadingRows(r));
        return new WeightBlock(values, a < pair.SourceDimension ? WeightBlockKind.LeadingRows : WeightBlockKind.LeadingColumns);
    }

    /// <summary>The whole W: the known block, and the padding directions from the full SVD of C.</summary>
    private static Matrix Complete(WeightBlock block, SvdResult full, int d)
    {
        var w = new Matrix(d, d);
        var known = block.Values;
        if (block.Kind == WeightBlockKind.LeadingColumns)
        {
            // Target padded (a = d): W[:, :b] = the block, W[:, b:] = U_full[:, b:].
            var b = known.Cols;
            for (var i = 0; i < d; i++)
            {
                known.Row(i).CopyTo(w.Row(i));
                full.U.Row(i)[b..].CopyTo(w.Row(i)[b..]);
            }
        }
        else
        {
            // Source padded (b = d): W[:a, :] = the block, W[a:, :] = Vt_full[a:, :].
            var a = known.Rows;
            known.Data.AsSpan().CopyTo(w.Data);
            for (var i = a; i < d; i++) full.Vt.Row(i).CopyTo(w.Row(i));
        }
        return w;
    }
}
