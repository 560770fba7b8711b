using System.Runtime.InteropServices;
using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Conversion.Tflite;

/// <summary>
/// Reads a .tflite file (a FlatBuffer of TFLite's schema.fbs, identifier "TFL3") into a
/// <see cref="TfliteModel"/>: the first subgraph, its tensors with constant data decoded, and its operators.
/// Only the schema fields the converter uses are read.
/// </summary>
internal static class TfliteModelReader
{
    // Field indices of schema.fbs tables (vtable slot = 4 + 2 * index).
    private const int ModelOperatorCodes = 1, ModelSubgraphs = 2, ModelBuffers = 4;
    private const int CodeDeprecatedBuiltin = 0, CodeCustom = 1, CodeBuiltin = 3;
    private const int GraphTensors = 0, GraphInputs = 1, GraphOutputs = 2, GraphOperators = 3;
    private const int TensorShape = 0, TensorType = 1, TensorBuffer = 2, TensorName = 3, TensorQuantization = 4, TensorSparsity = 6;
    private const int QuantizationScale = 2;
    private const int BufferData = 0, BufferOffset = 1, BufferSize = 2;
    private const int OperatorOpcode = 0, OperatorInputs = 1, OperatorOutputs = 2, OperatorOptions = 4;

    public static TfliteModel Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException ex) { throw new FaceCompatException($"Cannot read TFLite model {path}: {ex.Message}", ex); }
        return Read(bytes, path);
    }

    public static TfliteModel Read(byte[] bytes, string source)
    {
        if (bytes.Length < 8 || bytes[4] != 'T' || bytes[5] != 'F' || bytes[6] != 'L' || bytes[7] != '3')
            throw new FaceCompatException($"{source} is not a TFLite model (no \"TFL3\" FlatBuffer identifier at byte 4).");
        var model = FlatTable.Root(bytes, "the model", source);
        var codes = ReadOperatorCodes(model);
        if (model.VectorLength(ModelSubgraphs, 4) == 0) throw new FaceCompatException($"{source} has no subgraph.");
        var graph = model.TableAt(ModelSubgraphs, 0, "subgraphs");
        var bufferCount = model.VectorLength(ModelBuffers, 4);

        var tensorCount = graph.VectorLength(GraphTensors, 4);
        var tensors = new TfliteTensor[tensorCount];
        for (var i = 0; i < tensorCount; i++)
            tensors[i] = ReadTensor(model, graph.TableAt(GraphTensors, i, "tensors"), i, bufferCount, source);

        var operatorCount = graph.VectorLength(GraphOperators, 4);
        var operators = new TfliteOperator[operatorCount];
        for (var i = 0; i < operatorCount; i++)
        {
            var op = graph.TableAt(GraphOperators, i, "operators");
            var opcode = op.UInt(OperatorOpcode);
            if (opcode >= codes.Length) throw new FaceCompatException($"{source}: operator {i} uses operator code {opcode}, but the model lists {codes.Length}.");
            var code = codes[opcode];
            if (code.Custom is { } custom)
                throw new FaceCompatException($"{source}: operator {i} is the custom operator '{custom}', which the TFLite converter does not support.");
            operators[i] = new TfliteOperator(i, code.Builtin, CheckIndices(op.Ints(OperatorInputs), tensorCount, i, source),
                CheckIndices(op.Ints(OperatorOutputs), tensorCount, i, source), op.Table(OperatorOptions, $"the options of operator {i}"));
        }
        return new TfliteModel(source, tensors, operators,
            CheckIndices(graph.Ints(GraphInputs), tensorCount, -1, source), CheckIndices(graph.Ints(GraphOutputs), tensorCount, -1, source));
    }

    private readonly record struct OperatorCode(int Builtin, string? Custom);

    // Since schema v3a the code lives in builtin_code (int32); older files only fill the int8
    // deprecated_builtin_code. TFLite takes the larger of the two, and so do we.
    private static OperatorCode[] ReadOperatorCodes(FlatTable model)
    {
        var count = model.VectorLength(ModelOperatorCodes, 4);
        var codes = new OperatorCode[count];
        for (var i = 0; i < count; i++)
        {
            var t = model.TableAt(ModelOperatorCodes, i, "operator codes");
            var builtin = Math.Max(t.SByte(CodeDeprecatedBuiltin), t.Int(CodeBuiltin));
            codes[i] = new OperatorCode(builtin, builtin == (int)TfliteBuiltinOperator.CUSTOM ? t.String(CodeCustom) ?? "" : null);
        }
        return codes;
    }

    private static TfliteTensor ReadTensor(FlatTable model, FlatTable t, int index, int bufferCount, string source)
    {
        var name = t.String(TensorName) ?? $"tensor{index}";
        var type = (TfliteTensorType)t.SByte(TensorType);
        var shape = t.Ints(TensorShape);
        if (t.Has(TensorSparsity)) throw new FaceCompatException($"{source}: tensor '{name}' (index {index}) is sparse, which the TFLite converter does not support.");
        var quantised = t.Table(TensorQuantization, $"the quantization of tensor '{name}'") is { } q && q.VectorLength(QuantizationScale, 4) > 0;
        var tensor = new TfliteTensor(index, name, shape, type) { HasQuantisation = quantised };

        var buffer = t.UInt(TensorBuffer);
        if (buffer == 0) return tensor; // buffer 0 is the empty sentinel
        if (buffer >= bufferCount) throw new FaceCompatException($"{source}: tensor '{name}' refers to buffer {buffer}, but the model has {bufferCount}.");
        var b = model.TableAt(ModelBuffers, (int)buffer, "buffers");
        var offset = b.ULong(BufferOffset);
        var data = offset > 1 ? b.FileBytes(offset, b.ULong(BufferSize)) : b.Bytes(BufferData);
        if (data.IsEmpty) return tensor;

        long count = 1;
        foreach (var d in shape) count *= d;
        return type switch
        {
            TfliteTensorType.FLOAT32 => tensor with { Floats = Decode<float>(data, count, 4, tensor, source) },
            TfliteTensorType.FLOAT16 => tensor with { Floats = Decode<Half>(data, count, 2, tensor, source).Select(h => (float)h).ToArray() },
            TfliteTensorType.INT32 => tensor with { Ints = Decode<int>(data, count, 4, tensor, source) },
            TfliteTensorType.INT64 => tensor with { Ints = Decode<long>(data, count, 8, tensor, source).Select(v => v is >= int.MinValue and <= int.MaxValue ? (int)v
                : throw new FaceCompatException($"{source}: tensor '{name}' holds the int64 value {v}, beyond what the converter reads.")).ToArray() },
            _ => tensor, // other constant types are refused where they are used (quantised weights) or never read
        };
    }

    private static T[] Decode<T>(ReadOnlySpan<byte> data, long count, int size, TfliteTensor tensor, string source) where T : struct
    {
        if (data.Length != count * size)
            throw new FaceCompatException($"{source}: tensor '{tensor.Name}' (index {tensor.Index}) has {data.Length} bytes of data, but its shape [{string.Join(",", tensor.Shape)}] of {tensor.Type} needs {count * size}.");
        return MemoryMarshal.Cast<byte, T>(data).ToArray();
    }

    private static int[] CheckIndices(int[] indices, int tensorCount, int op, string source)
    {
        foreach (var i in indices)
            if (i < -1 || i >= tensorCount)
                throw new FaceCompatException($"{source}: {(op < 0 ? "the subgraph" : $"operator {op}")} refers to tensor {i}, but the subgraph has {tensorCount}.");
        return indices;
    }
}
