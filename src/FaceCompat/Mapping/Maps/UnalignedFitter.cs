namespace FaceCompat.Mapping.Maps;

/// <summary>The unaligned baseline: the prepared source rows compared with the prepared target rows as they are (W = I).</summary>
internal sealed class UnalignedFitter : IMapFitter
{
    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("unaligned", MapRole.Baseline,
        "no map: the prepared spaces compared as they are (baseline)", ["baseline", "identity", "none"], [],
        NoMapParameters.Instance, _ => NoMapParameters.Instance, (_, _) => new UnalignedFitter());

    public string Name => Descriptor.Name;
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    public FittedMap Fit(TrainingPair pair) =>
        new(Name, Parameters, pair.Preparation, new IdentityHead(pair.SourceDimension), new IdentityHead(pair.TargetDimension));
}
