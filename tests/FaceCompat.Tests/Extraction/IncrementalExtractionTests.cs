using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Embeddings;
using FaceCompat.Extraction;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Tests.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Extraction;

/// <summary>
/// Rerunning an extraction after the dataset's files changed: only new or changed images are decoded and embedded,
/// the rows of unchanged images are kept byte for byte, removed images drop out, the other models of the folder are
/// set aside until they are updated the same way, <c>Force</c> redoes everything, and a folder made before the
/// per-image record was kept is refused with a plain message.
/// <para>
/// Every "equals a fresh full extraction" below is bitwise: the fake model computes each image's row on its own, so
/// the batch an image lands in cannot change its row. (A real model's row may differ in the last bits with another
/// batch composition; the CLI integration test compares those within a tolerance.)
/// </para>
/// </summary>
public sealed class IncrementalExtractionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private int _freshRuns;
    private string Dir => _temp.Path;
    private string Images => Path.Combine(Dir, "images");
    private string Out => Path.Combine(Dir, "out");
    private string Folder => Path.Combine(Out, "toy");

    public IncrementalExtractionTests()
    {
        // 5 identities (a..e) x 5 PNG images of 40x36, with one bad file: c/2.png.
        for (var id = 0; id < 5; id++)
            for (var k = 0; k < 5; k++)
                AddImage(((char)('a' + id)).ToString(), $"{k}.png", id * 10 + k);
        File.WriteAllText(Path.Combine(Images, "c", "2.png"), "not an image");
    }

    public void Dispose() => _temp.Dispose();

    private void AddImage(string identity, string name, int seed, int width = 40, int height = 36)
    {
        Directory.CreateDirectory(Path.Combine(Images, identity));
        File.WriteAllBytes(Path.Combine(Images, identity, name), TestImages.Encode(TestImages.Pattern(width, height, seed), SKEncodedImageFormat.Png));
    }

    private ImageDataset Dataset() => ImageFolderDataset.Load(Images, name: "toy");

    private ExtractionOptions Options(RecordingPreprocessor? images = null, int chunk = 7, string? root = null, int size = 16) =>
        new() { OutputRoot = root ?? Out, BatchSize = 3, ChunkSize = chunk, DecodeThreads = 2, Preprocessing = images ?? Recording(size: size) };

    private static RecordingPreprocessor Recording(Func<string, string?>? skip = null, int size = 16) =>
        new(new CropPreprocessor(null, size, size, new ImageDecoder()), skip);

    private static ModelProvenance Provenance(string id = "fake") => new(id, [new ModelFile("fake.onnx", new string('0', 64))]);

    private ExtractionResult Extract(FakeEmbedder embedder, ExtractionOptions? options = null, CancellationToken cancellation = default) =>
        ExtractionPipeline.Run(Dataset(), embedder, Provenance(embedder.ModelId), options ?? Options(), cancellation: cancellation);

    /// <summary>Each row of a model's .npy, as raw bytes, by the image path metadata.csv gives it (in row order).</summary>
    private static List<(string Path, byte[] Row)> Rows(string folder, string model)
    {
        var paths = MetadataCsv.Read(Path.Combine(folder, MetadataCsv.FileName)).Select(r => r.Path).ToList();
        var values = NpyReader.ReadFloat32(Path.Combine(folder, model + ".npy"), out var rows, out var cols);
        Assert.Equal(paths.Count, rows);
        return paths.Select((p, i) => (p, MemoryMarshal.AsBytes(values.AsSpan(i * cols, cols)).ToArray())).ToList();
    }

    /// <summary>A full extraction of the dataset as it is now into a folder of its own: what an incremental run must equal.</summary>
    private string Fresh(string model = "fake", int size = 16)
    {
        var root = Path.Combine(Dir, $"fresh{_freshRuns++}");
        using var embedder = new FakeEmbedder(size, size, model);
        ExtractionPipeline.Run(Dataset(), embedder, Provenance(model), Options(root: root, size: size));
        return Path.Combine(root, "toy");
    }

    private void AssertEqualsFresh(string model = "fake", int size = 16)
    {
        var fresh = Fresh(model, size);
        Assert.Equal(File.ReadAllText(Path.Combine(fresh, MetadataCsv.FileName)), File.ReadAllText(Path.Combine(Folder, MetadataCsv.FileName)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(fresh, model + ".npy")), File.ReadAllBytes(Path.Combine(Folder, model + ".npy")));
        var (expected, actual) = (Manifest(fresh), Manifest(Folder));
        foreach (var field in new[] { "fileListSha256", "images", "rows", "skipped", "metadata" })
            Assert.Equal(expected[field]!.ToJsonString(), actual[field]!.ToJsonString());
    }

    private static JsonNode Manifest(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ExtractionManifest.FileName)))!;

    private static void AssertKept(List<(string Path, byte[] Row)> before, List<(string Path, byte[] Row)> after, params string[] except)
    {
        var now = after.ToDictionary(r => r.Path, r => r.Row);
        foreach (var (path, row) in before.Where(r => !except.Contains(r.Path)))
            Assert.True(now.TryGetValue(path, out var kept) && kept.AsSpan().SequenceEqual(row), $"row of {path} was not kept byte for byte");
    }

    [Fact]
    public void Added_images_are_the_only_ones_decoded_and_embedded_and_the_rest_keep_their_rows()
    {
        using (var first = new FakeEmbedder()) Extract(first);
        var before = Rows(Folder, "fake");
        AddImage("a", "5.png", 77);  // inside identity a: every later row moves down
        AddImage("bb", "0.png", 78); // a new identity between b and c
        AddImage("bb", "1.png", 79);

        using var embedder = new FakeEmbedder();
        var images = Recording();
        var result = Extract(embedder, Options(images));

        Assert.Equal(3, embedder.ImagesSeen);
        Assert.Equal(["a/5.png", "bb/0.png", "bb/1.png"], images.Prepared.Order(StringComparer.Ordinal)); // the bad c/2.png is not tried again
        Assert.Equal(new IncrementalUpdate(25, 3, 0), result.Update);
        Assert.Equal(27, result.Rows);
        Assert.Equal("c/2.png", Assert.Single(result.Skipped).Path);
        Assert.Empty(result.StaleModels);
        AssertKept(before, Rows(Folder, "fake"));
        AssertEqualsFresh();
        Assert.Equal(Dataset().FileListHash(), Manifest(Folder)["fileListSha256"]!.GetValue<string>());
        Assert.Equal(25, Manifest(Folder)["models"]!["fake"]!["incremental"]!["reusedImages"]!.GetValue<int>());
        Assert.False(Directory.Exists(Path.Combine(Folder, ".partial")));

        using var again = new FakeEmbedder();
        Assert.True(Extract(again).AlreadyComplete);
        Assert.Equal(0, again.ImagesSeen);
    }

    [Fact]
    public void Removed_images_drop_out_without_embedding_anything()
    {
        using (var first = new FakeEmbedder()) Extract(first);
        var before = Rows(Folder, "fake");
        File.Delete(Path.Combine(Images, "a", "0.png"));
        File.Delete(Path.Combine(Images, "d", "4.png"));

        using var embedder = new FakeEmbedder();
        var images = Recording();
        var result = Extract(embedder, Options(images));

        Assert.Equal(0, embedder.ImagesSeen);
        Assert.Empty(images.Prepared);
        Assert.Equal(new IncrementalUpdate(23, 0, 2), result.Update);
        var after = Rows(Folder, "fake");
        Assert.Equal(before.Where(r => r.Path is not ("a/0.png" or "d/4.png")).Select(r => r.Path), after.Select(r => r.Path));
        AssertKept(before, after, "a/0.png", "d/4.png");
        AssertEqualsFresh();
    }

    [Fact]
    public void A_changed_image_is_embedded_again()
    {
        using (var first = new FakeEmbedder()) Extract(first);
        var before = Rows(Folder, "fake");
        var file = Path.Combine(Images, "b", "1.png");
        var oldSize = new FileInfo(file).Length;
        AddImage("b", "1.png", 91, 44, 40);
        Assert.NotEqual(oldSize, new FileInfo(file).Length);

        using var embedder = new FakeEmbedder();
        var images = Recording();
        var result = Extract(embedder, Options(images));

        Assert.Equal(1, embedder.ImagesSeen);
        Assert.Equal(["b/1.png"], images.Prepared);
        Assert.Equal(new IncrementalUpdate(24, 1, 0), result.Update);
        var after = Rows(Folder, "fake");
        Assert.False(after.Single(r => r.Path == "b/1.png").Row.AsSpan().SequenceEqual(before.Single(r => r.Path == "b/1.png").Row));
        AssertKept(before, after, "b/1.png");
        AssertEqualsFresh();
    }

    [Fact]
    public void A_skip_that_may_not_last_is_tried_again_and_a_fixed_file_gets_its_row()
    {
        // First run: c/3.png could not be read (a skip of the moment), c/2.png is not an image (a skip of its content).
        using (var first = new FakeEmbedder())
            Extract(first, Options(Recording(path => path == "c/3.png" ? "unreadable file: permission denied" : null)));
        Assert.Equal(2, Manifest(Folder)["skipped"]!.AsArray().Count);
        AddImage("c", "2.png", 92); // the bad file is replaced by an image
        AddImage("e", "5.png", 93);

        using var embedder = new FakeEmbedder();
        var images = Recording();
        var result = Extract(embedder, Options(images));

        Assert.Equal(["c/2.png", "c/3.png", "e/5.png"], images.Prepared.Order(StringComparer.Ordinal));
        Assert.Equal(3, embedder.ImagesSeen);
        Assert.Empty(result.Skipped);
        AssertEqualsFresh();
    }

    [Fact]
    public void Other_models_of_the_folder_are_set_aside_then_updated_incrementally()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        using (var b = new FakeEmbedder(20, 20, "other")) Extract(b, Options(size: 20));
        var otherBefore = Rows(Folder, "other");
        AddImage("bb", "0.png", 78);

        using (var a = new FakeEmbedder())
        {
            var result = Extract(a);
            Assert.Equal(1, a.ImagesSeen);
            Assert.Equal(["other"], result.StaleModels);
        }
        // The stale model is out of the folder: not listed, not loadable as if current, not in the manifest.
        var folder = new EmbeddingFolder(Folder);
        Assert.Equal(["fake"], folder.Models());
        var refused = Assert.Throws<FaceCompatException>(() => folder.Load("other"));
        Assert.Contains("set aside", refused.Message);
        Assert.Contains("extract 'other' again", refused.Message);
        Assert.Null(Manifest(Folder)["models"]!["other"]);
        Assert.True(File.Exists(Path.Combine(Folder, ".previous", "other", "other.npy")));
        Assert.Equal(25, folder.Load("fake").Count); // 26 images, c/2.png skipped

        using var other = new FakeEmbedder(20, 20, "other");
        var images = Recording(size: 20);
        var updated = Extract(other, Options(images, size: 20));
        Assert.Equal(1, other.ImagesSeen);
        Assert.Equal(["bb/0.png"], images.Prepared);
        Assert.Equal(new IncrementalUpdate(25, 1, 0), updated.Update);
        Assert.Empty(updated.StaleModels);
        Assert.False(Directory.Exists(Path.Combine(Folder, ".previous")));
        Assert.Equal(["fake", "other"], folder.Models());
        AssertKept(otherBefore, Rows(Folder, "other"));
        AssertEqualsFresh("other", 20);
        AssertEqualsFresh();
    }

    [Fact]
    public void A_model_set_aside_by_an_image_added_then_removed_again_is_restored_without_embedding()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        using (var b = new FakeEmbedder(20, 20, "other")) Extract(b, Options(size: 20));
        var otherBefore = Rows(Folder, "other");
        AddImage("bb", "0.png", 78);
        using (var a = new FakeEmbedder()) Assert.Equal(["other"], Extract(a).StaleModels);
        File.Delete(Path.Combine(Images, "bb", "0.png"));

        using (var b = new FakeEmbedder(20, 20, "other"))
        {
            var result = Extract(b, Options(size: 20));
            Assert.Equal(0, b.ImagesSeen);
            Assert.Equal(new IncrementalUpdate(25, 0, 0), result.Update);
            Assert.Equal(["fake"], result.StaleModels); // fake's rows include the image that went again
        }
        Assert.Equal(otherBefore.Select(r => r.Path), Rows(Folder, "other").Select(r => r.Path));
        AssertKept(otherBefore, Rows(Folder, "other"));
        using (var a = new FakeEmbedder())
        {
            var result = Extract(a);
            Assert.Equal(0, a.ImagesSeen);
            Assert.Equal(new IncrementalUpdate(25, 0, 1), result.Update);
            Assert.Empty(result.StaleModels);
        }
        AssertEqualsFresh();
        AssertEqualsFresh("other", 20);
    }

    /// <summary>
    /// The align preprocessing of the dataset as it is now: landmarks for every image (each one's own, made from the
    /// template), in a landmark set whose cache key covers the file list as the landmark cache's does.
    /// </summary>
    private RecordingPreprocessor Aligned(string landmarkModels)
    {
        var template = FaceCompat.Models.Cards.AlignmentTemplate.ArcFace112.Points.Select(p => p * 16 / 112f).ToArray();
        var dataset = Dataset();
        var entries = dataset.Images.Select((image, i) => new LandmarkEntry(image.RelativePath,
            new FaceLandmarks(LandmarkSource.Mesh, template.Select((p, k) => p * 2 + (k + i) % 3).ToArray(), 1, 1), null)).ToList();
        var landmarks = new LandmarkSet(dataset.FileListHash(), "toy", entries, modelsKey: landmarkModels.PadRight(64, '0'));
        return new RecordingPreprocessor(new AlignPreprocessor(landmarks, template, 16, 16, null), null);
    }

    [Fact]
    public void Aligned_extractions_are_updated_incrementally_while_the_landmark_models_are_the_same()
    {
        using (var first = new FakeEmbedder()) Extract(first, Options(Aligned("m1")));
        var before = Rows(Folder, "fake");
        AddImage("bb", "0.png", 78);

        // Other images mean another landmark cache (its key covers the file list) but the same landmark models.
        using (var embedder = new FakeEmbedder())
        {
            var images = Aligned("m1");
            var result = Extract(embedder, Options(images));
            Assert.Equal(["bb/0.png"], images.Prepared);
            Assert.Equal(new IncrementalUpdate(25, 1, 0), result.Update);
        }
        AssertKept(before, Rows(Folder, "fake"));

        // Other landmark models could move any image's landmarks: every image again.
        AddImage("bb", "1.png", 79);
        using (var embedder = new FakeEmbedder())
        {
            var images = Aligned("m2");
            var result = Extract(embedder, Options(images));
            Assert.Equal(27, images.Prepared.Count);
            Assert.Null(result.Update);
        }
    }

    [Fact]
    public void A_model_new_to_the_folder_after_the_files_changed_is_extracted_whole_and_sets_the_others_aside()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        File.Delete(Path.Combine(Images, "a", "0.png"));

        using var third = new FakeEmbedder(modelId: "third");
        var result = Extract(third);
        Assert.Null(result.Update);
        Assert.Equal(23, third.ImagesSeen);
        Assert.Equal(["fake"], result.StaleModels);
        Assert.Equal(["third"], new EmbeddingFolder(Folder).Models());
        AssertEqualsFresh("third");
    }

    [Fact]
    public void Force_redoes_every_image_even_after_the_files_changed()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        using (var b = new FakeEmbedder(20, 20, "other")) Extract(b, Options(size: 20));
        AddImage("bb", "0.png", 78);

        using var embedder = new FakeEmbedder();
        var images = Recording();
        var result = Extract(embedder, Options(images) with { Force = true });

        Assert.Equal(25, embedder.ImagesSeen);
        Assert.Equal(26, images.Prepared.Count); // c/2.png is tried again too
        Assert.Null(result.Update);
        Assert.Equal(["other"], result.StaleModels);
        AssertEqualsFresh();
    }

    [Fact]
    public void A_folder_made_before_the_per_image_record_is_refused_with_a_plain_message_and_force_redoes_it()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        // What an older version left: no filelist.json, no row key.
        File.Delete(Path.Combine(Folder, FileList.FileName));
        var manifest = Manifest(Folder);
        manifest["models"]!["fake"]!.AsObject().Remove("rowKey");
        File.WriteAllText(Path.Combine(Folder, ExtractionManifest.FileName), manifest.ToJsonString());
        var npy = File.ReadAllBytes(Path.Combine(Folder, "fake.npy"));
        AddImage("bb", "0.png", 78);

        using var embedder = new FakeEmbedder();
        var refused = Assert.Throws<FaceCompatException>(() => Extract(embedder));
        Assert.Equal(UserHint.Replace, refused.Hint); // the CLI adds "Add --force to replace it"
        Assert.Contains("files changed since fake was extracted", refused.Message);
        Assert.Contains("Redo the whole extraction of fake", refused.Message);
        Assert.Equal(0, embedder.ImagesSeen);
        Assert.Throws<FaceCompatException>(() => ExtractionPipeline.TryReuse(Dataset(), EmbedderShape.Of(embedder), Provenance(), Options()));
        Assert.Equal(npy, File.ReadAllBytes(Path.Combine(Folder, "fake.npy")));

        var forced = Extract(embedder, Options() with { Force = true });
        Assert.Equal(25, embedder.ImagesSeen);
        Assert.Null(forced.Update);
        AssertEqualsFresh();
    }

    [Fact]
    public void An_interrupted_incremental_run_resumes_from_its_committed_chunks()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        var before = Rows(Folder, "fake");
        for (var k = 0; k < 8; k++) AddImage("bb", $"{k}.png", 100 + k);
        AddImage("a", "5.png", 99);

        // 9 new images in chunks of 4 (batches of 3 + 1): stopped during the second chunk, the first is committed.
        using var cts = new CancellationTokenSource();
        using (var stopped = new FakeEmbedder { BeforeBatch = seen => { if (seen >= 4) cts.Cancel(); } })
            Assert.ThrowsAny<OperationCanceledException>(() => Extract(stopped, Options(chunk: 4), cts.Token));
        Assert.Equal(before.Select(r => r.Path), Rows(Folder, "fake").Select(r => r.Path)); // the folder is still the earlier one
        Assert.Single(Directory.GetFiles(Path.Combine(Folder, ".partial", "fake"), "chunk-*.json"));

        using var resumed = new FakeEmbedder();
        var result = Extract(resumed, Options(chunk: 4));
        Assert.Equal(1, result.ResumedChunks);
        Assert.Equal(5, resumed.ImagesSeen);
        Assert.Equal(new IncrementalUpdate(25, 9, 0), result.Update);
        AssertKept(before, Rows(Folder, "fake"));
        AssertEqualsFresh();
    }

    [Fact]
    public void A_failing_incremental_run_leaves_every_file_of_the_folder_as_it_was()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        using (var b = new FakeEmbedder(20, 20, "other")) Extract(b, Options(size: 20));
        var files = Directory.GetFiles(Folder).ToDictionary(f => f, File.ReadAllBytes);
        AddImage("bb", "0.png", 78);

        using var failing = new FakeEmbedder { BeforeBatch = _ => throw new IOException("disk on fire") };
        Assert.Throws<IOException>(() => Extract(failing));

        Assert.Equal(files.Keys.Order(), Directory.GetFiles(Folder).Order());
        foreach (var (path, bytes) in files) Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.False(Directory.Exists(Path.Combine(Folder, ".previous")));
    }

    [Fact]
    public void A_run_stopped_after_setting_the_models_aside_is_taken_up_by_the_next_runs()
    {
        using (var a = new FakeEmbedder()) Extract(a);
        using (var b = new FakeEmbedder(20, 20, "other")) Extract(b, Options(size: 20));
        AddImage("bb", "0.png", 78);
        var fresh = Fresh();
        // What a run of fake stopped just before it wrote the manifest leaves: both .npy set aside, the new metadata.csv,
        // file list and fake.npy written, the manifest still the earlier one (naming both models and the old file list).
        SetAsideExtractions.SetAsideAll(Folder, Manifest(Folder).AsObject());
        foreach (var name in new[] { MetadataCsv.FileName, FileList.FileName, "fake.npy" })
            File.Copy(Path.Combine(fresh, name), Path.Combine(Folder, name), overwrite: true);
        Assert.Equal(25, new EmbeddingFolder(Folder).Load("fake").Count); // a .npy only ever lies beside the metadata it matches

        using (var a = new FakeEmbedder())
        {
            var result = Extract(a);
            Assert.False(result.AlreadyComplete);
            Assert.Equal(1, a.ImagesSeen); // built on the set-aside copy: the unrecorded fake.npy is not taken for it
            Assert.Equal(new IncrementalUpdate(25, 1, 0), result.Update);
            Assert.Equal(["other"], result.StaleModels);
        }
        using (var b = new FakeEmbedder(20, 20, "other"))
        {
            var result = Extract(b, Options(size: 20));
            Assert.Equal(1, b.ImagesSeen);
            Assert.Empty(result.StaleModels);
        }
        AssertEqualsFresh();
        AssertEqualsFresh("other", 20);
        Assert.Equal(["fake", "other"], Manifest(Folder)["models"]!.AsObject().Select(m => m.Key).Order());
    }

    /// <summary>The crop preprocessing, recording every image it is asked to prepare; <paramref name="skip"/> can fail an image.</summary>
    private sealed class RecordingPreprocessor(IImagePreprocessor inner, Func<string, string?>? skip) : IImagePreprocessor
    {
        private readonly ConcurrentQueue<string> _prepared = new();

        public IReadOnlyList<string> Prepared => [.. _prepared];
        public int Width => inner.Width;
        public int Height => inner.Height;
        public string Describe() => inner.Describe();
        public string DescribePerImage() => inner.DescribePerImage();

        public PreprocessedImage Prepare(ImageFile file)
        {
            _prepared.Enqueue(file.RelativePath);
            return skip?.Invoke(file.RelativePath) is { } reason ? new PreprocessedImage(null, reason) : inner.Prepare(file);
        }
    }
}
