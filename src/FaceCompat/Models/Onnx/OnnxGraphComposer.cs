using Onnx;

namespace FaceCompat.Models.Onnx;

/// <summary>
/// Folds a preprocessing graph in front of a model: the first graph's single output feeds the
/// model's single (non-initializer) input, and the result has the preprocessing graph's input.
/// The preprocessing graph's internal names are prefixed so they cannot clash with the model's.
/// </summary>
internal static class OnnxGraphComposer
{
    public static ModelProto Prepend(ModelProto pre, ModelProto model, string prefix = "pre/")
    {
        var preGraph = pre.Graph;
        var graph = model.Graph;
        var preInputs = RealInputs(preGraph);
        var modelInputs = RealInputs(graph);
        if (preInputs.Count != 1 || preGraph.Output.Count != 1 || modelInputs.Count != 1)
            throw new InvalidOperationException("Prepend needs a preprocessing graph with one input and one output, and a model with one input.");
        var preInput = preInputs[0].Name;
        var preOutput = preGraph.Output[0].Name;
        var modelInput = modelInputs[0].Name;

        string Rename(string name) => name.Length == 0 || name == preInput ? name : name == preOutput ? modelInput : prefix + name;

        var result = model.Clone();
        var g = result.Graph;
        g.Input.Remove(g.Input.First(i => i.Name == modelInput));
        g.Input.Insert(0, preInputs[0].Clone());
        var nodes = preGraph.Node.Select(n =>
        {
            var c = n.Clone();
            c.Name = string.IsNullOrEmpty(n.Name) ? "" : prefix + n.Name;
            for (var i = 0; i < c.Input.Count; i++) c.Input[i] = Rename(c.Input[i]);
            for (var i = 0; i < c.Output.Count; i++) c.Output[i] = Rename(c.Output[i]);
            return c;
        }).ToList();
        for (var i = nodes.Count - 1; i >= 0; i--) g.Node.Insert(0, nodes[i]);
        foreach (var t in preGraph.Initializer) { var c = t.Clone(); c.Name = Rename(c.Name); g.Initializer.Add(c); }
        foreach (var v in preGraph.ValueInfo.Where(v => v.Name != preOutput && v.Name != preInput)) { var c = v.Clone(); c.Name = Rename(c.Name); g.ValueInfo.Add(c); }
        // The model's former input becomes an intermediate value; keep its shape as value_info.
        g.ValueInfo.Add(modelInputs[0].Clone());

        result.IrVersion = Math.Max(pre.IrVersion, model.IrVersion);
        foreach (var opset in pre.OpsetImport)
        {
            var existing = result.OpsetImport.FirstOrDefault(o => o.Domain == opset.Domain);
            if (existing is null) result.OpsetImport.Add(opset.Clone());
            else existing.Version = Math.Max(existing.Version, opset.Version);
        }
        return result;
    }

    private static List<ValueInfoProto> RealInputs(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
    }
}
