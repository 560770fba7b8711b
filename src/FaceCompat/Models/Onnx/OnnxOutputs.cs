using FaceCompat.Infrastructure;
using Onnx;

namespace FaceCompat.Models.Onnx;

/// <summary>
/// Chooses which tensors an ONNX graph returns: a declared output or any tensor a node computes (a
/// layer tap, as the TF.js converter offers), with the nodes no chosen output needs left out.
/// </summary>
internal static class OnnxOutputs
{
    /// <summary>Every tensor a node of the graph computes, with the node's operator, in graph order.</summary>
    public static IReadOnlyList<(string Name, string Op)> Computed(ModelProto model) =>
        model.Graph.Node.SelectMany(n => n.Output.Where(o => o.Length > 0).Select(o => (o, n.OpType))).ToList();

    /// <summary>
    /// Makes <paramref name="names"/> the graph's outputs, in that order, and drops the nodes and
    /// initializers none of them needs.
    /// </summary>
    /// <param name="describe">The model as a user knows it (card id and file), for error messages.</param>
    /// <param name="modelId">The card id, the subject of the hint on how to list the names.</param>
    public static void Select(ModelProto model, IReadOnlyList<string> names, string describe, string modelId)
    {
        var graph = model.Graph;
        var declared = graph.Output.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var known = graph.ValueInfo.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var computed = Computed(model).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        var outputs = new List<ValueInfoProto>(names.Count);
        foreach (var name in names)
        {
            if (declared.TryGetValue(name, out var output)) outputs.Add(output);
            else if (known.TryGetValue(name, out var info)) outputs.Add(info.Clone());
            // ONNX Runtime infers an output's type and shape from its node when only the name is given.
            else if (computed.Contains(name)) outputs.Add(new ValueInfoProto { Name = name });
            else
                throw new FaceCompatException(
                    $"Model {describe}: the ONNX graph has no tensor named '{name}' (declared outputs: {string.Join(", ", declared.Keys)}); " +
                    "a layer tap may name any tensor a node of the graph computes.", UserHint.ListTensors, modelId);
        }
        graph.Output.Clear();
        graph.Output.AddRange(outputs);
        Prune(graph);
    }

    /// <summary>Removes initializers that are also listed as graph inputs (old exporters did that), so that only the real inputs remain.</summary>
    public static void DropInitializerInputs(ModelProto model)
    {
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var real = model.Graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (real.Count == model.Graph.Input.Count) return;
        model.Graph.Input.Clear();
        model.Graph.Input.AddRange(real);
    }

    // Nodes are stored in topological order, so one backward walk finds every node the outputs need.
    private static void Prune(GraphProto graph)
    {
        var needed = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var kept = new List<NodeProto>();
        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (!node.Output.Any(needed.Contains)) continue;
            kept.Add(node);
            foreach (var input in node.Input) needed.Add(input);
            // Inner graphs (If, Loop) may read outer tensors by name.
            foreach (var attribute in node.Attribute.Where(a => a.G is not null || a.Graphs.Count > 0))
                foreach (var sub in attribute.Graphs.Append(attribute.G).OfType<GraphProto>())
                    foreach (var inner in sub.Node) foreach (var input in inner.Input) needed.Add(input);
        }
        kept.Reverse();
        graph.Node.Clear();
        graph.Node.AddRange(kept);

        var initializers = graph.Initializer.Where(t => needed.Contains(t.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers);
        var infos = graph.ValueInfo.Where(v => needed.Contains(v.Name)).ToList();
        graph.ValueInfo.Clear();
        graph.ValueInfo.AddRange(infos);
    }
}
