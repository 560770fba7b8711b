using System.Text.Json.Nodes;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Tests.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Extraction;

public sealed class ExtractionPipelineTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Dir => _temp.Path;
    private string Images => Path.Combine(Dir, "images");
    private string Out => Path.Combine(Dir, "out");

    public ExtractionPipelineTests()
    {
        // 5 identities x 5 PNG images of 40x36, with one bad file in identity "c".
        for (var id = 0; id < 5; id++)
        {
            var name = ((char)('a' + id)).ToString();
            Directory.CreateDirectory(Path.Combine(Images, name));
            for (var k = 0; k < 5; k++)
                File.WriteAllBytes(Path.Combine(Images, name, $"{k}.png"), TestImages.Encode(TestImages.Pattern(40, 36, id * 10 + k), SKEncodedImageFormat.Png));
        }
        File.WriteAllText(Path.Combine(Images, "c", "2.png"), "not an image");
    }

    public void Dispose() => _temp.Dispose();

    private ImageDataset Dataset() => ImageFolderDataset.Load(Images, name: "toy");

    private ExtractionOptions Options(int batch = 3, int chunk = 7, int threads = 2, bool flip = false) =>
        new() { OutputRoot = Out, BatchSize = batch, ChunkSize = chunk, DecodeThreads = threads, Flip = flip };

    private static ModelProvenance Provenance(string id = "fake") => new(id, [new ModelFile("fake.onnx", new string('0', 64))]);

    private static float[] ReadNpy(string path, int cols)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = bytes[8] | (bytes[9] << 8);
        var data = bytes.AsSpan(10 + headerLength);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data).ToArray();
    }

    [Fact]
    public void Rows_follow_dataset_order_and_the_bad_file_is_skipped_with_its_reason()
    {
        var dataset = Dataset();
        using var embedder = new FakeEmbedder();
        var result = ExtractionPipeline.Run(dataset, embedder, Provenance(), Options());

        Assert.Equal(24, result.Rows);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("c/2.png", skipped.Path);
        Assert.Contains("not a recognised image format", skipped.Reason);

        var lines = File.ReadAllLines(result.MetadataPath);
        Assert.Equal("index,path,identity", lines[0]);
        Assert.Equal(25, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains("c/2.png"));

        // Every row is the embedding of the image its metadata line names.
        var vectors = ReadNpy(result.EmbeddingsPath, 13);
        Assert.Equal(24 * 13, vectors.Length);
        var expected = new float[13];
        var decoder = new ImageDecoder();
        for (var row = 0; row < 24; row++)
        {
            var fields = lines[row + 1].Split(',');
            Assert.Equal(row.ToString(), fields[0]);
            var image = decoder.Decode(Path.Combine(Images, fields[1])).Image!;
            FakeEmbedder.Describe(ImageResizer.Resize(image, 16, 16), expected);
            Assert.Equal(expected, vectors.AsSpan(row * 13, 13).ToArray());
        }

        var manifest = JsonNode.Parse(File.ReadAllText(result.ManifestPath))!;
        Assert.Equal(25, manifest["images"]!.GetValue<int>());
        Assert.Equal(24, manifest["rows"]!.GetValue<int>());
        Assert.Equal("c/2.png", manifest["skipped"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(new string('0', 64), manifest["models"]!["fake"]!["modelFiles"]![0]!["sha256"]!.GetValue<string>());
        Assert.Contains("whole image", manifest["models"]!["fake"]!["preprocessing"]!.GetValue<string>());
        Assert.Equal(dataset.FileListHash(), manifest["fileListSha256"]!.GetValue<string>());
        Assert.False(Directory.Exists(Path.Combine(result.DatasetDirectory, ".partial")));
    }

    [Fact]
    public void A_dataset_whose_every_image_is_bad_is_an_error_and_writes_nothing()
    {
        var bad = Path.Combine(Dir, "bad");
        foreach (var id in new[] { "x", "y" })
        {
            Directory.CreateDirectory(Path.Combine(bad, id));
            File.WriteAllText(Path.Combine(bad, id, "0.png"), "not an image");
        }
        using var embedder = new FakeEmbedder();
        var ex = Assert.Throws<FaceCompatException>(() => ExtractionPipeline.Run(ImageFolderDataset.Load(bad, name: "bad"), embedder, Provenance(), Options()));
        Assert.Contains("None of the 2 images of bad gave an embedding", ex.Message);
        Assert.Contains("not a recognised image format", ex.Message);
        var datasetDir = Path.Combine(Out, "bad");
        Assert.False(Directory.Exists(datasetDir) && Directory.EnumerateFiles(datasetDir, "*.npy").Any());
        Assert.False(File.Exists(Path.Combine(datasetDir, "metadata.csv")));
    }

    [Fact]
    public void Batches_never_exceed_the_batch_size_and_start_at_chunk_boundaries()
    {
        using var embedder = new FakeEmbedder();
        ExtractionPipeline.Run(Dataset(), embedder, Provenance(), Options(batch: 3, chunk: 7));
        Assert.All(embedder.BatchSizes, n => Assert.InRange(n, 1, 3));
        Assert.Equal(24, embedder.ImagesSeen);
        // chunks of 7, 7, 7, 4 images; the second has 6 usable ones (c/2.png is bad): a batch never spans chunks.
        Assert.Equal([3, 3, 1, 3, 3, 3, 3, 1, 3, 1], embedder.BatchSizes);
    }

    [Fact]
    public void A_cancelled_run_resumes_to_the_same_bytes_without_recomputing_committed_chunks()
    {
        using (var reference = new FakeEmbedder())
            ExtractionPipeline.Run(Dataset(), reference, Provenance(), Options() with { OutputRoot = Path.Combine(Dir, "ref") });
        var referenceNpy = File.ReadAllBytes(Path.Combine(Dir, "ref", "toy", "fake.npy"));

        using var cts = new CancellationTokenSource();
        using (var first = new FakeEmbedder { BeforeBatch = seen => { if (seen >= 15) cts.Cancel(); } })
            Assert.ThrowsAny<OperationCanceledException>(() => ExtractionPipeline.Run(Dataset(), first, Provenance(), Options(), null, cancellation: cts.Token));
        var partial = Path.Combine(Out, "toy", ".partial", "fake");
        Assert.Equal(2, Directory.GetFiles(partial, "chunk-*.json").Length);
        Assert.False(File.Exists(Path.Combine(Out, "toy", "fake.npy")));

        using var second = new FakeEmbedder();
        var result = ExtractionPipeline.Run(Dataset(), second, Provenance(), Options());
        Assert.Equal(2, result.ResumedChunks);
        Assert.Equal(24 - 13, second.ImagesSeen); // chunks 0 and 1 (14 images, 13 usable) were not redone
        Assert.Equal(referenceNpy, File.ReadAllBytes(result.EmbeddingsPath));
    }

    [Fact]
    public void A_torn_chunk_is_recomputed()
    {
        using var cts = new CancellationTokenSource();
        using (var first = new FakeEmbedder { BeforeBatch = seen => { if (seen >= 8) cts.Cancel(); } })
            Assert.ThrowsAny<OperationCanceledException>(() => ExtractionPipeline.Run(Dataset(), first, Provenance(), Options(), null, cancellation: cts.Token));
        var data = Path.Combine(Out, "toy", ".partial", "fake", "chunk-00000.f32");
        var bytes = File.ReadAllBytes(data);
        bytes[5] ^= 0xFF;
        File.WriteAllBytes(data, bytes);

        using var second = new FakeEmbedder();
        var result = ExtractionPipeline.Run(Dataset(), second, Provenance(), Options());
        Assert.Equal(0, result.ResumedChunks);
        Assert.Equal(24, second.ImagesSeen);
    }

    [Fact]
    public void A_finished_extraction_is_reused_and_a_second_model_shares_the_metadata()
    {
        using (var a = new FakeEmbedder())
            ExtractionPipeline.Run(Dataset(), a, Provenance(), Options());
        using var again = new FakeEmbedder();
        var result = ExtractionPipeline.Run(Dataset(), again, Provenance(), Options());
        Assert.True(result.AlreadyComplete);
        Assert.Equal(0, again.ImagesSeen);

        var metadata = File.ReadAllText(result.MetadataPath);
        using var other = new FakeEmbedder(20, 20, "other");
        var second = ExtractionPipeline.Run(Dataset(), other, Provenance("other"), Options(batch: 5, chunk: 4));
        Assert.Equal(metadata, File.ReadAllText(second.MetadataPath));
        var manifest = JsonNode.Parse(File.ReadAllText(second.ManifestPath))!;
        Assert.NotNull(manifest["models"]!["fake"]);
        Assert.NotNull(manifest["models"]!["other"]);
    }

    [Fact]
    public void A_finished_extraction_is_found_without_an_embedder_only_when_nothing_it_depends_on_changed()
    {
        using var a = new FakeEmbedder();
        var shape = EmbedderShape.Of(a);
        Assert.Null(ExtractionPipeline.TryReuse(Dataset(), shape, Provenance(), Options()));
        var extracted = ExtractionPipeline.Run(Dataset(), a, Provenance(), Options());

        var reused = ExtractionPipeline.TryReuse(Dataset(), shape, Provenance(), Options());
        Assert.NotNull(reused);
        Assert.True(reused.AlreadyComplete);
        Assert.Equal((extracted.EmbeddingsPath, extracted.Rows, extracted.Dimension), (reused.EmbeddingsPath, reused.Rows, reused.Dimension));
        Assert.Equal(extracted.Skipped, reused.Skipped);

        Assert.Null(ExtractionPipeline.TryReuse(Dataset(), shape, Provenance(), Options() with { Force = true }));
        Assert.Null(ExtractionPipeline.TryReuse(Dataset(), shape, Provenance(), Options(flip: true)));
        Assert.Null(ExtractionPipeline.TryReuse(Dataset(), shape with { Dimension = shape.Dimension + 1 }, Provenance(), Options()));
        Assert.Null(ExtractionPipeline.TryReuse(Dataset(), shape, new ModelProvenance("fake", [new ModelFile("fake.onnx", new string('1', 64))]), Options()));
        Assert.Throws<ArgumentException>(() => ExtractionPipeline.TryReuse(Dataset(), shape, Provenance("other"), Options()));
    }

    [Fact]
    public void Flip_test_rows_are_the_normalised_mean_of_image_and_mirror()
    {
        using var embedder = new FakeEmbedder();
        var result = ExtractionPipeline.Run(Dataset(), embedder, Provenance(), Options(flip: true));
        Assert.Equal(48, embedder.ImagesSeen);
        var vectors = ReadNpy(result.EmbeddingsPath, 13);
        var image = ImageResizer.Resize(new ImageDecoder().Decode(Path.Combine(Images, "a", "0.png")).Image!, 16, 16);
        var a = new float[13];
        var b = new float[13];
        FakeEmbedder.Describe(image, a);
        FakeEmbedder.Describe(ImageOps.FlipHorizontal(image), b);
        var mean = a.Zip(b, (x, y) => (x + y) / 2).ToArray();
        var norm = MathF.Sqrt(mean.Sum(v => v * v));
        for (var k = 0; k < 13; k++) Assert.Equal(mean[k] / norm, vectors[k], 1e-6f);
        Assert.Contains("flip test", File.ReadAllText(result.ManifestPath));
    }

    [Fact]
    public void Progress_reaches_the_total()
    {
        var reports = new List<ExtractionProgress>();
        using var embedder = new FakeEmbedder();
        ExtractionPipeline.Run(Dataset(), embedder, Provenance(), Options(), new SyncProgress(reports.Add));
        Assert.Equal(25, reports[^1].Done);
        Assert.Equal(25, reports[^1].Total);
        Assert.Equal(1, reports[^1].Skipped);
        Assert.True(reports.Zip(reports.Skip(1), (x, y) => y.Done >= x.Done).All(ok => ok));
    }

    private sealed class SyncProgress(Action<ExtractionProgress> report) : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress value) => report(value);
    }
}
