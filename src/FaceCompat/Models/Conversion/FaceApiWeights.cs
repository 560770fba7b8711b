using System.Text.Json;
using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// The weights of one face-api.js net, read from its <c>*-weights_manifest.json</c> and shard (as
/// face-api's <c>loadFromDisk</c> reads them), looked up by face-api's weight names.
/// </summary>
internal sealed class FaceApiWeights
{
    private readonly Dictionary<string, TfjsTensor> _weights;
    private readonly string _expectedManifest;

    private FaceApiWeights(Dictionary<string, TfjsTensor> weights, string source, string expectedManifest)
    {
        _weights = weights;
        Source = source;
        _expectedManifest = expectedManifest;
    }

    /// <summary>The manifest's full path, for messages.</summary>
    public string Source { get; }

    /// <param name="expectedManifest">The file name the net's weights ship as (named when a weight is missing).</param>
    public static FaceApiWeights Load(string weightsManifestPath, string expectedManifest)
    {
        var full = Path.GetFullPath(weightsManifestPath);
        if (!File.Exists(full)) throw new FaceCompatException($"face-api weights manifest not found: {full}");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(full));
            return new FaceApiWeights(TfjsWeightReader.Read(doc.RootElement, Path.GetDirectoryName(full)!, full), full, expectedManifest);
        }
        catch (JsonException e) { throw new FaceCompatException($"{full} is not valid JSON: {e.Message}"); }
    }

    /// <summary>A float weight of the given rank, or an error naming it.</summary>
    public TfjsTensor Float(string name, int rank)
    {
        if (!_weights.TryGetValue(name, out var t) || !t.IsFloat || t.Rank != rank)
            throw new FaceCompatException($"{Source}: weight '{name}' (a float tensor of rank {rank}) is missing; is this {_expectedManifest}?");
        return t;
    }
}
