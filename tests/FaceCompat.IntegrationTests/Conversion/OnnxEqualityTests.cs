using FaceCompat.Imaging;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// For each ONNX model of faceplugin-face-recognition-js, our prepared graph (symbolic batch, the card's
/// tap as its only output), fed by the card's own preprocessing from the fixture's uint8 RGB rows in one
/// batch, gives what onnxruntime-node gives for the file as shipped, run at batch 1 on tensors normalised
/// as the package's JS normalises them (tools/reference/make-onnx-reference.js); and the embedder's
/// embedding is that tensor pooled and L2-normalised.
/// </summary>
public class OnnxEqualityTests(ITestOutputHelper log)
{
    private const double MinCosine = 0.9999;
    private const double MaxAbsDiff = 1e-4;

    [Theory]
    [InlineData("fr-feature")]
    [InlineData("fr-age")]
    [InlineData("fr-gender")]
    [InlineData("fr-expression")]
    [InlineData("fr-pose")]
    [InlineData("fr-liveness")]
    [InlineData("fr-eye")]
    public void PreparedGraphMatchesOnnxRuntimeOnTheShippedFile(string modelId)
    {
        var fixture = TapReferenceFixture.Load(modelId, TapReferenceFixture.OnnxDirectory);
        var card = ModelCatalog.Get(modelId);
        Assert.Equal(card.Output.Name, fixture.Tap);
        foreach (var (path, sha) in fixture.SourceSha256)
            Assert.Equal(sha, card.Source.Files.Single(f => f.Path.EndsWith("/" + path, StringComparison.Ordinal)).Sha256);

        var (n, h, w) = (fixture.InputShape[0], fixture.InputShape[1], fixture.InputShape[2]);
        var images = Enumerable.Range(0, n).Select(i => new RgbImage(w, h, fixture.Input[(i * h * w * 3)..((i + 1) * h * w * 3)])).ToList();
        var pre = new TensorPreprocessor(card.Input);
        var input = new float[n * pre.ValuesPerImage];
        for (var i = 0; i < n; i++) pre.Fill(images[i], input.AsSpan(i * pre.ValuesPerImage, pre.ValuesPerImage));

        var prepared = RealModels.Prepare(modelId);
        using var session = new InferenceSession(prepared.OnnxPath);
        Assert.Equal([card.Output.Name], session.OutputMetadata.Keys);
        using var embedder = RealModels.Open(modelId, batchSize: n, threads: 2);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [.. embedder.InputShape(n)]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [card.Input.Name], [value], [card.Output.Name]);
        var shape = results[0].GetTensorTypeAndShape().Shape;
        var tap = results[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(fixture.OutputShape.Select(d => (long)d), shape);

        var cmp = OutputComparison.Of(fixture.Output, tap, n);
        log.WriteLine($"{modelId} {fixture.Tap} [{string.Join(",", shape)}]: max |diff| = {cmp.MaxAbsDiff:E2}, min cosine = {cmp.MinCosine:F9}");
        Assert.True(cmp.MaxAbsDiff <= MaxAbsDiff, $"{modelId}: max |diff| {cmp.MaxAbsDiff:E3} > {MaxAbsDiff:E0}");
        Assert.True(cmp.MinCosine >= MinCosine, $"{modelId}: min cosine {cmp.MinCosine:F9} < {MinCosine}");

        var embeddings = new float[n * card.Dimension];
        embedder.Embed(images, embeddings);
        for (var i = 0; i < n; i++)
        {
            var row = new float[card.Dimension];
            EmbeddingPooling.Extract(fixture.Output, [.. fixture.OutputShape.Select(d => (long)d)], i, card.Output.Pooling, row, card.Id);
            EmbeddingPooling.L2Normalise(row);
            Assert.True(RealModels.Cosine(row, embeddings.AsSpan(i * card.Dimension, card.Dimension)) >= MinCosine, $"{modelId}: embedding {i} differs from the pooled reference");
        }
    }
}
