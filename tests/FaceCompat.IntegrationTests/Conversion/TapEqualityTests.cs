using FaceCompat.Imaging;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// For each model whose embedding is a layer tap, the prepared ONNX graph (the card's tap as its only
/// output), fed by the card's own preprocessing from the fixture's uint8 RGB rows, gives the tensor
/// TF.js gives when fed as @vladmandic/human feeds the model (face-api's nets: as face-api's own
/// forwardInput computes it); and the embedder's pooled, normalised embedding is that tensor pooled
/// and normalised.
/// </summary>
public class TapEqualityTests(ITestOutputHelper log)
{
    private const double MinCosine = 0.99999;
    private const double MaxRelativeDiff = 1e-4; // of the largest |value| of the reference

    [Theory]
    [InlineData("gender")]
    [InlineData("emotion")]
    [InlineData("age")]
    [InlineData("antispoof")]
    [InlineData("gear")]
    [InlineData("posenet")]
    [InlineData("faceapi-agegender")]
    [InlineData("faceapi-expression")]
    [InlineData("faceapi-ssd")]
    public void TappedTensorMatchesTfjs(string modelId)
    {
        var fixture = TapReferenceFixture.Load(modelId);
        var card = ModelCatalog.Get(modelId);
        Assert.Equal(card.Output.Name, fixture.Tap);
        foreach (var (path, sha) in fixture.SourceSha256)
            Assert.Equal(sha, card.Source.Files.Single(f => f.Path.EndsWith("/" + path, StringComparison.Ordinal)).Sha256);

        var images = Rows(fixture);
        var pre = new TensorPreprocessor(card.Input);
        var input = new float[images.Count * pre.ValuesPerImage];
        for (var i = 0; i < images.Count; i++) pre.Fill(images[i], input.AsSpan(i * pre.ValuesPerImage, pre.ValuesPerImage));

        var prepared = RealModels.Prepare(modelId);
        using var session = new InferenceSession(prepared.OnnxPath);
        Assert.Equal([card.Output.Name], session.OutputMetadata.Keys);
        using var embedder0 = RealModels.Open(modelId, batchSize: images.Count, threads: 2);
        long[] shape = [.. embedder0.InputShape(images.Count)];
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [card.Input.Name], [value], [card.Output.Name]);
        var tapShape = results[0].GetTensorTypeAndShape().Shape;
        var tap = results[0].GetTensorDataAsSpan<float>().ToArray();

        var actual = fixture.Stored == "mean-space" ? Pooled(tap, tapShape, images.Count, card, OutputPooling.MeanSpaceNhwc) : tap;
        if (fixture.Stored == "raw") Assert.Equal(fixture.OutputShape.Select(d => (long)d), tapShape);
        var cmp = OutputComparison.Of(fixture.Output, actual, images.Count);
        var scale = Math.Max(1.0, fixture.Output.Max(MathF.Abs));
        log.WriteLine($"{modelId} {fixture.Tap} [{string.Join(",", tapShape)}]: max |diff| = {cmp.MaxAbsDiff:E2} (reference max |value| {scale:G4}), min cosine = {cmp.MinCosine:F9}");
        Assert.True(cmp.MaxAbsDiff <= MaxRelativeDiff * scale, $"{modelId}: max |diff| {cmp.MaxAbsDiff:E3} > {MaxRelativeDiff:E0} x {scale:G4}");
        Assert.True(cmp.MinCosine >= MinCosine, $"{modelId}: min cosine {cmp.MinCosine:F9} < {MinCosine}");

        // The embedder's embedding is the reference tap, pooled as the card says and L2-normalised.
        var expected = fixture.Stored == "mean-space" ? fixture.Output : Pooled(fixture.Output, fixture.OutputShape.Select(d => (long)d).ToArray(), images.Count, card, card.Output.Pooling);
        var embeddings = new float[images.Count * card.Dimension];
        embedder0.Embed(images, embeddings);
        for (var i = 0; i < images.Count; i++)
        {
            var row = expected.AsSpan(i * card.Dimension, card.Dimension).ToArray();
            EmbeddingPooling.L2Normalise(row);
            Assert.True(RealModels.Cosine(row, embeddings.AsSpan(i * card.Dimension, card.Dimension)) >= MinCosine, $"{modelId}: embedding {i} differs from the pooled reference");
        }
    }

    private static List<RgbImage> Rows(TapReferenceFixture fixture)
    {
        var (n, h, w) = (fixture.InputShape[0], fixture.InputShape[1], fixture.InputShape[2]);
        var per = h * w * 3;
        return Enumerable.Range(0, n).Select(i => new RgbImage(w, h, fixture.Input[(i * per)..((i + 1) * per)])).ToList();
    }

    private static float[] Pooled(float[] values, long[] shape, int rows, ModelCard card, OutputPooling pooling)
    {
        var pooled = new float[rows * card.Dimension];
        for (var i = 0; i < rows; i++)
            EmbeddingPooling.Extract(values, shape, i, pooling, pooled.AsSpan(i * card.Dimension, card.Dimension), card.Id);
        return pooled;
    }
}
