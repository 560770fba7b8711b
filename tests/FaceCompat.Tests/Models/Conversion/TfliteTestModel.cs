using Google.FlatBuffers;

namespace FaceCompat.Tests.Models.Conversion;

/// <summary>
/// Writes small .tflite FlatBuffers for tests (schema.fbs field numbers): float or int8 tensors,
/// optional constant data and quantisation scales, and builtin operators with an options table.
/// </summary>
internal sealed class TfliteTestModel
{
    public sealed record Tensor(string Name, int[] Shape, sbyte Type = 0, float[]? Data = null, sbyte[]? Int8Data = null, float[]? Scale = null, int[]? Int32Data = null);
    public sealed record Operator(int Code, int[] Inputs, int[] Outputs, byte OptionsType = 0, Action<FlatBufferBuilder>? Options = null, bool DeprecatedCodeOnly = false);

    public List<Tensor> Tensors { get; } = [];
    public List<Operator> Operators { get; } = [];
    public int[] Inputs { get; set; } = [];
    public int[] Outputs { get; set; } = [];

    public byte[] ToBytes()
    {
        var fb = new FlatBufferBuilder(1024);
        // Buffer 0 is the empty sentinel; tensor i with data uses buffer i + 1.
        var buffers = new List<int> { Table(fb, 1, _ => { }) };
        var tensors = new List<int>();
        foreach (var t in Tensors)
        {
            var bufferIndex = 0u;
            byte[]? bytes = t.Data is { } d ? d.SelectMany(BitConverter.GetBytes).ToArray()
                : t.Int32Data is { } n ? n.SelectMany(BitConverter.GetBytes).ToArray()
                : t.Int8Data?.Select(v => (byte)v).ToArray();
            if (bytes is not null)
            {
                fb.StartVector(1, bytes.Length, 16);
                for (var i = bytes.Length - 1; i >= 0; i--) fb.AddByte(bytes[i]);
                var data = fb.EndVector();
                buffers.Add(Table(fb, 1, b => b.AddOffset(0, data.Value, 0)));
                bufferIndex = (uint)(buffers.Count - 1);
            }
            var name = fb.CreateString(t.Name);
            var shape = Ints(fb, t.Shape);
            int quantization = 0;
            if (t.Scale is { } scale)
            {
                fb.StartVector(4, scale.Length, 4);
                for (var i = scale.Length - 1; i >= 0; i--) fb.AddFloat(scale[i]);
                var scales = fb.EndVector();
                quantization = Table(fb, 7, b => b.AddOffset(2, scales.Value, 0));
            }
            tensors.Add(Table(fb, 5, b =>
            {
                b.AddOffset(0, shape.Value, 0);
                b.AddSbyte(1, t.Type, -1);
                b.AddUint(2, bufferIndex, uint.MaxValue);
                b.AddOffset(3, name.Value, 0);
                if (quantization != 0) b.AddOffset(4, quantization, 0);
            }));
        }

        var codes = Operators.Select(o => (o.Code, o.DeprecatedCodeOnly)).Distinct().ToList();
        var codeTables = codes.Select(c => Table(fb, 4, b =>
        {
            b.AddSbyte(0, (sbyte)Math.Min(c.Code, 127), -1);
            if (!c.DeprecatedCodeOnly) b.AddInt(3, c.Code, -1);
        })).ToList();
        var operators = Operators.Select(o =>
        {
            var ins = Ints(fb, o.Inputs);
            var outs = Ints(fb, o.Outputs);
            var options = o.Options is null ? 0 : Table(fb, 8, o.Options);
            return Table(fb, 5, b =>
            {
                b.AddUint(0, (uint)codes.IndexOf((o.Code, o.DeprecatedCodeOnly)), uint.MaxValue);
                b.AddOffset(1, ins.Value, 0);
                b.AddOffset(2, outs.Value, 0);
                if (options != 0) { b.AddByte(3, o.OptionsType, 255); b.AddOffset(4, options, 0); }
            });
        }).ToList();

        var tensorVector = Offsets(fb, tensors);
        var inputs = Ints(fb, Inputs);
        var outputs = Ints(fb, Outputs);
        var operatorVector = Offsets(fb, operators);
        var subgraph = Table(fb, 5, b =>
        {
            b.AddOffset(0, tensorVector.Value, 0);
            b.AddOffset(1, inputs.Value, 0);
            b.AddOffset(2, outputs.Value, 0);
            b.AddOffset(3, operatorVector.Value, 0);
        });
        var codeVector = Offsets(fb, codeTables);
        var subgraphs = Offsets(fb, [subgraph]);
        var bufferVector = Offsets(fb, buffers);
        var model = Table(fb, 5, b =>
        {
            b.AddUint(0, 3, 0);
            b.AddOffset(1, codeVector.Value, 0);
            b.AddOffset(2, subgraphs.Value, 0);
            b.AddOffset(4, bufferVector.Value, 0);
        });
        fb.Finish(model, "TFL3");
        return fb.SizedByteArray();
    }

    /// <summary>AddOptions / MulOptions with a fused activation (field 0).</summary>
    public static Action<FlatBufferBuilder> FusedActivation(sbyte activation) => b => b.AddSbyte(0, activation, -1);

    private static int Table(FlatBufferBuilder fb, int fields, Action<FlatBufferBuilder> add)
    {
        fb.StartTable(fields);
        add(fb);
        return fb.EndTable();
    }

    private static VectorOffset Ints(FlatBufferBuilder fb, int[] values)
    {
        fb.StartVector(4, values.Length, 4);
        for (var i = values.Length - 1; i >= 0; i--) fb.AddInt(values[i]);
        return fb.EndVector();
    }

    private static VectorOffset Offsets(FlatBufferBuilder fb, IReadOnlyList<int> tables)
    {
        fb.StartVector(4, tables.Count, 4);
        for (var i = tables.Count - 1; i >= 0; i--) fb.AddOffset(tables[i]);
        return fb.EndVector();
    }
}
