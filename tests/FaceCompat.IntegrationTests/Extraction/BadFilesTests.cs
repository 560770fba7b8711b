using FaceCompat.Datasets;
using FaceCompat.Embeddings;
using FaceCompat.Extraction;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Cards;
using SkiaSharp;

namespace FaceCompat.IntegrationTests.Extraction;

/// <summary>Real LFW/CFP images plus crafted bad files, extracted with the real faceapi model.</summary>
[Collection(ExtractionCollection.Name)]
public sealed class BadFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-badfiles-" + Guid.NewGuid().ToString("N"));
    private string Images => Path.Combine(_dir, "images");
    private static string LfwImages => Path.Combine(FaceCompatPaths.DataRoot(), "lfw", "lfw-deepfunneled");

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>Copies the first <paramref name="count"/> LFW images (ordinal identity order) into identity folders.</summary>
    private List<string> CopyLfw(int count)
    {
        var copied = new List<string>();
        foreach (var identity in Directory.GetDirectories(LfwImages).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(LfwImages, identity!)).Order(StringComparer.Ordinal))
            {
                if (copied.Count == count) return copied;
                Directory.CreateDirectory(Path.Combine(Images, identity!));
                var target = Path.Combine(Images, identity!, Path.GetFileName(file));
                File.Copy(file, target);
                copied.Add(target);
            }
        }
        throw new InvalidOperationException($"LFW has fewer than {count} images under {LfwImages}");
    }

    private ExtractionResult Extract(string name) =>
        ModelExtraction.Run(ImageFolderDataset.Load(Images, name: name), RealModels.Prepare("faceapi").Card,
            new ExtractionOptions { OutputRoot = Path.Combine(_dir, "out"), BatchSize = 16, ChunkSize = 32 }, threads: 2);

    [Fact]
    public void One_broken_file_among_100_gives_99_aligned_rows_and_names_the_skipped_file()
    {
        var copied = CopyLfw(100);
        var broken = copied[42];
        var bytes = File.ReadAllBytes(broken);
        File.WriteAllBytes(broken, bytes[..(bytes.Length / 3)]); // truncated JPEG
        var brokenRelative = Path.GetRelativePath(Images, broken).Replace('\\', '/');

        var result = Extract("hundred");

        Assert.Equal(99, result.Rows);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(brokenRelative, skipped.Path);
        Assert.Contains("truncated", skipped.Reason);
        Assert.Contains(brokenRelative, File.ReadAllText(result.ManifestPath));

        var set = new EmbeddingFolder(result.DatasetDirectory).Load("faceapi");
        Assert.Equal(99, set.Count);
        Assert.DoesNotContain(set.Records, r => r.Path == brokenRelative);
        // Rows stay aligned: row 42 is the image after the broken one, and equals a run on that image alone.
        Assert.Equal(Path.GetRelativePath(Images, copied[43]).Replace('\\', '/'), set.Records[42].Path);
        using var embedder = RealModels.Open("faceapi", batchSize: 1);
        var decoded = new Imaging.ImageDecoder().Decode(copied[43]).Image!;
        var alone = new float[128];
        embedder.Embed([new Imaging.CropPreprocessor(null, 150, 150).Apply(decoded)], alone);
        Assert.True(RealModels.Cosine(alone, set.Row(42)) > 0.9999f);
    }

    [Fact]
    public void Every_kind_of_bad_file_is_skipped_with_its_reason_and_other_formats_are_used()
    {
        var copied = CopyLfw(12);
        var real = File.ReadAllBytes(copied[0]);
        var identity = Path.Combine(Images, "Crafted_Person");
        Directory.CreateDirectory(identity);
        File.WriteAllBytes(Path.Combine(identity, "a_zero.jpg"), []);
        File.WriteAllBytes(Path.Combine(identity, "b_truncated.jpg"), real[..(real.Length / 2)]);
        var corrupt = (byte[])real.Clone();
        for (var i = 0; i < 64; i++) corrupt[i] = (byte)(i * 37);
        File.WriteAllBytes(Path.Combine(identity, "c_corrupt.jpg"), corrupt);
        File.WriteAllText(Path.Combine(identity, "d_notes.txt"), "not an image at all");
        using (var bitmap = SKBitmap.Decode(copied[1]))
        {
            File.WriteAllBytes(Path.Combine(identity, "e_face.png"), bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray());
            using var tiny = bitmap.Resize(new SKImageInfo(16, 16), new SKSamplingOptions(SKFilterMode.Linear));
            File.WriteAllBytes(Path.Combine(identity, "f_tiny.png"), tiny.Encode(SKEncodedImageFormat.Png, 100).ToArray());
            File.WriteAllBytes(Path.Combine(identity, "g_face.pgm"), Pgm(bitmap));
        }
        File.Copy(Path.Combine(FaceCompatPaths.DataRoot(), "cfp", "Data", "Images", "014", "profile", "03.jpg"), Path.Combine(identity, "h_grayscale.jpg"));

        var result = Extract("crafted");

        var reasons = result.Skipped.ToDictionary(s => Path.GetFileName(s.Path), s => s.Reason);
        Assert.Equal(["a_zero.jpg", "b_truncated.jpg", "c_corrupt.jpg", "d_notes.txt", "f_tiny.png"], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("empty", reasons["a_zero.jpg"]);
        Assert.Contains("truncated", reasons["b_truncated.jpg"]);
        Assert.Contains("not a recognised image", reasons["c_corrupt.jpg"]);
        Assert.Contains("not a recognised image", reasons["d_notes.txt"]);
        Assert.Contains("too small", reasons["f_tiny.png"]);
        Assert.Equal(12 + 3, result.Rows); // the LFW images, the PNG, the PGM and the grayscale JPEG
        var records = new EmbeddingFolder(result.DatasetDirectory).Load("faceapi").Records;
        Assert.Equal(["Crafted_Person/e_face.png", "Crafted_Person/g_face.pgm", "Crafted_Person/h_grayscale.jpg"],
            records.Where(r => r.Identity == "Crafted_Person").Select(r => r.Path));
    }

    private static byte[] Pgm(SKBitmap bitmap)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"P5\n{bitmap.Width} {bitmap.Height}\n255\n");
        var body = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        for (var x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            body[y * bitmap.Width + x] = (byte)((c.Red * 299 + c.Green * 587 + c.Blue * 114) / 1000);
        }
        return [.. header, .. body];
    }
}
