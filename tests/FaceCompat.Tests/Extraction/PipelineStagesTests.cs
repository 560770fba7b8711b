using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Tests.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Extraction;

/// <summary>
/// The pipeline's stages (tensors filled ahead of inference, chunk commits on a writer task) against the
/// plain path: same bytes, same batches, and committed chunks survive a cancelled run.
/// </summary>
public sealed class PipelineStagesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Dir => _temp.Path;
    private string Images => Path.Combine(Dir, "images");

    public PipelineStagesTests()
    {
        // 6 identities x 6 PNGs of 40x36, two bad files: chunks of 5 get 0, 1 and 2 skips.
        for (var id = 0; id < 6; id++)
        {
            var name = ((char)('a' + id)).ToString();
            Directory.CreateDirectory(Path.Combine(Images, name));
            for (var k = 0; k < 6; k++)
                File.WriteAllBytes(Path.Combine(Images, name, $"{k}.png"), TestImages.Encode(TestImages.Pattern(40, 36, id * 10 + k), SKEncodedImageFormat.Png));
        }
        File.WriteAllText(Path.Combine(Images, "b", "1.png"), "not an image");
        File.WriteAllBytes(Path.Combine(Images, "e", "4.png"), []);
    }

    public void Dispose() => _temp.Dispose();

    private ImageDataset Dataset() => ImageFolderDataset.Load(Images, name: "toy");

    private ExtractionOptions Options(string name, bool flip = false) =>
        new() { OutputRoot = Path.Combine(Dir, name), BatchSize = 3, ChunkSize = 5, DecodeThreads = 2, Flip = flip };

    private static ModelProvenance Provenance() => new("fake", [new ModelFile("fake.onnx", new string('0', 64))]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tensors_filled_ahead_give_the_same_bytes_and_batches_as_the_image_path(bool flip)
    {
        using var images = new FakeEmbedder();
        var plain = ExtractionPipeline.Run(Dataset(), images, Provenance(), Options("plain", flip));
        using var tensors = new FakeTensorEmbedder();
        var staged = ExtractionPipeline.Run(Dataset(), tensors, Provenance(), Options("staged", flip));

        Assert.Equal(34, staged.Rows);
        Assert.Equal(File.ReadAllBytes(plain.EmbeddingsPath), File.ReadAllBytes(staged.EmbeddingsPath));
        Assert.Equal(File.ReadAllText(plain.MetadataPath), File.ReadAllText(staged.MetadataPath));
        Assert.Equal(images.BatchSizes, tensors.BatchSizes);
        Assert.Equal(flip ? 68 : 34, tensors.Fills);
        Assert.All(tensors.BatchSizes, n => Assert.InRange(n, 1, flip ? 6 : 3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_run_from_a_full_pixel_cache_assembles_inline_and_gives_the_same_bytes(bool flip)
    {
        using var plain = new FakeTensorEmbedder();
        var decoded = ExtractionPipeline.Run(Dataset(), plain, Provenance(), Options("plain", flip));

        var cache = new PixelCacheOptions(Path.Combine(Dir, "pixels"), ChunkImages: 4);
        using (var filling = new FakeTensorEmbedder())
            ExtractionPipeline.Run(Dataset(), filling, Provenance(), Options("filling", flip) with { PixelCache = cache });
        using var cached = new FakeTensorEmbedder();
        var fromCache = ExtractionPipeline.Run(Dataset(), cached, Provenance(), Options("cached", flip) with { PixelCache = cache });

        Assert.Equal(File.ReadAllBytes(decoded.EmbeddingsPath), File.ReadAllBytes(fromCache.EmbeddingsPath));
        Assert.Equal(plain.BatchSizes, cached.BatchSizes);
        Assert.Equal(flip ? 68 : 34, cached.Fills);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(fromCache.ManifestPath))!;
        Assert.Equal(36, manifest["models"]!["fake"]!["pixelCache"]!["imagesFromCache"]!.GetValue<int>());
    }

    [Fact]
    public void The_model_run_time_comes_from_the_timer_the_embedder_reports_to()
    {
        var modelRuns = new FaceCompat.Models.Inference.InferenceTimer();
        modelRuns.Ran(5, TimeSpan.FromSeconds(100)); // before the run: not this extraction's
        using var embedder = new FakeTensorEmbedder { BeforeBatch = _ => modelRuns.Ran(3, TimeSpan.FromMilliseconds(10)) };
        var result = ExtractionPipeline.Run(Dataset(), embedder, Provenance(), Options("timed"), modelRuns: modelRuns);

        Assert.Equal(TimeSpan.FromMilliseconds(10 * embedder.BatchSizes.Count), result.Timings.InferenceRun);
        Assert.Equal(5 + 3 * embedder.BatchSizes.Count, modelRuns.Inputs);
        using var silent = new FakeTensorEmbedder();
        Assert.Equal(TimeSpan.Zero, ExtractionPipeline.Run(Dataset(), silent, Provenance(), Options("silent")).Timings.InferenceRun);
    }

    [Fact]
    public void Chunks_handed_to_the_writer_are_committed_when_the_run_is_cancelled_and_resume_gives_the_same_bytes()
    {
        using (var reference = new FakeTensorEmbedder())
            ExtractionPipeline.Run(Dataset(), reference, Provenance(), Options("ref"));
        var referenceNpy = File.ReadAllBytes(Path.Combine(Dir, "ref", "toy", "fake.npy"));

        // Chunks of 5 images: 5, 4, 5, 5, 5, 5, 5, 1 usable (b/1.png is image 7, e/4.png image 28).
        // Cancelling at the run that starts at image 19 leaves chunks 0-3 (19 rows) finished and handed over.
        using var cts = new CancellationTokenSource();
        using (var first = new FakeTensorEmbedder { BeforeBatch = seen => { if (seen >= 19) cts.Cancel(); } })
            Assert.ThrowsAny<OperationCanceledException>(() => ExtractionPipeline.Run(Dataset(), first, Provenance(), Options("out"), null, cancellation: cts.Token));
        var partial = Path.Combine(Dir, "out", "toy", ".partial", "fake");
        Assert.Equal(4, Directory.GetFiles(partial, "chunk-*.json").Length);

        using var second = new FakeTensorEmbedder();
        var result = ExtractionPipeline.Run(Dataset(), second, Provenance(), Options("out"));
        Assert.Equal(4, result.ResumedChunks);
        Assert.Equal(34 - 19, second.ImagesSeen);
        Assert.Equal(referenceNpy, File.ReadAllBytes(result.EmbeddingsPath));
    }
}
