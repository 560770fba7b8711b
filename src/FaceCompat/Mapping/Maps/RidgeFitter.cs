namespace FaceCompat.Mapping.Maps;

/// <summary>Ridge regression without intercept: W = (X^T X + alpha I)^-1 X^T Y.</summary>
public sealed class RidgeFitter(double alpha) : IMapFitter
{
    public const double DefaultAlpha = 0.1;
    public string Name => "ridge";
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string> { ["alpha"] = FittedMap.Number(alpha) };

    public FittedMap Fit(TrainingPair pair) =>
        new(Name, Parameters, pair.Preparation, new LinearHead(LinearSolvers.Ridge(pair, alpha)), new IdentityHead(pair.Target.Cols));
}
