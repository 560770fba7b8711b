using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion;

internal sealed partial class TfjsOnnxEmitter
{
    /// <summary>Position of each NHWC axis in NCHW.</summary>
    private static readonly int[] NchwPosition = [0, 2, 3, 1];

    private void EmitReduce(TfjsNode node)
    {
        var input = node.Inputs[0];
        var rank = RankOf(input);
        var axes = Normalise(RequireConst(node, 1, "axes").ToInt64(node.Name), rank, node);
        var keep = node.Bool("keep_dims", false);
        if (axes.Length == 0) { _values[node.Name] = ValueOf(input); return; }

        var v = ValueOf(input);
        var outRank = keep ? rank : rank - axes.Length;
        if (v.Nchw is not null && rank == 4 && (keep || RemainingOrderKept(axes)))
        {
            var mapped = axes.Select(a => (long)NchwPosition[a]).Order().ToArray();
            var r = Reduce(node, v.Nchw, mapped, keep);
            if (keep) SetNchw(node, r); else SetNative(node, r, outRank);
            return;
        }
        SetNative(node, Reduce(node, Native(input), axes, keep), outRank);
    }

    private string Reduce(TfjsNode node, string x, long[] axes, bool keep)
    {
        var op = node.Op switch { "Mean" => "ReduceMean", "Sum" => "ReduceSum", "Max" => "ReduceMax", "Min" => "ReduceMin", _ => "ReduceProd" };
        var keepAttr = OnnxAttribute.Int("keepdims", keep ? 1 : 0);
        return op == "ReduceSum"
            ? _b.AddNode(op, [x, Int64Const(node.Name + "/axes", axes)], Fresh(node.Name), null, keepAttr)
            : _b.AddNode(op, [x], Fresh(node.Name), null, OnnxAttribute.Ints("axes", axes), keepAttr);
    }

    /// <summary>True when dropping <paramref name="removed"/> NHWC axes leaves the rest in the same order in NCHW.</summary>
    private static bool RemainingOrderKept(long[] removed)
    {
        var last = -1;
        for (var a = 0; a < 4; a++)
        {
            if (removed.Contains(a)) continue;
            if (NchwPosition[a] < last) return false;
            last = NchwPosition[a];
        }
        return true;
    }

    private static long[] Normalise(long[] axes, int rank, TfjsNode node)
    {
        var r = new long[axes.Length];
        for (var i = 0; i < axes.Length; i++)
        {
            var a = axes[i];
            if (a < 0)
            {
                if (rank < 0) throw Unsupported(node, "negative axes on a tensor of unknown rank");
                a += rank;
            }
            if (a < 0 || (rank >= 0 && a >= rank)) throw Unsupported(node, $"axis {axes[i]} out of range for rank {rank}");
            r[i] = a;
        }
        return r.Distinct().Order().ToArray();
    }

    private void EmitPad(TfjsNode node)
    {
        var input = node.Inputs[0];
        var paddings = RequireConst(node, 1, "paddings").ToInt64(node.Name);
        var rank = paddings.Length / 2;
        var mode = "constant";
        if (node.Op == "MirrorPad")
        {
            mode = node.String("mode") switch
            {
                "REFLECT" => "reflect",
                var m => throw Unsupported(node, $"mode {m}"),
            };
        }
        var v = ValueOf(input);
        var nchw = v.Nchw is not null && rank == 4;
        var pads = new long[rank * 2];
        for (var i = 0; i < rank; i++)
        {
            var target = nchw ? NchwPosition[i] : i;
            pads[target] = paddings[2 * i];
            pads[rank + target] = paddings[2 * i + 1];
        }
        var inputs = new List<string> { nchw ? v.Nchw! : Native(input), Int64Const(node.Name + "/pads", pads) };
        if (node.Op == "PadV2" && node.Inputs.Length > 2)
            inputs.Add(ScalarConst(node.Name + "/value", RequireConst(node, 2, "constant value").ToFloat()[0]));
        var result = _b.AddNode("Pad", inputs, Fresh(node.Name), null, OnnxAttribute.String("mode", mode));
        if (nchw) SetNchw(node, result, KindOf(input)); else SetNative(node, result, rank, KindOf(input));
    }

    private void EmitReshape(TfjsNode node)
    {
        var x = Native(node.Inputs[0]);
        var shapeConst = ConstOf(node.Inputs[1]);
        if (shapeConst is not null)
        {
            var shape = shapeConst.ToInt64(node.Name);
            if (shape.Contains(0)) throw Unsupported(node, "a zero-sized dimension");
            SetNative(node, _b.AddNode("Reshape", [x, Int64Const(node.Name + "/shape", shape)], Fresh(node.Name)), shape.Length, KindOf(node.Inputs[0]));
            return;
        }
        SetNative(node, _b.AddNode("Reshape", [x, Int64Of(node.Inputs[1], node.Name + "/shape")], Fresh(node.Name)), (int)LengthOf(node.Inputs[1]), KindOf(node.Inputs[0]));
    }

    private void EmitSqueeze(TfjsNode node)
    {
        var input = node.Inputs[0];
        var rank = RankOf(input);
        var dims = node.Ints("squeeze_dims");
        if (dims.Length == 0) dims = node.Ints("axis");
        if (dims.Length == 0)
        {
            SetNative(node, _b.AddNode("Squeeze", [Native(input)], Fresh(node.Name)), -1, KindOf(input));
            return;
        }
        var axes = Normalise(dims, rank, node);
        var v = ValueOf(input);
        if (v.Nchw is not null && rank == 4 && RemainingOrderKept(axes))
        {
            var mapped = axes.Select(a => (long)NchwPosition[a]).Order().ToArray();
            SetNative(node, _b.AddNode("Squeeze", [v.Nchw, Int64Const(node.Name + "/axes", mapped)], Fresh(node.Name)), rank - axes.Length, KindOf(input));
            return;
        }
        SetNative(node, _b.AddNode("Squeeze", [Native(input), Int64Const(node.Name + "/axes", axes)], Fresh(node.Name)), rank < 0 ? -1 : rank - axes.Length, KindOf(input));
    }

    private void EmitExpandDims(TfjsNode node)
    {
        var input = node.Inputs[0];
        var axis = RequireConst(node, 1, "axis").ToInt64(node.Name);
        if (axis.Length != 1) throw Unsupported(node, "axis must be a single value");
        var rank = RankOf(input);
        SetNative(node, _b.AddNode("Unsqueeze", [Native(input), Int64Const(node.Name + "/axes", axis)], Fresh(node.Name)), rank < 0 ? -1 : rank + 1, KindOf(input));
    }

    private void EmitConcat(TfjsNode node)
    {
        var n = (int)node.Int("N", node.Inputs.Length - 1);
        var parts = node.Inputs.Take(n).ToArray();
        var rank = RankOf(parts[0]);
        var axisValue = RequireConst(node, n, "axis").ToInt64(node.Name);
        var axis = Normalise(axisValue, rank, node)[0];
        if (rank == 4 && PreferNchw(parts) && parts.All(p => RankOf(p) == 4))
        {
            var names = parts.Select(p => NchwOperand(p, node)).ToArray();
            SetNchw(node, _b.AddNode("Concat", names, Fresh(node.Name), null, OnnxAttribute.Int("axis", NchwPosition[axis])), KindOf(parts[0]));
            return;
        }
        var native = parts.Select(Native).ToArray();
        SetNative(node, _b.AddNode("Concat", native, Fresh(node.Name), null, OnnxAttribute.Int("axis", axis)), rank, KindOf(parts[0]));
        if (rank == 1 && parts.All(p => LengthOf(p) >= 0)) _values[node.Name].Length = parts.Sum(LengthOf);
    }

    private void EmitPack(TfjsNode node)
    {
        var axis = node.Int("axis", 0);
        var rank = RankOf(node.Inputs[0]);
        var axes = Int64Const(node.Name + "/axis", axis);
        var parts = node.Inputs.Select(t => _b.AddNode("Unsqueeze", [Native(t), axes], Fresh(node.Name + "/part"))).ToArray();
        var outRank = rank < 0 ? -1 : rank + 1;
        var concatAxis = axis < 0 ? axis + (outRank < 0 ? throw Unsupported(node, "negative axis, unknown rank") : outRank) : axis;
        SetNative(node, _b.AddNode("Concat", parts, Fresh(node.Name), null, OnnxAttribute.Int("axis", concatAxis)), outRank, KindOf(node.Inputs[0]));
        if (rank == 0) _values[node.Name].Length = node.Inputs.Length;
    }

    /// <summary>
    /// StridedSlice with TF's masks: the sparse spec (ellipsis, new axes) is expanded against the input
    /// rank, the kept ranges become one Slice, then shrunk axes are squeezed and new axes inserted.
    /// </summary>
    private void EmitStridedSlice(TfjsNode node)
    {
        var begin = RequireConst(node, 1, "begin").ToInt64(node.Name);
        var end = RequireConst(node, 2, "end").ToInt64(node.Name);
        var strides = node.Inputs.Length > 3 ? RequireConst(node, 3, "strides").ToInt64(node.Name) : begin.Select(_ => 1L).ToArray();
        var beginMask = node.Int("begin_mask", 0);
        var endMask = node.Int("end_mask", 0);
        var shrinkMask = node.Int("shrink_axis_mask", 0);
        var ellipsisMask = node.Int("ellipsis_mask", 0);
        var newAxisMask = node.Int("new_axis_mask", 0);
        static bool Bit(long mask, int i) => (mask >> i & 1) != 0;
        var rank = RankOf(node.Inputs[0]);
        var count = begin.Length;
        if (ellipsisMask != 0 && rank < 0) throw Unsupported(node, "an ellipsis on a tensor of unknown rank");
        var consumedBySpec = Enumerable.Range(0, count).Count(i => !Bit(ellipsisMask, i) && !Bit(newAxisMask, i));

        var starts = new List<long>(); var ends = new List<long>(); var axes = new List<long>(); var steps = new List<long>();
        var shrink = new List<long>();
        var newAxes = new List<long>();
        var inputAxis = 0;
        var outputAxis = 0;
        for (var i = 0; i < count; i++)
        {
            if (Bit(ellipsisMask, i))
            {
                var span = rank - consumedBySpec;
                inputAxis += span;
                outputAxis += span;
                continue;
            }
            if (Bit(newAxisMask, i)) { newAxes.Add(outputAxis++); continue; }
            var step = strides[i];
            if (step == 0) throw Unsupported(node, "a zero stride");
            if (Bit(shrinkMask, i))
            {
                starts.Add(begin[i]);
                ends.Add(begin[i] == -1 ? long.MaxValue : begin[i] + 1);
                steps.Add(1);
                axes.Add(inputAxis);
                shrink.Add(inputAxis);
            }
            else
            {
                starts.Add(Bit(beginMask, i) ? (step > 0 ? 0 : long.MaxValue) : begin[i]);
                ends.Add(Bit(endMask, i) ? (step > 0 ? long.MaxValue : long.MinValue) : end[i]);
                steps.Add(step);
                axes.Add(inputAxis);
                outputAxis++;
            }
            inputAxis++;
        }

        var result = Native(node.Inputs[0]);
        if (axes.Count > 0)
            result = _b.AddNode("Slice",
                [result, Int64Const(node.Name + "/starts", starts.ToArray()), Int64Const(node.Name + "/ends", ends.ToArray()),
                 Int64Const(node.Name + "/axes", axes.ToArray()), Int64Const(node.Name + "/steps", steps.ToArray())],
                Fresh(node.Name + "/slice"));
        if (shrink.Count > 0)
            result = _b.AddNode("Squeeze", [result, Int64Const(node.Name + "/shrink", shrink.ToArray())], Fresh(node.Name + "/squeeze"));
        if (newAxes.Count > 0)
            result = _b.AddNode("Unsqueeze", [result, Int64Const(node.Name + "/new_axes", newAxes.ToArray())], Fresh(node.Name + "/unsqueeze"));
        result = _b.AddNode("Identity", [result], Fresh(node.Name));
        SetNative(node, result, rank < 0 ? -1 : rank - shrink.Count + newAxes.Count, KindOf(node.Inputs[0]));
    }

    private void EmitTranspose(TfjsNode node)
    {
        var perm = RequireConst(node, 1, "perm").ToInt64(node.Name);
        SetNative(node, _b.AddNode("Transpose", [Native(node.Inputs[0])], Fresh(node.Name), null, OnnxAttribute.Ints("perm", perm)), perm.Length, KindOf(node.Inputs[0]));
    }

    private void EmitSoftmax(TfjsNode node)
    {
        var op = node.Op == "Softmax" ? "Softmax" : "LogSoftmax";
        SetNative(node, _b.AddNode(op, [Native(node.Inputs[0])], Fresh(node.Name), null, OnnxAttribute.Int("axis", -1)), RankOf(node.Inputs[0]));
    }
}
