namespace FaceCompat.Tests;

/// <summary>The checkout the tests run from: the folder holding FaceCompat.slnx above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceCompat.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (FaceCompat.slnx) not found above " + AppContext.BaseDirectory);
    }
}
