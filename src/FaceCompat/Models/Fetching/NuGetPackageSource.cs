using System.Security;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Fetching;

/// <summary>
/// Obtains a NuGet package through NuGet itself: the global packages folder when the .nupkg is already
/// there, else <c>dotnet restore</c> of a generated project with a PackageDownload item into a
/// temporary packages folder (NuGet's configured feeds). The wanted files come from the .nupkg
/// (a zip) through our checked reader, not from NuGet's expanded copy.
/// </summary>
internal sealed class NuGetPackageSource : IPackageSource
{
    public void Stage(ModelSource source, IReadOnlyCollection<string> paths, string stagingDir, string workDir)
    {
        var nupkg = FindInGlobalPackages(source) ?? Restore(source, workDir);
        PackageArchive.Extract(nupkg, paths, stagingDir);
    }

    /// <summary>The file name of a package inside a NuGet packages folder.</summary>
    public static string NupkgName(string package, string version) => $"{package.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg";

    private static string? FindInGlobalPackages(ModelSource source)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, source.Package.ToLowerInvariant(), source.Version.ToLowerInvariant(), NupkgName(source.Package, source.Version));
        return File.Exists(path) ? path : null;
    }

    private static string Restore(ModelSource source, string workDir)
    {
        var packages = Path.Combine(workDir, "packages");
        var project = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
                <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
              </PropertyGroup>
              <ItemGroup>
                <PackageDownload Include="{SecurityElement.Escape(source.Package)}" Version="[{SecurityElement.Escape(source.Version)}]" />
              </ItemGroup>
            </Project>
            """;
        File.WriteAllText(Path.Combine(workDir, "fetch.csproj"), project);
        ExternalTool.Run("dotnet", ["restore", "fetch.csproj", "--packages", packages, "--nologo", "-v", "q"], workDir,
            $"download the NuGet package {source.Package} {source.Version}");
        return Path.Combine(packages, source.Package.ToLowerInvariant(), source.Version.ToLowerInvariant(), NupkgName(source.Package, source.Version));
    }
}
