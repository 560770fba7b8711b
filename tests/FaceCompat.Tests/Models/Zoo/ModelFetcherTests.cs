using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Fetching;

namespace FaceCompat.Tests.Models.Zoo;

public class ModelFetcherTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("{\"graph\":1}");
    private static readonly byte[] Bin = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly ModelCard Card = TestPackages.NpmCard("toy", "@scope/toy-models", "1.2.3",
        ("package/models/toy.json", Json), ("package/models/toy.bin", Bin));

    private static string OfflineTarball(TempDirectory dir, byte[]? bin = null)
    {
        var offline = dir.Sub("offline");
        Directory.CreateDirectory(offline);
        TestPackages.WriteTarGz(Path.Combine(offline, NpmPackageSource.TarballName("@scope/toy-models", "1.2.3")),
            [("package/models/toy.json", Json), ("package/models/toy.bin", bin ?? Bin), ("package/other.js", "x"u8.ToArray())]);
        return offline;
    }

    [Fact]
    public void FetchesFromAnOfflineTarballIntoTheCache()
    {
        using var dir = new TempDirectory();
        Assert.Equal("scope-toy-models-1.2.3.tgz", NpmPackageSource.TarballName("@scope/toy-models", "1.2.3"));
        var store = new ModelStore(dir.Sub("cache"));
        var result = new ModelFetcher(store, OfflineTarball(dir)).Fetch(Card);
        Assert.Equal(2, result.Fetched.Count);
        Assert.Equal(Bin, File.ReadAllBytes(dir.Sub("cache", "packages", "@scope", "toy-models@1.2.3", "package", "models", "toy.bin")));
        Assert.All(store.Inspect(Card), f => Assert.Equal(CacheState.Valid, f.State));
        Assert.False(Directory.Exists(store.TempRoot) && Directory.EnumerateFileSystemEntries(store.TempRoot).Any());
        Assert.True(new ModelFetcher(store, OfflineTarball(dir)).Fetch(Card).AlreadyCached);
    }

    [Fact]
    public void TheCacheLayoutIsItselfAnOfflineCopy()
    {
        using var dir = new TempDirectory();
        var first = new ModelStore(dir.Sub("cache1"));
        new ModelFetcher(first, OfflineTarball(dir)).Fetch(Card);
        var second = new ModelStore(dir.Sub("cache2"));
        new ModelFetcher(second, first.PackagesRoot).Fetch(Card);
        Assert.All(second.Inspect(Card), f => Assert.Equal(CacheState.Valid, f.State));
    }

    [Fact]
    public void AFileWhoseHashDiffersFromTheCardIsRefusedAndNotInstalled()
    {
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Sub("cache"));
        var ex = Assert.Throws<FaceCompatException>(() => new ModelFetcher(store, OfflineTarball(dir, bin: [9, 9, 9])).Fetch(Card));
        Assert.Contains("Refusing package/models/toy.bin", ex.Message);
        Assert.Contains(TestPackages.Sha(Bin), ex.Message);
        Assert.All(store.Inspect(Card), f => Assert.Equal(CacheState.Missing, f.State));
    }

    [Fact]
    public void ATamperedCachedFileIsDetectedAndFetchedAgain()
    {
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Sub("cache"));
        var offline = OfflineTarball(dir);
        new ModelFetcher(store, offline).Fetch(Card);
        var cached = store.LocalPath(Card, "package/models/toy.bin");
        File.WriteAllBytes(cached, [1, 2, 3, 4, 5, 6, 7, 0]);

        Assert.Contains(store.Inspect(Card), f => f.State == CacheState.Tampered);
        var refused = Assert.Throws<FaceCompatException>(() => store.RequireVerified(Card));
        Assert.Contains("fails its sha256 check", refused.Message);
        Assert.Equal(UserHint.FetchModel, refused.Hint);
        Assert.Equal(Card.Id, refused.HintSubject);
        Assert.DoesNotContain("models fetch", refused.Message);

        var lines = new List<string>();
        var fetcher = new ModelFetcher(store, offline);
        fetcher.Progress += lines.Add;
        var result = fetcher.Fetch(Card);
        Assert.Equal(["package/models/toy.bin"], result.Replaced);
        Assert.Contains(lines, l => l.Contains("fails its sha256 check"));
        Assert.Equal(Bin, File.ReadAllBytes(cached));
    }

    [Fact]
    public void ATamperedLocalFileOfAUserCardIsReported()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Sub("m.onnx"), Bin);
        var card = Card with
        {
            Origin = dir.Sub("card.yaml"),
            Source = new ModelSource { Manager = PackageManager.File, Files = [new SourceFile("m.onnx", TestPackages.Sha(Json))], Entry = "m.onnx" },
        };
        var ex = Assert.Throws<FaceCompatException>(() => new ModelFetcher(new ModelStore(dir.Sub("cache"))).Fetch(card));
        Assert.Contains("fails its sha256 check", ex.Message);
    }

    [Fact]
    public void AnOfflineFolderWithoutThePackageSaysWhatItLookedFor()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Sub("empty"));
        var ex = Assert.Throws<FaceCompatException>(() => new ModelFetcher(new ModelStore(dir.Sub("cache")), dir.Sub("empty")).Fetch(Card));
        Assert.Contains("scope-toy-models-1.2.3.tgz", ex.Message);
    }
}
