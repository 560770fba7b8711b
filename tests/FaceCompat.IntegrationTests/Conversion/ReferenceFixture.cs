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
            var (values, shape) = FixtureNpy.ReadFloat32(Path.Combine(Directory, o.GetProperty("file").GetString()!), $"Fixture output of {modelId}");
            outputs.Add(new Output(o.GetProperty("name").GetString()!, values, shape));
        }
        var files = m.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new ReferenceFixture { ModelId = modelId, Input = input, InputShape = inputShape, Outputs = outputs, SourceSha256 = files };
    }

    private static (byte[] Data, int[] Shape, string Descr) ReadNpy(string file) => FixtureNpy.Read(Path.Combine(Directory, file));
}
