namespace FaceCompat.Infrastructure;

/// <summary>
/// Where a command may write, checked before any work: one rule for every output (a folder is not a file
/// and a file is not a folder; something already there is replaced only when the caller says so; an input
/// is never overwritten).
/// </summary>
internal static class OutputTargets
{
    /// <summary>A folder the output goes under (created when missing); refused when it is a file.</summary>
    public static void RequireFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new FaceCompatException($"Output path {full} is a file; the output goes into a folder.", UserHint.OutputFolder);
    }

    /// <summary>A folder the output replaces as a whole: refused when it is a file, or non-empty unless <paramref name="replace"/>.</summary>
    public static void RequireReplaceableFolder(string path, bool replace) => RequireFreeFolder(path, replace, replaceable: true);

    /// <summary>A folder that must be new or empty (outputs that never replace one): refused when it is a file or non-empty.</summary>
    public static void RequireEmptyFolder(string path) => RequireFreeFolder(path, replace: false, replaceable: false);

    private static void RequireFreeFolder(string path, bool replace, bool replaceable)
    {
        RequireFolder(path);
        var full = Path.GetFullPath(path);
        if (replace || !Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any()) return;
        throw replaceable
            ? new FaceCompatException($"Output folder {full} already exists and is not empty.", UserHint.Replace)
            : new FaceCompatException($"Output folder {full} already exists and is not empty; choose another output folder or remove it.", UserHint.OutputFolder);
    }

    /// <summary>
    /// A file the output is written to: refused when it is one of <paramref name="inputs"/> (whatever
    /// <paramref name="replace"/> says), a folder, or an existing file unless <paramref name="replace"/>.
    /// </summary>
    public static void RequireNewFile(string path, bool replace, params string[] inputs)
    {
        var full = Path.GetFullPath(path);
        if (inputs.Any(i => string.Equals(Path.GetFullPath(i), full, StringComparison.Ordinal)))
            throw new FaceCompatException($"Output file {full} is also an input; write the output elsewhere.", UserHint.OutputFolder);
        if (Directory.Exists(full)) throw new FaceCompatException($"Output path {full} is a folder; give a file name.");
        if (!replace && File.Exists(full)) throw new FaceCompatException($"Output file {full} already exists.", UserHint.Replace);
    }
}
