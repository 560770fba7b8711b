using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Hub;

/// <summary>
/// What a shared-space map is fitted from: the raw train rows of every model a run has (same images, same order), by
/// model name, and which two of them the map goes between. A pairwise run hands these over so that one hub of N models
/// can serve every pair; with a <see cref="WorkMemo"/> the hub is fitted once and shared by the pairs of the same rows.
/// </summary>
internal sealed class HubRows
{
    private readonly Dictionary<string, string> digests = new(StringComparer.Ordinal);

    public HubRows(IReadOnlyDictionary<string, Matrix> models, string source, string target, PreparationOptions? preparation = null, WorkMemo? memo = null)
    {
        foreach (var name in new[] { source, target })
            if (!models.ContainsKey(name)) throw new FaceCompatException($"the rows of a shared space lack model '{name}'.");
        var rows = models[source].Rows;
        var uneven = models.FirstOrDefault(m => m.Value.Rows != rows);
        if (uneven.Value is not null)
            throw new FaceCompatException($"model '{uneven.Key}' has {uneven.Value.Rows} train rows but '{source}' has {rows}; a shared space needs every model's rows of the same images.");
        Models = models;
        Source = source;
        Target = target;
        Preparation = preparation ?? PreparationOptions.Reference;
        Memo = memo;
    }

    /// <summary>Raw train rows by model name (row i is the same image in every model).</summary>
    public IReadOnlyDictionary<string, Matrix> Models { get; }
    public string Source { get; }
    public string Target { get; }
    /// <summary>How every model is prepared before the hub is fitted (as for a pairwise map).</summary>
    public PreparationOptions Preparation { get; }

    public WorkMemo? Memo { get; }

    /// <summary>Whether any of <paramref name="maps"/> is fitted through a shared space (so a run must hand over its other models).</summary>
    public static bool Needed(IEnumerable<MapSpec> maps) => maps.Any(m => m.CreateFitter() is IHubMapFitter);

    /// <summary>SHA-256 of a model's raw rows (the key of work that depends on them), computed once.</summary>
    public string Digest(string model)
    {
        lock (digests)
            // Stryker disable once Boolean : caching only: the digest of the same rows is the same
            if (digests.TryGetValue(model, out var d)) return d;
        var digest = WorkMemo.Digest(Models[model]);
        lock (digests) digests[model] = digest;
        return digest;
    }
}

/// <summary>A map fitted through a shared space of several models; given only a training pair it makes a hub of the two.</summary>
internal interface IHubMapFitter : IMapFitter
{
    FittedMap Fit(HubRows rows);
}
