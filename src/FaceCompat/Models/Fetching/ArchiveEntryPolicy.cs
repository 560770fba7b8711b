using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Fetching;

/// <summary>
/// Decides whether an archive entry is safe to have in a package at all: no absolute path, no ".."
/// segment, no link. One unsafe entry makes the whole archive refused, whatever files we need from it.
/// </summary>
internal static class ArchiveEntryPolicy
{
    public static void CheckName(string archive, string name)
    {
        if (string.IsNullOrEmpty(name)) throw Unsafe(archive, name, "an empty entry name");
        if (name.Contains('\0')) throw Unsafe(archive, name, "a NUL character in its name");
        var unified = name.Replace('\\', '/');
        if (unified.StartsWith('/') || (unified.Length >= 2 && unified[1] == ':' && char.IsAsciiLetter(unified[0])))
            throw Unsafe(archive, name, "an absolute path");
        foreach (var segment in unified.Split('/'))
            if (segment == "..") throw Unsafe(archive, name, "a '..' path segment");
    }

    public static void RefuseLink(string archive, string name, string kind) =>
        throw Unsafe(archive, name, kind);

    /// <summary>Normalises an entry name for comparison with card paths ("./a//b" -> "a/b").</summary>
    public static string Normalise(string name) =>
        string.Join('/', name.Replace('\\', '/').Split('/').Where(s => s.Length > 0 && s != "."));

    private static FaceCompatException Unsafe(string archive, string name, string why) =>
        new($"Refusing package archive {Path.GetFileName(archive)}: entry '{name}' has {why}. Nothing was extracted from it.");
}
