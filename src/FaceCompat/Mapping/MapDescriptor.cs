using FaceCompat.Infrastructure;

namespace FaceCompat.Mapping;

/// <summary>
/// One kind of map: its name, role, parameters and how it is fitted. Each map declares its descriptor beside its
/// fitter; <see cref="MapRegistry"/> lists them. A <see cref="MapSpec"/> is a descriptor with typed parameters.
/// </summary>
public sealed class MapDescriptor
{
    private readonly Func<MapSpecText, MapParameters> parse;
    private readonly Func<MapParameters, int?, IMapFitter> create;

    private MapDescriptor(string name, MapRole role, string description, IReadOnlyList<string> aliases, IReadOnlyList<string> parameterNames,
        Type parametersType, MapParameters defaults, Func<MapSpecText, MapParameters> parse, Func<MapParameters, int?, IMapFitter> create)
    {
        Name = name;
        Role = role;
        Description = description;
        Aliases = aliases;
        ParameterNames = parameterNames;
        ParametersType = parametersType;
        Defaults = defaults;
        this.parse = parse;
        this.create = create;
    }

    /// <summary>Canonical name, e.g. "ridge" (what results and saved maps carry).</summary>
    public string Name { get; }
    public MapRole Role { get; }
    public string Description { get; }

    /// <summary>Other names the text form accepts, e.g. "linear" for lstsq.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The parameter keys of the text form, in canonical order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    public Type ParametersType { get; }

    /// <summary>The parameters with nothing given (every parameter at its default).</summary>
    public MapParameters Defaults { get; }

    /// <summary>The map with every parameter at its default.</summary>
    public MapSpec Spec() => new(this, Defaults);

    /// <summary>Declares a map whose parameters are <typeparamref name="TParameters"/>.</summary>
    /// <param name="create">The fitter for given parameters and the split seed (null outside a comparison): controls seed themselves with it unless a seed was given.</param>
    internal static MapDescriptor Of<TParameters>(string name, MapRole role, string description, string[] aliases, string[] parameterNames,
        TParameters defaults, Func<MapSpecText, TParameters> parse, Func<TParameters, int?, IMapFitter> create) where TParameters : MapParameters =>
        new(name, role, description, aliases, parameterNames, typeof(TParameters), defaults, t => parse(t), (p, seed) => create((TParameters)p, seed));

    internal MapParameters Parse(MapSpecText text) => parse(text);

    /// <summary>The fitter of this map with <paramref name="parameters"/> (they must be this map's parameter type).</summary>
    internal IMapFitter CreateFitter(MapParameters parameters, int? splitSeed = null)
    {
        if (parameters.GetType() != ParametersType)
            throw new FaceCompatException($"map '{Name}' takes {ParametersType.Name}, not {parameters.GetType().Name}.");
        return create(parameters, splitSeed);
    }

    /// <summary>One line: name, aliases, parameters, description.</summary>
    public string Describe() =>
        $"{Name}{(Aliases.Count > 0 ? " (" + string.Join(", ", Aliases) + ")" : "")}" +
        $"{(ParameterNames.Count > 0 ? " [" + string.Join(", ", ParameterNames) + "]" : "")}: {Description}";

    public override string ToString() => Name;
}
