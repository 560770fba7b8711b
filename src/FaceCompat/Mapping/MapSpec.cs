using FaceCompat.Infrastructure;

namespace FaceCompat.Mapping;

/// <summary>
/// A map with its parameters, typed: e.g. ridge with <c>new RidgeParameters(Alpha: 1)</c>. Text such as
/// <c>ridge:alpha=1</c> is read into one by <see cref="Parse"/> at the edges and rendered back by
/// <see cref="Label"/> for output only.
/// </summary>
public sealed record MapSpec
{
    public MapSpec(MapDescriptor map, MapParameters parameters)
    {
        if (parameters.GetType() != map.ParametersType)
            throw new FaceCompatException($"map '{map.Name}' takes {map.ParametersType.Name}, not {parameters.GetType().Name}.");
        Map = map;
        Parameters = parameters;
    }

    public MapDescriptor Map { get; }
    public MapParameters Parameters { get; }

    public string Name => Map.Name;
    public MapRole Role => Map.Role;

    /// <summary>The given parameters as text, e.g. "alpha=0.1" (empty when none was given): the results' map_parameters.</summary>
    public string ParameterText => string.Join(":", Parameters.Given().Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Name and given parameters, e.g. "ridge:alpha=0.1" or "procrustes": how results name the map.</summary>
    public string Label => ParameterText is { Length: > 0 } p ? $"{Name}:{p}" : Name;

    /// <summary>The fitter; a control takes <paramref name="splitSeed"/> as its seed unless one was given.</summary>
    internal IMapFitter CreateFitter(int? splitSeed = null) => Map.CreateFitter(Parameters, splitSeed);

    /// <summary>Reads "name[:key=value...]"; an unknown name or parameter is a clear error listing the known ones.</summary>
    public static MapSpec Parse(string text)
    {
        var parsed = MapSpecText.Parse(text);
        var map = MapRegistry.Find(parsed.Name)
            ?? throw new FaceCompatException($"unknown map '{parsed.Name}'; known maps: {string.Join(", ", MapRegistry.All.Select(m => m.Name))}.");
        var parameters = map.Parse(parsed);
        parsed.RequireAllRead(map.ParameterNames);
        return new MapSpec(map, parameters);
    }

    /// <summary>Several maps from a comma-separated list, e.g. "procrustes,lstsq,ridge:alpha=1".</summary>
    public static IReadOnlyList<MapSpec> ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToArray();

    public override string ToString() => Label;
}
