using System.Globalization;

namespace FaceCompat.Mapping.Maps;

/// <summary>Procrustes with an isotropic scale: W = s U V^T with s = trace(S) / ||X||_F^2.</summary>
internal sealed class ScaledProcrustesFitter : IMapFitter
{
    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("procrustes-scaled", MapRole.Fitted,
        "Procrustes with an isotropic scale", ["scaled-procrustes"], [],
        NoMapParameters.Instance, _ => NoMapParameters.Instance, (_, _) => new ScaledProcrustesFitter());

    public string Name => Descriptor.Name;
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    public FittedMap Fit(TrainingPair pair)
    {
        var (w, singular) = ProcrustesFitter.OrthogonalFactor(pair);
        var trace = singular.Sum();
        var sourceTrace = 0.0;
        var gram = pair.SourceGram;
        for (var i = 0; i < gram.Rows; i++) sourceTrace += gram[i, i];
        var scale = sourceTrace > 0 ? trace / sourceTrace : 1.0;
        for (var i = 0; i < w.Data.Length; i++) w.Data[i] *= scale;
        var notes = new Dictionary<string, string> { ["scale"] = scale.ToString("R", CultureInfo.InvariantCulture) };
        return new FittedMap(Name, Parameters, pair.Preparation, new LinearHead(w), new IdentityHead(pair.TargetDimension), notes);
    }
}
