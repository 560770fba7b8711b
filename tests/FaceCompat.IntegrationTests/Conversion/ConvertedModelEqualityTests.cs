using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Conversion;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// Each converted model, run by ONNX Runtime on the fixture's exact input tensors, gives the outputs
/// its original runtime gave (TF.js for the graph models, face-api's computeFaceDescriptor for faceapi,
/// face-api's forwardInput for the other rebuilt face-api nets).
/// </summary>
public class ConvertedModelEqualityTests(ITestOutputHelper log)
{
    private const double MaxAbsDiff = 1e-4;
    private const double MinCosine = 0.99999;

    [Theory]
    [InlineData("mobilefacenet")]
    [InlineData("mobileface")]
    [InlineData("faceres")]
    [InlineData("faceres-deep")]
    [InlineData("faceapi")]
    public void ConvertedModelMatchesItsOriginalRuntime(string modelId)
    {
        var fixture = ReferenceFixture.Load(modelId);
        var card = Models.Cards.ModelCatalog.Get(modelId);
        var files = RealModels.FetchAll().RequireVerified(card);
        foreach (var (path, sha) in fixture.SourceSha256)
            Assert.Equal(sha, card.Source.Files.Single(f => f.Path.EndsWith("/" + path, StringComparison.Ordinal)).Sha256);

        var entry = files[card.Source.Entry];
        byte[] Convert() => card.Format == Models.Cards.ModelFormat.FaceApiRecognition
            ? FaceApiRecognitionConverter.Convert(entry)
            : TfjsGraphConverter.Convert(entry);
        var onnx = Convert();
        Assert.Equal(onnx, Convert());

        using var session = new InferenceSession(onnx);
        var inputName = session.InputMetadata.Keys.Single();
        Assert.Equal(card.Input.Name, inputName);
        var input = new DenseTensor<float>(fixture.Input, fixture.InputShape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);

        Assert.Equal(fixture.Outputs.Select(o => o.Name), results.Select(r => r.Name));
        Assert.Contains(card.Output.Name, results.Select(r => r.Name));
        foreach (var expected in fixture.Outputs)
        {
            var actual = results.Single(r => r.Name == expected.Name).AsTensor<float>();
            Assert.Equal(expected.Shape, actual.Dimensions.ToArray());
            var cmp = OutputComparison.Of(expected.Values, actual.ToArray(), expected.Shape[0]);
            log.WriteLine($"{modelId} {expected.Name}: max |diff| = {cmp.MaxAbsDiff:E2}, min cosine = {cmp.MinCosine:F9}");
            Assert.True(cmp.MaxAbsDiff <= MaxAbsDiff, $"{modelId} {expected.Name}: max |diff| {cmp.MaxAbsDiff:E3} > {MaxAbsDiff:E0}");
            Assert.True(cmp.MinCosine >= MinCosine, $"{modelId} {expected.Name}: min cosine {cmp.MinCosine:F9} < {MinCosine}");
        }
    }

    /// <summary>
    /// Each face-api net rebuilt from its weights manifest, run by ONNX Runtime on the fixture's rows
    /// (float32 0..255, face-api's batch tensor), gives what face-api's own forwardInput gives: the
    /// tapped tensor (the embedding) and the heads' outputs (age, gender, expressions), so the whole net
    /// is checked, not only the part before the tap.
    /// </summary>
    [Theory]
    [InlineData("faceapi-agegender")]
    [InlineData("faceapi-expression")]
    [InlineData("faceapi-ssd")]
    public void RebuiltFaceApiNetMatchesFaceApi(string modelId)
    {
        var fixture = TapReferenceFixture.Load(modelId);
        var card = Models.Cards.ModelCatalog.Get(modelId);
        var files = RealModels.FetchAll().RequireVerified(card);
        foreach (var (path, sha) in fixture.SourceSha256)
            Assert.Equal(sha, card.Source.Files.Single(f => f.Path.EndsWith("/" + path, StringComparison.Ordinal)).Sha256);

        var entry = files[card.Source.Entry];
        string[] outputs = [fixture.Tap, .. fixture.Heads.Select(h => h.Name)];
        var net = FaceApiNets.For(card.Format) ?? throw new InvalidOperationException($"{modelId} is {card.Format}");
        Assert.Equal(card.Output.Name, net.Tensors[0]);
        byte[] Convert() => net.Convert(entry, outputs);
        var onnx = Convert();
        Assert.Equal(onnx, Convert());

        using var session = new InferenceSession(onnx);
        Assert.Equal(card.Input.Name, session.InputMetadata.Keys.Single());
        Assert.Equal(outputs.Order(StringComparer.Ordinal), session.OutputMetadata.Keys.Order(StringComparer.Ordinal));
        var input = new DenseTensor<float>(fixture.Input.Select(v => (float)v).ToArray(), fixture.InputShape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(card.Input.Name, input)]);
        var rows = fixture.InputShape[0];

        var tap = results.Single(r => r.Name == fixture.Tap).AsTensor<float>();
        var tapValues = fixture.Stored == "mean-space" ? MeanOverSpace(tap) : tap.ToArray();
        Compare($"{modelId} {fixture.Tap}", fixture.Output, tapValues, rows);
        foreach (var (name, expected, shape) in fixture.Heads)
        {
            var actual = results.Single(r => r.Name == name).AsTensor<float>();
            Assert.Equal(shape, actual.Dimensions.ToArray());
            Compare($"{modelId} {name}", expected, actual.ToArray(), rows);
        }
    }

    private void Compare(string what, float[] expected, float[] actual, int rows)
    {
        var cmp = OutputComparison.Of(expected, actual, rows);
        var scale = Math.Max(1.0, expected.Max(MathF.Abs));
        log.WriteLine($"{what}: max |diff| = {cmp.MaxAbsDiff:E2} (reference max |value| {scale:G4}), min cosine = {cmp.MinCosine:F9}");
        Assert.True(cmp.MaxAbsDiff <= MaxAbsDiff * scale, $"{what}: max |diff| {cmp.MaxAbsDiff:E3} > {MaxAbsDiff:E0} x {scale:G4}");
        Assert.True(cmp.MinCosine >= MinCosine, $"{what}: min cosine {cmp.MinCosine:F9} < {MinCosine}");
    }

    /// <summary>An NHWC [rows, H, W, C] tensor averaged over H and W, as the fixture stores it.</summary>
    private static float[] MeanOverSpace(Tensor<float> t)
    {
        var d = t.Dimensions.ToArray();
        var (rows, positions, channels) = (d[0], d[1] * d[2], d[3]);
        var values = t.ToArray();
        var mean = new float[rows * channels];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < channels; c++)
            {
                double sum = 0;
                for (var p = 0; p < positions; p++) sum += values[(r * positions + p) * channels + c];
                mean[r * channels + c] = (float)(sum / positions);
            }
        return mean;
    }
}
