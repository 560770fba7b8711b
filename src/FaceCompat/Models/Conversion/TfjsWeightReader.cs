using System.Buffers.Binary;
using System.Text.Json;
using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// Reads the weights of a TF.js weights manifest (the <c>weightsManifest</c> array of a model.json, or
/// a <c>*-weights_manifest.json</c> file): the shard files of all groups are concatenated in order and
/// each entry is decoded as TF.js does — float32, int32, float16, and uint8/uint16 quantised
/// (<c>q * scale + min</c> in double precision, stored as float32).
/// </summary>
internal static class TfjsWeightReader
{
    public static Dictionary<string, TfjsTensor> Read(JsonElement manifest, string baseDirectory, string describedAs)
    {
        if (manifest.ValueKind != JsonValueKind.Array)
            throw new FaceCompatException($"{describedAs}: the weights manifest is not a JSON array.");
        var bytes = ReadShards(manifest, baseDirectory, describedAs);
        var result = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        var offset = 0L;
        foreach (var group in manifest.EnumerateArray())
        {
            foreach (var spec in group.GetProperty("weights").EnumerateArray())
            {
                var tensor = Decode(spec, bytes, ref offset, describedAs);
                result[tensor.Name] = tensor;
            }
        }
        return result;
    }

    private static byte[] ReadShards(JsonElement manifest, string baseDirectory, string describedAs)
    {
        using var all = new MemoryStream();
        foreach (var group in manifest.EnumerateArray())
        {
            foreach (var p in group.GetProperty("paths").EnumerateArray())
            {
                var relative = p.GetString() ?? "";
                var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
                var root = Path.GetFullPath(baseDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
                if (!path.StartsWith(root, StringComparison.Ordinal))
                    throw new FaceCompatException($"{describedAs}: weight shard '{relative}' lies outside the model's folder; refused.");
                if (!File.Exists(path))
                    throw new FaceCompatException($"{describedAs}: weight shard '{relative}' not found at {path}.");
                using var f = File.OpenRead(path);
                f.CopyTo(all);
            }
        }
        return all.ToArray();
    }

    private static TfjsTensor Decode(JsonElement spec, byte[] bytes, ref long offset, string describedAs)
    {
        var name = spec.GetProperty("name").GetString()!;
        var dtype = spec.GetProperty("dtype").GetString();
        var shape = spec.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        long count = 1;
        foreach (var d in shape) count *= d;

        string? qType = null;
        double scale = 0, min = 0;
        if (spec.TryGetProperty("quantization", out var q) && q.ValueKind == JsonValueKind.Object)
        {
            qType = q.GetProperty("dtype").GetString();
            if (qType is "uint8" or "uint16")
            {
                scale = q.GetProperty("scale").GetDouble();
                min = q.GetProperty("min").GetDouble();
            }
            else if (qType != "float16")
                throw new FaceCompatException($"{describedAs}: weight '{name}' uses unsupported quantization '{qType}'.");
        }

        var elementBytes = (qType ?? dtype) switch
        {
            "float32" or "int32" => 4,
            "float16" or "uint16" => 2,
            "uint8" or "bool" => 1,
            var other => throw new FaceCompatException($"{describedAs}: weight '{name}' has unsupported dtype '{other}'."),
        };
        var size = count * elementBytes;
        if (offset + size > bytes.Length)
            throw new FaceCompatException($"{describedAs}: the weight shards are too short for '{name}' (truncated or wrong file).");
        var raw = bytes.AsSpan((int)offset, (int)size);
        offset += size;

        if (dtype == "float32")
        {
            var values = new float[count];
            switch (qType)
            {
                case null:
                    for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
                    break;
                case "float16":
                    for (var i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]);
                    break;
                case "uint8":
                    for (var i = 0; i < count; i++) values[i] = (float)(raw[i] * scale + min);
                    break;
                default:
                    for (var i = 0; i < count; i++) values[i] = (float)(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) * scale + min);
                    break;
            }
            return new TfjsTensor(name, shape, values);
        }
        if (dtype is "int32" or "bool")
        {
            var values = new int[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = qType switch
                {
                    null when dtype == "bool" => raw[i],
                    null => BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]),
                    "uint8" => JsRound(raw[i] * scale + min),
                    "uint16" => JsRound(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) * scale + min),
                    _ => (int)(float)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]),
                };
            }
            return new TfjsTensor(name, shape, values);
        }
        throw new FaceCompatException($"{describedAs}: weight '{name}' has unsupported dtype '{dtype}'.");
    }

    /// <summary>JavaScript's Math.round (halves go up), which TF.js uses for quantised int32 weights.</summary>
    private static int JsRound(double v) => (int)Math.Floor(v + 0.5);
}
