namespace FaceCompat.Mapping;

/// <summary>
/// The typed parameters of one map (e.g. <see cref="Maps.RidgeParameters"/>). A parameter left null takes the
/// map's default; only parameters that were given appear in the map's label.
/// </summary>
public abstract record MapParameters
{
    /// <summary>The given parameters in the map's canonical order, as text for labels and output files.</summary>
    public abstract IEnumerable<KeyValuePair<string, string>> Given();

    /// <summary>A parameter's text when it was given.</summary>
    protected static IEnumerable<KeyValuePair<string, string>> Text(string key, double? value) =>
        value is { } v ? [new(key, FittedMap.Number(v))] : [];

    /// <inheritdoc cref="Text(string, double?)"/>
    protected static IEnumerable<KeyValuePair<string, string>> Text(string key, int? value) =>
        value is { } v ? [new(key, v.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [];
}

/// <summary>The parameters of a map that has none.</summary>
public sealed record NoMapParameters : MapParameters
{
    public static NoMapParameters Instance { get; } = new();

    public override IEnumerable<KeyValuePair<string, string>> Given() => [];
}
