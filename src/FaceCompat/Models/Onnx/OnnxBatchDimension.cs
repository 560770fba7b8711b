using Google.Protobuf;
using Onnx;

namespace FaceCompat.Models.Onnx;

/// <summary>
/// Makes the batch dimension of an ONNX graph exported at batch 1 symbolic: dimension 0 of the graph
/// inputs, outputs and value_info becomes the parameter <c>batch</c>, and Reshape shapes that hard-code a
/// leading 1 (an initializer or a Constant node) get 0 instead ("copy the input's dimension 0", the batch).
/// </summary>
internal static class OnnxBatchDimension
{
    public const string Parameter = "batch";

    public static void MakeSymbolic(ModelProto model)
    {
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var input in graph.Input.Where(i => !initializers.ContainsKey(i.Name))) SetBatch(input);
        foreach (var output in graph.Output) SetBatch(output);
        foreach (var info in graph.ValueInfo) SetBatch(info);

        // PyTorch exports often give a Reshape its shape through a Constant node rather than an initializer.
        var constants = graph.Node.Where(n => n.OpType == "Constant" && n.Output.Count == 1)
            .Select(n => (n.Output[0], Value: n.Attribute.FirstOrDefault(a => a.Name == "value")?.T))
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Item1, c => c.Value!, StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Node.Where(n => n.OpType == "Reshape" && n.Input.Count > 1))
        {
            // With allowzero=1 a 0 is a literal zero, not "copy this dimension".
            if (node.Attribute.Any(a => a.Name == "allowzero" && a.I != 0)) continue;
            if (!initializers.TryGetValue(node.Input[1], out var shape) && !constants.TryGetValue(node.Input[1], out shape)) continue;
            if (shape.DataType != (int)TensorProto.Types.DataType.Int64) continue;
            var values = ReadInt64(shape);
            if (values.Length == 0 || values[0] != 1) continue;
            values[0] = 0;
            // The constant may be shared with other nodes; give this Reshape its own copy.
            var copy = new TensorProto { Name = $"{node.Input[1]}__symbolic_batch", DataType = shape.DataType }; // a Constant node's tensor may have no name
            copy.Dims.AddRange(shape.Dims);
            copy.Int64Data.AddRange(values);
            if (!initializers.ContainsKey(copy.Name)) { graph.Initializer.Add(copy); initializers[copy.Name] = copy; }
            replaced.Add(node.Input[1]);
            node.Input[1] = copy.Name;
        }

        // Shapes no node reads any more would only make ONNX Runtime warn at every load.
        var read = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        var unused = graph.Initializer.Where(t => replaced.Contains(t.Name) && !read.Contains(t.Name)).ToList();
        foreach (var t in unused) graph.Initializer.Remove(t);
        var deadConstants = graph.Node.Where(n => n.OpType == "Constant" && n.Output.Count == 1 && replaced.Contains(n.Output[0]) && !read.Contains(n.Output[0])).ToList();
        foreach (var n in deadConstants) graph.Node.Remove(n);
    }

    private static void SetBatch(ValueInfoProto value)
    {
        if (value.Type?.TensorType?.Shape is not { Dim.Count: > 0 } shape) return;
        shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimParam = Parameter };
    }

    private static long[] ReadInt64(TensorProto tensor)
    {
        if (tensor.Int64Data.Count > 0) return tensor.Int64Data.ToArray();
        var raw = tensor.RawData.Span;
        var values = new long[raw.Length / 8];
        for (var i = 0; i < values.Length; i++) values[i] = BitConverter.ToInt64(raw.Slice(i * 8, 8));
        return values;
    }
}
