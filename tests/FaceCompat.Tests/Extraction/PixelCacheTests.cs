using System.Text.Json.Nodes;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Imaging;
using FaceCompat.Tests.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Extraction;

/// <summary>
/// The prepared-pixel cache: embeddings made from cached pixels are bitwise those of the uncached path,
/// models with the same input size share it, and anything that could change the pixels (an edited file,
/// another input size or crop, a damaged cache file) makes the image be decoded again.
/// </summary>
public sealed class PixelCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Dir => _temp.Path;
    private string Images => Path.Combine(Dir, "images");
    private string Cache => Path.Combine(Dir, "pixels");

    public PixelCacheTests()
    {
        // 4 identities x 5 JPEGs (LFW-like: cropped centrally) of 60x60, with one bad file.
        for (var id = 0; id < 4; id++)
        {
            var name = ((char)('a' + id)).ToString();
            Directory.CreateDirectory(Path.Combine(Images, name));
            for (var k = 0; k < 5; k++)
                File.WriteAllBytes(Path.Combine(Images, name, $"{k}.jpg"), TestImages.Encode(TestImages.Pattern(60, 60, id * 10 + k), SKEncodedImageFormat.Jpeg));
        }
        File.WriteAllText(Path.Combine(Images, "b", "3.jpg"), "not an image");
    }

    public void Dispose() => _temp.Dispose();

    private ImageDataset Dataset() => ImageFolderDataset.Load(Images, name: "toy", referenceCrop: 0.6);

    private PixelCacheOptions CacheOptions(long max = PixelCacheOptions.DefaultMaxBytes) => new(Cache, max, ChunkImages: 6);

    private ExtractionResult Run(string outDir, PixelCacheOptions? cache, FakeEmbedder embedder, bool flip = false, double fraction = 0.6) =>
        ExtractionPipeline.Run(Dataset(), embedder, new ModelProvenance(embedder.ModelId, []), new ExtractionOptions
        {
            OutputRoot = Path.Combine(Dir, outDir), BatchSize = 4, ChunkSize = 5, DecodeThreads = 2, Flip = flip,
            Preprocessing = new CropPreprocessor(fraction, embedder.InputWidth, embedder.InputHeight), PixelCache = cache,
        });

    private static JsonNode PixelEntry(ExtractionResult result, string model) =>
        JsonNode.Parse(File.ReadAllText(result.ManifestPath))!["models"]![model]!["pixelCache"]!;

    [Fact]
    public void Cached_pixels_give_bitwise_the_embeddings_of_the_uncached_path_and_are_shared_by_models_of_the_same_size()
    {
        using var plain = new FakeEmbedder(16, 16, "m1");
        var reference = Run("plain", null, plain);
        using var first = new FakeEmbedder(16, 16, "m1");
        var cold = Run("cold", CacheOptions(), first);
        Assert.Equal(0, PixelEntry(cold, "m1")["imagesFromCache"]!.GetValue<int>());
        Assert.Equal(4, PixelEntry(cold, "m1")["chunksWritten"]!.GetValue<int>()); // 20 images in chunks of 6
        using var second = new FakeEmbedder(16, 16, "m2");
        var warm = Run("cold", CacheOptions(), second);
        Assert.Equal(20, PixelEntry(warm, "m2")["imagesFromCache"]!.GetValue<int>());
        Assert.Equal(0, PixelEntry(warm, "m2")["chunksWritten"]!.GetValue<int>());

        Assert.Equal(File.ReadAllBytes(reference.EmbeddingsPath), File.ReadAllBytes(cold.EmbeddingsPath));
        Assert.Equal(File.ReadAllBytes(reference.EmbeddingsPath), File.ReadAllBytes(warm.EmbeddingsPath));
        Assert.Equal(File.ReadAllText(reference.MetadataPath), File.ReadAllText(warm.MetadataPath));
        var skipped = Assert.Single(warm.Skipped);
        Assert.Equal("b/3.jpg", skipped.Path);
        Assert.Equal(reference.Skipped.Single().Reason, skipped.Reason);
    }

    [Fact]
    public void Flip_test_from_cached_pixels_equals_the_uncached_flip_test()
    {
        using var plain = new FakeEmbedder(16, 16, "m1");
        var reference = Run("plain", null, plain, flip: true);
        using var filler = new FakeEmbedder(16, 16, "m1");
        Run("fill", CacheOptions(), filler); // fills the cache without the flip test: the cache does not depend on it
        using var flipped = new FakeEmbedder(16, 16, "m2");
        var warm = Run("warm", CacheOptions(), flipped, flip: true);
        Assert.Equal(20, PixelEntry(warm, "m2")["imagesFromCache"]!.GetValue<int>());
        Assert.Equal(File.ReadAllBytes(reference.EmbeddingsPath), File.ReadAllBytes(warm.EmbeddingsPath));
    }

    [Fact]
    public void Another_input_size_or_crop_gets_its_own_pixels()
    {
        using var a = new FakeEmbedder(16, 16, "m1");
        Run("a", CacheOptions(), a);
        using var b = new FakeEmbedder(20, 20, "m2");
        var other = Run("b", CacheOptions(), b);
        Assert.Equal(0, PixelEntry(other, "m2")["imagesFromCache"]!.GetValue<int>());
        using var c = new FakeEmbedder(16, 16, "m3");
        var otherCrop = Run("c", CacheOptions(), c, fraction: 0.8);
        Assert.Equal(0, PixelEntry(otherCrop, "m3")["imagesFromCache"]!.GetValue<int>());
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(Cache, "toy")).Length);
    }

    [Fact]
    public void An_edited_image_is_decoded_again_and_its_new_pixels_are_used()
    {
        using var first = new FakeEmbedder(16, 16, "m1");
        Run("first", CacheOptions(), first);
        // Same size, different content, later modification time: the file-list hash cannot see this edit.
        var path = Path.Combine(Images, "c", "1.jpg");
        var replacement = PadTo(TestImages.Encode(TestImages.Pattern(60, 60, 99), SKEncodedImageFormat.Jpeg, 30), new FileInfo(path).Length);
        Assert.True(new ImageDecoder().Decode(replacement).Ok);
        File.WriteAllBytes(path, replacement);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        using var plain = new FakeEmbedder(16, 16, "m2");
        var reference = Run("plain", null, plain);
        using var second = new FakeEmbedder(16, 16, "m2");
        var cached = Run("second", CacheOptions(), second);
        Assert.Equal(14, PixelEntry(cached, "m2")["imagesFromCache"]!.GetValue<int>()); // the chunk of the edited file (6 images) was decoded
        Assert.Equal(1, PixelEntry(cached, "m2")["chunksWritten"]!.GetValue<int>());
        Assert.Equal(File.ReadAllBytes(reference.EmbeddingsPath), File.ReadAllBytes(cached.EmbeddingsPath));
    }

    [Fact]
    public void A_damaged_cache_file_is_ignored_and_rewritten()
    {
        using var first = new FakeEmbedder(16, 16, "m1");
        var reference = Run("first", CacheOptions(), first);
        var folder = Directory.GetDirectories(Path.Combine(Cache, "toy")).Single();
        var data = Path.Combine(folder, "chunk-00001.u8");
        var bytes = File.ReadAllBytes(data);
        bytes[100] ^= 0x55;
        File.WriteAllBytes(data, bytes);
        File.WriteAllText(Path.Combine(folder, "chunk-00002.json"), "{ torn");

        using var second = new FakeEmbedder(16, 16, "m2");
        var again = Run("second", CacheOptions(), second);
        Assert.Equal(8, PixelEntry(again, "m2")["imagesFromCache"]!.GetValue<int>());
        Assert.Equal(2, PixelEntry(again, "m2")["chunksWritten"]!.GetValue<int>());
        Assert.Equal(File.ReadAllBytes(reference.EmbeddingsPath), File.ReadAllBytes(again.EmbeddingsPath));
        using var third = new FakeEmbedder(16, 16, "m3");
        Assert.Equal(20, PixelEntry(Run("third", CacheOptions(), third), "m3")["imagesFromCache"]!.GetValue<int>());
    }

    [Fact]
    public void Chunks_written_before_the_fast_hash_are_still_used_and_checked_by_their_sha256()
    {
        using var first = new FakeEmbedder(16, 16, "m1");
        var reference = Run("first", CacheOptions(), first);
        var folder = Directory.GetDirectories(Path.Combine(Cache, "toy")).Single();
        foreach (var index in Directory.GetFiles(folder, "chunk-*.json"))
        {
            var node = JsonNode.Parse(File.ReadAllText(index))!.AsObject();
            Assert.NotNull(node["DataXxHash3"]);
            node.Remove("DataXxHash3");
            File.WriteAllText(index, node.ToJsonString());
        }
        var data = Path.Combine(folder, "chunk-00003.u8");
        var bytes = File.ReadAllBytes(data);
        bytes[7] ^= 0x01;
        File.WriteAllBytes(data, bytes);

        using var second = new FakeEmbedder(16, 16, "m2");
        var again = Run("second", CacheOptions(), second);
        Assert.Equal(18, PixelEntry(again, "m2")["imagesFromCache"]!.GetValue<int>()); // chunk 3 (2 images) fails its SHA-256
        Assert.Equal(1, PixelEntry(again, "m2")["chunksWritten"]!.GetValue<int>());
        Assert.Equal(File.ReadAllBytes(reference.EmbeddingsPath), File.ReadAllBytes(again.EmbeddingsPath));
    }

    [Fact]
    public void Nothing_is_written_beyond_the_size_limit()
    {
        using var first = new FakeEmbedder(16, 16, "m1");
        var limited = Run("first", CacheOptions(max: 2 * 6 * 16 * 16 * 3), first);
        Assert.Equal(2, PixelEntry(limited, "m1")["chunksWritten"]!.GetValue<int>());
        using var plain = new FakeEmbedder(16, 16, "m1");
        Assert.Equal(File.ReadAllBytes(Run("plain", null, plain).EmbeddingsPath), File.ReadAllBytes(limited.EmbeddingsPath));
        using var none = new FakeEmbedder(16, 16, "m2");
        Assert.Equal(0, PixelEntry(Run("none", CacheOptions(max: 0) with { Root = Path.Combine(Dir, "empty") }, none), "m2")["chunksWritten"]!.GetValue<int>());
    }

    [Fact]
    public void An_unreadable_moment_is_not_cached()
    {
        var store = PixelStore.Open(Dataset(), new CropPreprocessor(0.6, 16, 16), 32, CacheOptions())!;
        for (var i = 0; i < 6; i++)
            store.Put(i, i == 2 ? null : new RgbImage(16, 16, new byte[16 * 16 * 3]), i == 2 ? "unreadable file: busy" : null, cacheable: i != 2);
        Assert.Equal(0, store.ChunksWritten);
        Assert.Null(store.TryGet(0));
        Assert.Null(PixelStore.Open(Dataset(), new FaceCompat.Alignment.AlignPreprocessor(new FaceCompat.Alignment.LandmarkSet(new string('0', 64), "toy", []), [0, 0, 1, 0, 0, 1, 0, 2, 1, 2], 16, 16, null), 32, CacheOptions()));
    }

    /// <summary>Trailing bytes after the JPEG end marker are ignored by the decoder.</summary>
    private static byte[] PadTo(byte[] bytes, long length)
    {
        if (bytes.Length > length) throw new InvalidOperationException("replacement JPEG is larger than the original");
        var padded = new byte[length];
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
