using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using FaceCompat.Models.Cards;

namespace FaceCompat.Tests.Models.Zoo;

/// <summary>Builds small package archives and cards that point at them.</summary>
internal static class TestPackages
{
    public static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>A gzip tarball holding the given regular files (and any extra entries).</summary>
    public static void WriteTarGz(string path, IEnumerable<(string Name, byte[] Data)> files, params TarEntry[] extra)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, data) in files)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        foreach (var e in extra) tar.WriteEntry(e);
    }

    public static ModelCard NpmCard(string id, string package, string version, params (string Path, byte[] Data)[] files) => new()
    {
        Id = id,
        Family = ModelFamily.FaceIdentity,
        Format = ModelFormat.Onnx,
        Source = new ModelSource
        {
            Manager = PackageManager.Npm,
            Package = package,
            Version = version,
            Files = files.Select(f => new SourceFile(f.Path, Sha(f.Data))).ToList(),
            Entry = files[0].Path,
        },
        Input = new ModelInput { Name = "x", Width = 2, Height = 2, Layout = TensorLayout.Nhwc, Colour = ColourOrder.Rgb },
        Output = new ModelOutput { Name = "y", Dimension = 2 },
    };
}
