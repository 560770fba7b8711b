using System.Text.Json;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// The layer-tap outputs TF.js gives for the face-attribute and generic-vision models
/// (tools/reference/make-tap-reference.js): uint8 RGB input rows and the tapped tensor (posenet's
/// averaged over space), described by taps.json; for the rebuilt face-api nets also the outputs of
/// their heads (face-api's forwardInput).
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
    /// <summary>Further outputs of the same run by name (face-api nets' heads); empty for the others.</summary>
    public required IReadOnlyList<(string Name, float[] Values, int[] Shape)> Heads { get; init; }

    /// <summary>The ONNX models' fixture (tools/reference/make-onnx-reference.js), in the same format.</summary>
    public static readonly string OnnxDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx");

    public static TapReferenceFixture Load(string modelId, string? directory = null)
    {
        var dir = directory ?? Directory;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "taps.json")));
        var m = doc.RootElement.GetProperty("models").GetProperty(modelId);
        var (input, inputShape, inputType) = FixtureNpy.Read(Path.Combine(dir, m.GetProperty("input").GetString()!));
        if (inputType != "|u1") throw new InvalidDataException($"Tap fixture input of {modelId} must be uint8.");
        var o = m.GetProperty("output");
        var (values, shape) = FixtureNpy.ReadFloat32(Path.Combine(dir, o.GetProperty("file").GetString()!), $"Tap fixture output of {modelId}");
        return new TapReferenceFixture
        {
            Input = input,
            InputShape = inputShape,
            Tap = m.GetProperty("tap").GetString()!,
            Stored = m.GetProperty("stored").GetString()!,
            Output = values,
            OutputShape = shape,
            SourceSha256 = m.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            Heads = m.TryGetProperty("heads", out var heads) ? heads.EnumerateArray().Select(h => ReadHead(h, dir, modelId)).ToList() : [],
        };
    }

    private static (string, float[], int[]) ReadHead(JsonElement head, string dir, string modelId)
    {
        var name = head.GetProperty("name").GetString()!;
        var (values, shape) = FixtureNpy.ReadFloat32(Path.Combine(dir, head.GetProperty("file").GetString()!), $"Tap fixture head {name} of {modelId}");
        return (name, values, shape);
    }

}
