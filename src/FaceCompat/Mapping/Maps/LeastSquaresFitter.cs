namespace FaceCompat.Mapping.Maps;

/// <summary>Unconstrained least squares X W ≈ Y, minimum-norm when rank-deficient (numpy's lstsq).</summary>
public sealed class LeastSquaresFitter(double? rcond) : IMapFitter
{
    public string Name => "lstsq";

    public IReadOnlyDictionary<string, string> Parameters { get; } = rcond is { } r
        ? new Dictionary<string, string> { ["rcond"] = FittedMap.Number(r) }
        : new Dictionary<string, string>();

    public FittedMap Fit(TrainingPair pair)
    {
        var notes = new Dictionary<string, string>();
        var w = LinearSolvers.MinNormLeastSquares(pair, rcond, notes);
        return new FittedMap(Name, Parameters, pair.Preparation, new LinearHead(w), new IdentityHead(pair.Target.Cols), notes);
    }
}
