using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>
/// An output folder that appears complete or not at all: files are written into a hidden sibling
/// folder, which is renamed onto the target when <see cref="Commit"/> is called and deleted otherwise.
/// The target must not exist or be an empty folder.
/// </summary>
internal sealed class OutputDirectory : IDisposable
{
    private bool _committed;

    private OutputDirectory(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    public string Target { get; }

    /// <summary>Where to write until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Checks the target (before any work is done) and creates the staging folder.</summary>
    public static OutputDirectory Begin(string path)
    {
        var target = Path.GetFullPath(path);
        EnsureUsable(target);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(staging);
        return new OutputDirectory(target, staging);
    }

    /// <summary>Throws when <paramref name="target"/> exists as a file or a non-empty folder (<see cref="OutputTargets.RequireEmptyFolder"/>).</summary>
    public static void EnsureUsable(string target) => OutputTargets.RequireEmptyFolder(target);

    public string PathOf(string relative) => Path.Combine(Staging, relative);

    public void Commit()
    {
        EnsureUsable(Target);
        if (Directory.Exists(Target)) Directory.Delete(Target);
        Directory.Move(Staging, Target);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        try { Directory.Delete(Staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
