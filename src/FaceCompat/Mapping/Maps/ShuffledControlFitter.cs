using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>The shuffled control's base map (default Procrustes) and permutation seed (default: the split's seed, else 0).</summary>
public sealed record ShuffledParameters(MapSpec? Base = null, int? Seed = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() =>
        (Base is null ? [] : new[] { new KeyValuePair<string, string>("base", Base.Name) }.Concat(Base.Parameters.Given()))
        .Concat(Text("seed", Seed));
}

/// <summary>
/// Control: the wrapped map fitted on broken correspondences, the target train rows permuted by
/// numpy's <c>RandomState(seed).permutation(n)</c>. A sound method must fall to baseline with it.
/// </summary>
internal sealed class ShuffledControlFitter(IMapFitter inner, int seed) : IMapFitter
{
    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("shuffled", MapRole.Control,
        "control: the base map (default procrustes) fitted on shuffled target rows", ["shuffled-control"], ["base", "seed", "(base map's)"],
        new ShuffledParameters(), Parse, (p, splitSeed) =>
            new ShuffledControlFitter((p.Base ?? ProcrustesFitter.Descriptor.Spec()).CreateFitter(), p.Seed ?? splitSeed ?? 0));

    public string Name => Descriptor.Name;

    public IReadOnlyDictionary<string, string> Parameters { get; } = BuildParameters(inner, seed);

    public FittedMap Fit(TrainingPair pair)
    {
        var order = new NumpyRandomState((uint)seed).Permutation(pair.Count);
        var fitted = inner.Fit(pair.WithTargetRows(order));
        return new FittedMap(Name, Parameters, fitted.Preparation, fitted.SourceHead, fitted.TargetHead, fitted.Notes);
    }

    /// <summary>The parameters it does not read itself are the base map's.</summary>
    private static ShuffledParameters Parse(MapSpecText t)
    {
        var seed = t.OptionalInt("seed", v => v >= 0, "a non-negative integer");
        var baseName = t.OptionalString("base");
        var forwarded = t.ReadRest();
        if (baseName is null && forwarded.Count == 0) return new ShuffledParameters(null, seed);
        var inner = MapSpec.Parse(MapSpecText.Format(baseName ?? ProcrustesFitter.Descriptor.Name, forwarded));
        if (inner.Map == Descriptor) throw new FaceCompatException("shuffled: the base map cannot itself be shuffled.");
        return new ShuffledParameters(inner, seed);
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
