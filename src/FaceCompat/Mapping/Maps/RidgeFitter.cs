namespace FaceCompat.Mapping.Maps;

/// <summary>Ridge's penalty (default <see cref="RidgeFitter.DefaultAlpha"/>).</summary>
public sealed record RidgeParameters(double? Alpha = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() => Text("alpha", Alpha);
}

/// <summary>Ridge regression without intercept: W = (X^T X + alpha I)^-1 X^T Y.</summary>
internal sealed class RidgeFitter(double alpha) : IMapFitter
{
    public const double DefaultAlpha = 0.1;

    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("ridge", MapRole.Fitted,
        "ridge without intercept, alpha default 0.1 (reference)", [], ["alpha"], new RidgeParameters(),
        t => new RidgeParameters(t.OptionalDouble("alpha", v => v > 0 && double.IsFinite(v), "a positive number")),
        (p, _) => new RidgeFitter(p.Alpha ?? DefaultAlpha));

    public string Name => Descriptor.Name;
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string> { ["alpha"] = FittedMap.Number(alpha) };

    public FittedMap Fit(TrainingPair pair) =>
        new(Name, Parameters, pair.Preparation, LinearHead.ZeroBordered(LinearSolvers.Ridge(pair, alpha), pair.SourceDimension, pair.TargetDimension), new IdentityHead(pair.TargetDimension));
}
