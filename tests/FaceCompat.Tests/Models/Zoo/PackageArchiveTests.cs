using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Fetching;

namespace FaceCompat.Tests.Models.Zoo;

public class PackageArchiveTests
{
    private static readonly byte[] Model = Encoding.UTF8.GetBytes("model bytes");

    [Fact]
    public void ExtractsOnlyTheWantedFiles()
    {
        using var dir = new TempDirectory();
        var tgz = dir.Sub("p.tgz");
        TestPackages.WriteTarGz(tgz, [("package/models/a.bin", Model), ("package/README.md", "readme"u8.ToArray()), ("package/models/b.bin", [1, 2, 3])]);
        PackageArchive.Extract(tgz, ["package/models/a.bin"], dir.Sub("out"));
        Assert.Equal(Model, File.ReadAllBytes(dir.Sub("out", "package", "models", "a.bin")));
        Assert.Single(Directory.EnumerateFiles(dir.Sub("out"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("package/../../evil.bin", "'..' path segment")]
    [InlineData("../evil.bin", "'..' path segment")]
    [InlineData("/etc/evil.bin", "absolute path")]
    public void RefusesUnsafeNamesAndExtractsNothing(string name, string why)
    {
        using var dir = new TempDirectory();
        var tgz = dir.Sub("p.tgz");
        TestPackages.WriteTarGz(tgz, [("package/models/a.bin", Model), (name, Model)]);
        var ex = Assert.Throws<FaceCompatException>(() => PackageArchive.Extract(tgz, ["package/models/a.bin"], dir.Sub("out")));
        Assert.Contains(why, ex.Message);
        Assert.Contains("Refusing package archive", ex.Message);
        Assert.False(Directory.Exists(dir.Sub("out")) && Directory.EnumerateFiles(dir.Sub("out"), "*", SearchOption.AllDirectories).Any());
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.bin")));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "symbolic link")]
    [InlineData(TarEntryType.HardLink, "hard link")]
    public void RefusesLinks(TarEntryType type, string why)
    {
        using var dir = new TempDirectory();
        var tgz = dir.Sub("p.tgz");
        TestPackages.WriteTarGz(tgz, [("package/models/a.bin", Model)], new PaxTarEntry(type, "package/models/b.bin") { LinkName = "/etc/passwd" });
        var ex = Assert.Throws<FaceCompatException>(() => PackageArchive.Extract(tgz, ["package/models/a.bin"], dir.Sub("out")));
        Assert.Contains(why, ex.Message);
    }

    [Fact]
    public void RefusesZipSlipInANupkg()
    {
        using var dir = new TempDirectory();
        var nupkg = dir.Sub("p.nupkg");
        using (var zip = ZipFile.Open(nupkg, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry("tools/model.onnx").Open()) s.Write(Model);
            using (var s = zip.CreateEntry("tools/../../evil.onnx").Open()) s.Write(Model);
        }
        var ex = Assert.Throws<FaceCompatException>(() => PackageArchive.Extract(nupkg, ["tools/model.onnx"], dir.Sub("out")));
        Assert.Contains("'..' path segment", ex.Message);
    }

    [Fact]
    public void ReadsANupkg()
    {
        using var dir = new TempDirectory();
        var nupkg = dir.Sub("p.nupkg");
        using (var zip = ZipFile.Open(nupkg, ZipArchiveMode.Create))
        using (var s = zip.CreateEntry("tools/DnnImageModels/model.onnx").Open()) s.Write(Model);
        PackageArchive.Extract(nupkg, ["tools/DnnImageModels/model.onnx"], dir.Sub("out"));
        Assert.Equal(Model, File.ReadAllBytes(dir.Sub("out", "tools", "DnnImageModels", "model.onnx")));
    }

    [Fact]
    public void MissingFileAndCorruptArchiveAreClearErrors()
    {
        using var dir = new TempDirectory();
        var tgz = dir.Sub("p.tgz");
        TestPackages.WriteTarGz(tgz, [("package/a.bin", Model)]);
        Assert.Contains("lacks package/b.bin", Assert.Throws<FaceCompatException>(() => PackageArchive.Extract(tgz, ["package/b.bin"], dir.Sub("out"))).Message);
        var bytes = File.ReadAllBytes(tgz);
        File.WriteAllBytes(tgz, bytes[..(bytes.Length / 2)]);
        Assert.Throws<FaceCompatException>(() => PackageArchive.Extract(tgz, ["package/a.bin"], dir.Sub("out2")));
    }
}
