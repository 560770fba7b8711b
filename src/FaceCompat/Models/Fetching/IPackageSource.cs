using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Fetching;

/// <summary>Somewhere a package's files can be had from: a package manager or an offline copy.</summary>
internal interface IPackageSource
{
    /// <summary>Writes each of <paramref name="paths"/> (paths inside the package) to <paramref name="stagingDir"/>/path.</summary>
    /// <param name="workDir">An empty temporary folder the source may use.</param>
    void Stage(ModelSource source, IReadOnlyCollection<string> paths, string stagingDir, string workDir);
}
