using System.Globalization;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>
/// Orthogonal Procrustes: W = U V^T from the SVD of X^T Y (the reference map, no scale). With
/// <c>scaled</c>, W = s U V^T with the isotropic scale s = trace(S) / ||X||_F^2.
/// </summary>
public sealed class ProcrustesFitter(bool scaled) : IMapFitter
{
    public string Name => scaled ? "procrustes-scaled" : "procrustes";
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    public FittedMap Fit(TrainingPair pair)
    {
        var d = pair.Source.Cols;
        var cross = TrainingPair.Embed(pair.Cross, d, pair.Target.Cols);
        var (w, singular) = LinearSolvers.PolarFactor(cross);
        var notes = new Dictionary<string, string>();
        if (scaled)
        {
            var trace = singular.Sum();
            var sourceTrace = 0.0;
            var gram = pair.SourceGram;
            for (var i = 0; i < gram.Rows; i++) sourceTrace += gram[i, i];
            var scale = sourceTrace > 0 ? trace / sourceTrace : 1.0;
            for (var i = 0; i < w.Data.Length; i++) w.Data[i] *= scale;
            notes["scale"] = scale.ToString("R", CultureInfo.InvariantCulture);
        }
        return new FittedMap(Name, Parameters, pair.Preparation, new LinearHead(w), new IdentityHead(pair.Target.Cols), notes);
    }
}
