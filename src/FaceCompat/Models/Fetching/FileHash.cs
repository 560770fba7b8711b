using System.Security.Cryptography;

namespace FaceCompat.Models.Fetching;

internal static class FileHash
{
    /// <summary>Lower-case hex sha256 of a file's content.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
