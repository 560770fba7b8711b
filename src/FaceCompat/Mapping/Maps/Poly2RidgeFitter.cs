using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>
/// Degree-2 polynomial features (bias, linear terms, all products x_i x_j with i ≤ j, as
/// scikit-learn's PolynomialFeatures(2)) followed by ridge without intercept, solved in its exact
/// dual form: A = (K + alpha I)^-1 Y with the polynomial kernel K, so x maps to k(x, X_train) A.
/// </summary>
public sealed class Poly2RidgeFitter(double alpha) : IMapFitter
{
    public const double DefaultAlpha = 1e-4;
    public string Name => "poly2";
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string> { ["alpha"] = FittedMap.Number(alpha) };

    public FittedMap Fit(TrainingPair pair)
    {
        var x = TrainingPair.LeadingColumns(pair.Source, pair.SourceActive);
        // K depends on the source rows only: one factor serves every target fitted on the same rows.
        var factor = Poly2Memo.Factor(x, alpha, () =>
        {
            var k = Poly2KernelHead.Kernel(x, x);
            for (var i = 0; i < k.Rows; i++) k[i, i] += alpha;
            return Decompositions.Cholesky(k);
        });
        // Only the target's active columns carry values: the padding columns of the dual solution are zero.
        var dual = TrainingPair.Embed(factor.Solve(TrainingPair.LeadingColumns(pair.Target, pair.TargetActive)),
            pair.Target.Rows, pair.Target.Cols);
        return new FittedMap(Name, Parameters, pair.Preparation, new Poly2KernelHead(pair.Source, dual), new IdentityHead(pair.Target.Cols));
    }
}
