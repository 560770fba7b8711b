using System.Text.Json;
using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// A parsed TF.js graph model: nodes, the signature (as TF.js's GraphModel reads it: the one in
/// <c>userDefinedMetadata</c> wins over the top-level one), and the decoded weights.
/// </summary>
internal sealed class TfjsGraphModel
{
    public required string SourcePath { get; init; }
    public required IReadOnlyDictionary<string, TfjsNode> Nodes { get; init; }
    /// <summary>Nodes in file order (for deterministic iteration).</summary>
    public required IReadOnlyList<TfjsNode> NodeList { get; init; }
    public required IReadOnlyDictionary<string, TfjsTensor> Weights { get; init; }
    /// <summary>Signature inputs as (key, tensor name), in file order; empty when the model has none.</summary>
    public required IReadOnlyList<(string Key, string Tensor)> SignatureInputs { get; init; }
    public required IReadOnlyList<(string Key, string Tensor)> SignatureOutputs { get; init; }

    public static TfjsGraphModel Load(string modelJsonPath)
    {
        var full = Path.GetFullPath(modelJsonPath);
        if (!File.Exists(full)) throw new FaceCompatException($"TF.js model not found: {full}");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(full)); }
        catch (JsonException e) { throw new FaceCompatException($"{full} is not valid JSON: {e.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("modelTopology", out var topology) || !topology.TryGetProperty("node", out var nodesJson))
                throw new FaceCompatException($"{full} is not a TF.js graph model (no modelTopology.node).");
            if (!root.TryGetProperty("weightsManifest", out var manifest))
                throw new FaceCompatException($"{full} has no weightsManifest.");

            var list = new List<TfjsNode>();
            var nodes = new Dictionary<string, TfjsNode>(StringComparer.Ordinal);
            foreach (var n in nodesJson.EnumerateArray())
            {
                var node = TfjsNode.Parse(n);
                list.Add(node);
                nodes[node.Name] = node;
            }
            var weights = TfjsWeightReader.Read(manifest, Path.GetDirectoryName(full)!, full);

            var signature = root.TryGetProperty("signature", out var s) ? s : default;
            if (root.TryGetProperty("userDefinedMetadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("signature", out var metaSig) && metaSig.ValueKind == JsonValueKind.Object)
                signature = metaSig;

            return new TfjsGraphModel
            {
                SourcePath = full,
                Nodes = nodes,
                NodeList = list,
                Weights = weights,
                SignatureInputs = Entries(signature, "inputs"),
                SignatureOutputs = Entries(signature, "outputs"),
            };
        }
    }

    private static List<(string, string)> Entries(JsonElement signature, string kind)
    {
        var result = new List<(string, string)>();
        if (signature.ValueKind != JsonValueKind.Object || !signature.TryGetProperty(kind, out var entries)) return result;
        foreach (var p in entries.EnumerateObject())
        {
            var tensor = p.Value.TryGetProperty("name", out var n) ? n.GetString() ?? p.Name : p.Name;
            result.Add((p.Name, tensor));
        }
        return result;
    }
}
