namespace FaceCompat.Mapping.Maps;

/// <summary>The unaligned baseline: the prepared source rows compared with the prepared target rows as they are (W = I).</summary>
public sealed class UnalignedFitter : IMapFitter
{
    public string Name => "unaligned";
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    public FittedMap Fit(TrainingPair pair) =>
        new(Name, Parameters, pair.Preparation, new IdentityHead(pair.Source.Cols), new IdentityHead(pair.Target.Cols));
}
