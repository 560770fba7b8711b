namespace FaceCompat.Extraction;

/// <summary>What a skip reason says about the file it was given for.</summary>
internal static class SkipReasons
{
    /// <summary>
    /// Whether a skip follows from the file's content, so it holds for as long as the file is unchanged; an unreadable
    /// file (permissions, a disk error) may read next time and is tried again.
    /// </summary>
    public static bool Lasting(string? skipReason) => skipReason is null || !skipReason.StartsWith("unreadable file", StringComparison.Ordinal);
}
