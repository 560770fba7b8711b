using System.Buffers.Binary;
using System.Text;

namespace FaceCompat.IntegrationTests.Conversion;

/// <summary>
/// Reads the reference fixtures' own .npy files (version 1, C order, |u1 or &lt;f4). The library's
/// NpyReader deliberately refuses integer arrays, and the fixtures store their inputs as uint8.
/// </summary>
internal static class FixtureNpy
{
    public static (byte[] Data, int[] Shape, string Descr) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.Latin1.GetString(bytes, 10, headerLength);
        var descr = Between(header, "'descr': '", "'");
        var shape = Between(header, "'shape': (", ")").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        return (bytes[(10 + headerLength)..], shape, descr);
    }

    /// <summary>Reads a little-endian float32 array; refuses any other element type.</summary>
    public static (float[] Values, int[] Shape) ReadFloat32(string path, string what)
    {
        var (bytes, shape, descr) = Read(path);
        if (descr != "<f4") throw new InvalidDataException($"{what} must be float32.");
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        return (values, shape);
    }

    private static string Between(string s, string start, string end)
    {
        var i = s.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return s[i..s.IndexOf(end, i, StringComparison.Ordinal)];
    }
}
