namespace FaceCompat.Mapping.Maps;

/// <summary>
/// Unconstrained least squares X W ≈ Y, minimum-norm when rank-deficient (numpy's lstsq). Solver
/// <c>auto</c> takes the normal equations when they are well conditioned (see <see cref="LinearSolvers"/>),
/// <c>gelsd</c> always runs LAPACK's SVD solver on X, exactly as numpy does (slower).
/// </summary>
public sealed class LeastSquaresFitter(double? rcond, bool forceLapack = false) : IMapFitter
{
    public string Name => "lstsq";

    public IReadOnlyDictionary<string, string> Parameters { get; } = BuildParameters(rcond, forceLapack);

    public FittedMap Fit(TrainingPair pair)
    {
        var notes = new Dictionary<string, string>();
        var w = LinearSolvers.MinNormLeastSquares(pair, rcond, notes, forceLapack);
        return new FittedMap(Name, Parameters, pair.Preparation, new LinearHead(w), new IdentityHead(pair.Target.Cols), notes);
    }

    private static Dictionary<string, string> BuildParameters(double? rcond, bool forceLapack)
    {
        var p = new Dictionary<string, string>();
        if (rcond is { } r) p["rcond"] = FittedMap.Number(r);
        if (forceLapack) p["solver"] = "gelsd";
        return p;
    }
}
