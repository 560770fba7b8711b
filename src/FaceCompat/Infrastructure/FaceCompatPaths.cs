namespace FaceCompat.Infrastructure;

/// <summary>Where caches and data live, following FACECOMPAT_CACHE and FACECOMPAT_DATA.</summary>
internal static class FaceCompatPaths
{
    public const string CacheVariable = "FACECOMPAT_CACHE";
    public const string DataVariable = "FACECOMPAT_DATA";

    /// <summary>FACECOMPAT_CACHE, else ~/.cache/facecompat.</summary>
    public static string CacheRoot
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(CacheVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".cache", "facecompat");
        }
    }

    /// <summary>
    /// The data root: an explicit value, else FACECOMPAT_DATA, else the first <c>shared/data</c> found
    /// beside the working directory or beside any folder above the running program (a checkout sits
    /// next to <c>shared/</c>).
    /// </summary>
    public static string DataRoot(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot)) return Path.GetFullPath(explicitRoot);
        var fromEnv = Environment.GetEnvironmentVariable(DataVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
            }
        }
        return Path.GetFullPath(Path.Combine(Environment.CurrentDirectory, "..", "shared", "data"));
    }
}
