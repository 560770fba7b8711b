using System.Globalization;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>
/// Control: the wrapped map fitted on broken correspondences, the target train rows permuted by
/// numpy's <c>RandomState(seed).permutation(n)</c>. A sound method must fall to baseline with it.
/// </summary>
public sealed class ShuffledControlFitter(IMapFitter inner, int seed) : IMapFitter
{
    public string Name => "shuffled";

    public IReadOnlyDictionary<string, string> Parameters { get; } = BuildParameters(inner, seed);

    public FittedMap Fit(TrainingPair pair)
    {
        var order = new NumpyRandomState((uint)seed).Permutation(pair.Count);
        var fitted = inner.Fit(pair.WithTargetRows(order));
        return new FittedMap(Name, Parameters, fitted.Preparation, fitted.SourceHead, fitted.TargetHead, fitted.Notes);
    }

    private static Dictionary<string, string> BuildParameters(IMapFitter inner, int seed)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["base"] = inner.Name,
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in inner.Parameters) p[k] = v;
        return p;
    }
}
