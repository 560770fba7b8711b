using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Conversion;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// Each converted model, run by ONNX Runtime on the fixture's exact input tensors, gives the outputs
/// its original runtime gave (TF.js for the graph models, face-api's computeFaceDescriptor for faceapi).
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
}
