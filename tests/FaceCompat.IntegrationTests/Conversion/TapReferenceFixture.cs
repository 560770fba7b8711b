using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// The layer-tap outputs TF.js gives for the face-attribute and generic-vision models
/// (tools/reference/make-tap-reference.js): uint8 RGB input rows and the tapped tensor (posenet's
/// averaged over space), described by taps.json.
/// </summary>
internal sealed class TapReferenceFixture
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "taps");

    public required byte[] Input { get; init; }
    public required int[] InputShape { get; init; }
    public required string Tap { get; init; }
    /// <summary>"raw" (the tapped tensor as it is) or "mean-space" (averaged over H and W).</summary>
    public required string Stored { get; init; }
    public required float[] Output { get; init; }
    public required int[] OutputShape { get; init; }
    public required IReadOnlyDictionary<string, string> SourceSha256 { get; init; }

    public static TapReferenceFixture Load(string modelId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "taps.json")));
        var m = doc.RootElement.GetProperty("models").GetProperty(modelId);
        var (input, inputShape, inputType) = ReadNpy(m.GetProperty("input").GetString()!);
        if (inputType != "|u1") throw new InvalidDataException($"Tap fixture input of {modelId} must be uint8.");
        var o = m.GetProperty("output");
        var (bytes, shape, type) = ReadNpy(o.GetProperty("file").GetString()!);
        if (type != "<f4") throw new InvalidDataException($"Tap fixture output of {modelId} must be float32.");
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        return new TapReferenceFixture
        {
            Input = input,
            InputShape = inputShape,
            Tap = m.GetProperty("tap").GetString()!,
            Stored = m.GetProperty("stored").GetString()!,
            Output = values,
            OutputShape = shape,
            SourceSha256 = m.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
        };
    }

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
