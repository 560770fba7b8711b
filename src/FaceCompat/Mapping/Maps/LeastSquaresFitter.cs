using FaceCompat.Infrastructure;

namespace FaceCompat.Mapping.Maps;

/// <summary>How least squares is solved: <see cref="Auto"/> picks the normal equations when well conditioned.</summary>
public enum LeastSquaresSolver { Auto, Gelsd }

/// <summary>Least squares' singular-value cut-off (default numpy's) and solver (default auto).</summary>
public sealed record LeastSquaresParameters(double? Rcond = null, LeastSquaresSolver? Solver = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() =>
        Text("rcond", Rcond).Concat(Solver is { } s ? [new KeyValuePair<string, string>("solver", s == LeastSquaresSolver.Gelsd ? "gelsd" : "auto")] : []);
}

/// <summary>
/// Unconstrained least squares X W ≈ Y, minimum-norm when rank-deficient (numpy's lstsq). Solver
/// <c>auto</c> takes the normal equations when they are well conditioned (see <see cref="LinearSolvers"/>),
/// <c>gelsd</c> always runs LAPACK's SVD solver on X, exactly as numpy does (slower).
/// </summary>
internal sealed class LeastSquaresFitter(double? rcond, bool forceLapack = false) : IMapFitter
{
    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("lstsq", MapRole.Fitted,
        "least squares, minimum-norm when rank-deficient (reference); solver=auto|gelsd", ["linear", "least-squares"], ["rcond", "solver"],
        new LeastSquaresParameters(), t => new LeastSquaresParameters(
            t.OptionalDouble("rcond", v => v > 0 && v < 1, "in (0, 1)"),
            t.OptionalString("solver") switch
            {
                null => null,
                "auto" => LeastSquaresSolver.Auto,
                "gelsd" => LeastSquaresSolver.Gelsd,
                var other => throw new FaceCompatException($"map '{t.Text}': solver={other} is invalid; solver must be auto or gelsd."),
            }),
        (p, _) => new LeastSquaresFitter(p.Rcond, p.Solver == LeastSquaresSolver.Gelsd));

    public string Name => Descriptor.Name;

    public IReadOnlyDictionary<string, string> Parameters { get; } = BuildParameters(rcond, forceLapack);

    public FittedMap Fit(TrainingPair pair)
    {
        var notes = new Dictionary<string, string>();
        var w = LinearSolvers.MinNormLeastSquares(pair, rcond, notes, forceLapack);
        return new FittedMap(Name, Parameters, pair.Preparation, LinearHead.ZeroBordered(w, pair.SourceDimension, pair.TargetDimension), new IdentityHead(pair.TargetDimension), notes);
    }

    private static Dictionary<string, string> BuildParameters(double? rcond, bool forceLapack)
    {
        var p = new Dictionary<string, string>();
        if (rcond is { } r) p["rcond"] = FittedMap.Number(r);
        if (forceLapack) p["solver"] = "gelsd";
        return p;
    }
}
