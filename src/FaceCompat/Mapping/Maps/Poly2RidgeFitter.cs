using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>The degree-2 map's ridge penalty (default <see cref="Poly2RidgeFitter.DefaultAlpha"/>).</summary>
public sealed record Poly2Parameters(double? Alpha = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() => Text("alpha", Alpha);
}

/// <summary>
/// Degree-2 polynomial features (bias, linear terms, all products x_i x_j with i ≤ j, as
/// scikit-learn's PolynomialFeatures(2)) followed by ridge without intercept, solved in its exact
/// dual form: A = (K + alpha I)^-1 Y with the polynomial kernel K, so x maps to k(x, X_train) A.
/// </summary>
internal sealed class Poly2RidgeFitter(double alpha) : IMapFitter
{
    public const double DefaultAlpha = 1e-4;

    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("poly2", MapRole.Fitted,
        "degree-2 polynomial features + ridge, alpha default 1e-4", ["poly2-ridge", "polynomial"], ["alpha"], new Poly2Parameters(),
        t => new Poly2Parameters(t.OptionalDouble("alpha", v => v > 0 && double.IsFinite(v), "a positive number")),
        (p, _) => new Poly2RidgeFitter(p.Alpha ?? DefaultAlpha));

    public string Name => Descriptor.Name;
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string> { ["alpha"] = FittedMap.Number(alpha) };

    public FittedMap Fit(TrainingPair pair)
    {
        var x = TrainingPair.LeadingColumns(pair.Source, pair.SourceActive);
        // K depends on the source rows only: one factor serves every target fitted on the same rows.
        CholeskyFactorization Factor()
        {
            var k = Poly2KernelHead.Kernel(x, x);
            for (var i = 0; i < k.Rows; i++) k[i, i] += alpha;
            return Decompositions.Cholesky(k);
        }
        // Stryker disable once all : the memo only saves refactorising the same kernel (its size counts against the memo's budget)
        var factor = pair.Memo is null ? Factor()
            : pair.Memo.GetOrAdd(new MemoKey("poly2-factor", FittedMap.Number(alpha), WorkMemo.Digest(x)), Factor, f => (long)f.Size * f.Size * sizeof(double));
        // Only the target's active columns carry values: the padding columns of the dual solution are zero.
        var dual = TrainingPair.Embed(factor.Solve(TrainingPair.LeadingColumns(pair.Target, pair.TargetActive)),
            pair.Count, pair.TargetDimension);
        return new FittedMap(Name, Parameters, pair.Preparation, new Poly2KernelHead(pair.PaddedSource, dual, pair.Memo), new IdentityHead(pair.TargetDimension));
    }
}
