using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// The reference outputs made by each model's own runtime (tools/reference/make-reference.js):
/// uint8 NHWC input tensors and float32 outputs as .npy, described by reference.json.
/// </summary>
internal sealed class ReferenceFixture
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference");

    public sealed record Output(string Name, float[] Values, int[] Shape);

    public required string ModelId { get; init; }
    public required float[] Input { get; init; }
    public required int[] InputShape { get; init; }
    public required IReadOnlyList<Output> Outputs { get; init; }
    public required IReadOnlyDictionary<string, string> SourceSha256 { get; init; }

    public static ReferenceFixture Load(string modelId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "reference.json")));
        var m = doc.RootElement.GetProperty("models").GetProperty(modelId);
        var (inputBytes, inputShape, inputType) = ReadNpy(m.GetProperty("input").GetString()!);
        if (inputType != "|u1") throw new InvalidDataException($"Fixture input of {modelId} must be uint8.");
        var input = new float[inputBytes.Length];
        for (var i = 0; i < input.Length; i++) input[i] = inputBytes[i];
        var outputs = new List<Output>();
        foreach (var o in m.GetProperty("outputs").EnumerateArray())
        {
            var (bytes, shape, type) = ReadNpy(o.GetProperty("file").GetString()!);
            if (type != "<f4") throw new InvalidDataException($"Fixture output of {modelId} must be float32.");
            var values = new float[bytes.Length / 4];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
            outputs.Add(new Output(o.GetProperty("name").GetString()!, values, shape));
        }
        var files = m.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new ReferenceFixture { ModelId = modelId, Input = input, InputShape = inputShape, Outputs = outputs, SourceSha256 = files };
    }

    /// <summary>Minimal reader for the fixture's own .npy files (version 1, C order, |u1 or &lt;f4).</summary>
    private static (byte[] Data, int[] Shape, string Descr) ReadNpy(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, file));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.Latin1.GetString(bytes, 10, headerLength);
        var descr = Between(header, "'descr': '", "'");
        var shape = Between(header, "'shape': (", ")").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        return (bytes[(10 + headerLength)..], shape, descr);
    }

    private static string Between(string s, string start, string end)
    {
        var i = s.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return s[i..s.IndexOf(end, i, StringComparison.Ordinal)];
    }
}
