using FaceCompat.Models.Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace FaceCompat.Models.Conversion;

/// <summary>Splitting, gathering, tiling and the small integer shape computations of TF graphs.</summary>
internal sealed partial class TfjsOnnxEmitter
{
    private void EmitSelect(TfjsNode node)
    {
        var (cond, a, b) = (node.Inputs[0], node.Inputs[1], node.Inputs[2]);
        if (node.Op == "Select" && RankOf(cond) != RankOf(a)) throw Unsupported(node, "Select with a lower-rank condition");
        var rank = Math.Max(RankOf(a), Math.Max(RankOf(b), RankOf(cond)));
        SetNative(node, _b.AddNode("Where", [Native(cond), Native(a), Native(b)], Fresh(node.Name)), rank, KindOf(a));
    }

    /// <summary>Split (axis, value), SplitV (value, sizes, axis) and Unpack (value): outputs node, node:1, ...</summary>
    private void EmitSplit(TfjsNode node)
    {
        string value;
        long axis;
        long[]? sizes = null;
        int count;
        switch (node.Op)
        {
            case "Split":
                value = node.Inputs[1];
                axis = RequireConst(node, 0, "axis").ToInt64(node.Name)[0];
                count = (int)node.Int("num_split", 1);
                break;
            case "SplitV":
                value = node.Inputs[0];
                sizes = RequireConst(node, 1, "size_splits").ToInt64(node.Name);
                if (sizes.Any(s => s < 0)) throw Unsupported(node, "a -1 split size");
                axis = RequireConst(node, 2, "axis").ToInt64(node.Name)[0];
                count = sizes.Length;
                break;
            default:
                value = node.Inputs[0];
                axis = node.Int("axis", 0);
                count = (int)node.Int("num", 1);
                break;
        }
        var rank = RankOf(value);
        axis = Normalise([axis], rank, node)[0];
        var kind = KindOf(value);
        var inputs = new List<string> { Native(value) };
        if (sizes is not null) inputs.Add(Int64Const(node.Name + "/sizes", sizes));
        var parts = count == 1 ? [inputs[0]] : _b.AddNodeMulti("Split", inputs, count, OnnxAttribute.Int("axis", axis));
        for (var i = 0; i < count; i++)
        {
            if (node.Op == "Unpack")
                SetNative(node, _b.AddNode("Squeeze", [parts[i], Int64Const(node.Name + "/axis", axis)], Fresh($"{node.Name}_{i}")), rank - 1, kind, i);
            else
                SetNative(node, count == 1 ? _b.AddNode("Identity", [parts[i]], Fresh(node.Name)) : parts[i], rank, kind, i);
        }
    }

    private void EmitSlice(TfjsNode node)
    {
        var begin = RequireConst(node, 1, "begin").ToInt64(node.Name);
        var size = RequireConst(node, 2, "size").ToInt64(node.Name);
        var ends = new long[begin.Length];
        var axes = new long[begin.Length];
        for (var i = 0; i < begin.Length; i++)
        {
            ends[i] = size[i] < 0 ? long.MaxValue : begin[i] + size[i];
            axes[i] = i;
        }
        SetNative(node, _b.AddNode("Slice", [Native(node.Inputs[0]), Int64Const(node.Name + "/starts", begin), Int64Const(node.Name + "/ends", ends), Int64Const(node.Name + "/axes", axes)],
            Fresh(node.Name)), RankOf(node.Inputs[0]), KindOf(node.Inputs[0]));
    }

    private void EmitTile(TfjsNode node) =>
        SetNative(node, _b.AddNode("Tile", [Native(node.Inputs[0]), Int64Of(node.Inputs[1], node.Name + "/repeats")], Fresh(node.Name)),
            RankOf(node.Inputs[0]), KindOf(node.Inputs[0]));

    private void EmitFill(TfjsNode node)
    {
        var rank = (int)LengthOf(node.Inputs[0]);
        SetNative(node, _b.AddNode("Expand", [Native(node.Inputs[1]), Int64Of(node.Inputs[0], node.Name + "/dims")], Fresh(node.Name)), rank, KindOf(node.Inputs[1]));
    }

    private void EmitRange(TfjsNode node) =>
        SetNative(node, _b.AddNode("Range", node.Inputs.Select(Native).ToArray(), Fresh(node.Name)), 1, KindOf(node.Inputs[0]));

    /// <summary>TF Shape in the TF (NHWC) order even when the value is held as NCHW, as int32 (or int64).</summary>
    private void EmitShape(TfjsNode node)
    {
        var v = ValueOf(node.Inputs[0]);
        string shape;
        if (v.Native is not null) shape = _b.AddNode("Shape", [v.Native], Fresh(node.Name + "/shape"));
        else
        {
            var nchwShape = _b.AddNode("Shape", [v.Nchw!], Fresh(node.Name + "/nchw_shape"));
            shape = _b.AddNode("Gather", [nchwShape, Int64Const(node.Name + "/perm", 0, 2, 3, 1)], Fresh(node.Name + "/shape"), null, OnnxAttribute.Int("axis", 0));
        }
        var int64 = node.Type("out_type") == "DT_INT64";
        SetNative(node, int64 ? shape : CastTo(shape, DataType.Int32, node.Name), 1, ElementKind.Int);
        _values[node.Name].Length = v.Rank;
    }

    private void EmitGather(TfjsNode node)
    {
        var (data, indices) = (node.Inputs[0], node.Inputs[1]);
        if (node.Int("batch_dims", 0) != 0) throw Unsupported(node, "batch_dims");
        var rank = RankOf(data);
        var indexRank = RankOf(indices);
        if (node.Op == "GatherNd")
        {
            var lastDim = ConstOf(indices)?.Shape[^1] ?? -1;
            var outRank = rank < 0 || indexRank < 0 || lastDim < 0 ? -1 : indexRank - 1 + rank - (int)lastDim;
            SetNative(node, _b.AddNode("GatherND", [Native(data), Int64Of(indices, node.Name + "/indices")], Fresh(node.Name)), outRank, KindOf(data));
            return;
        }
        var axis = Normalise(RequireConst(node, 2, "axis").ToInt64(node.Name), rank, node)[0];
        SetNative(node, _b.AddNode("Gather", [Native(data), Native(indices)], Fresh(node.Name), null, OnnxAttribute.Int("axis", axis)),
            rank < 0 || indexRank < 0 ? -1 : rank - 1 + indexRank, KindOf(data));
    }

    private void EmitArgMax(TfjsNode node)
    {
        var rank = RankOf(node.Inputs[0]);
        var axis = Normalise(RequireConst(node, 1, "dimension").ToInt64(node.Name), rank, node)[0];
        var op = node.Op == "ArgMax" ? "ArgMax" : "ArgMin";
        var index = _b.AddNode(op, [Native(node.Inputs[0])], Fresh(node.Name + "/int64"), null, OnnxAttribute.Int("axis", axis), OnnxAttribute.Int("keepdims", 0));
        var int64 = node.Type("output_type") == "DT_INT64";
        SetNative(node, int64 ? index : CastTo(index, DataType.Int32, node.Name), rank - 1, ElementKind.Int);
    }

    private void EmitBatchMatMul(TfjsNode node)
    {
        string Operand(int i, bool adjoint)
        {
            var x = Native(node.Inputs[i]);
            if (!adjoint) return x;
            var r = RankOf(node.Inputs[i]);
            if (r < 2) throw Unsupported(node, "adjoint of a tensor of unknown rank");
            var perm = Enumerable.Range(0, r).Select(a => (long)a).ToArray();
            (perm[r - 2], perm[r - 1]) = (perm[r - 1], perm[r - 2]);
            return _b.AddNode("Transpose", [x], Fresh(node.Name + $"/adj{i}"), null, OnnxAttribute.Ints("perm", perm));
        }
        var a = Operand(0, node.Bool("adj_x", false));
        var b = Operand(1, node.Bool("adj_y", false));
        SetNative(node, _b.AddNode("MatMul", [a, b], Fresh(node.Name)), Math.Max(RankOf(node.Inputs[0]), RankOf(node.Inputs[1])));
    }
}
