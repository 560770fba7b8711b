using System.Text;
using System.Text.RegularExpressions;
using FaceCompat.Infrastructure;

namespace FaceCompat.Embeddings;

/// <summary>The parsed header of a <c>.npy</c> file: dtype descriptor, memory order, shape and where the data starts.</summary>
public sealed record NpyHeader(int MajorVersion, string Descr, bool FortranOrder, long[] Shape, long DataOffset)
{
    /// <summary>Bytes per element of a float descriptor ('&lt;f4', '&gt;f8', ...).</summary>
    public int ItemSize => Descr[^1] - '0';

    public bool BigEndian => Descr[0] == '>';

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    private static readonly Regex DescrPattern = new(@"'descr'\s*:\s*('([^']*)'|\[)", RegexOptions.CultureInvariant);
    private static readonly Regex FortranPattern = new(@"'fortran_order'\s*:\s*(True|False)", RegexOptions.CultureInvariant);
    private static readonly Regex ShapePattern = new(@"'shape'\s*:\s*\(([^)]*)\)", RegexOptions.CultureInvariant);

    /// <summary>Reads and checks the header; <paramref name="name"/> names the file in error messages.</summary>
    public static NpyHeader Read(Stream stream, string name)
    {
        Span<byte> prefix = stackalloc byte[10];
        if (ReadFully(stream, prefix) < 10 || !prefix[..6].SequenceEqual(NpyWriter.Magic))
            throw new FaceCompatException($"{name}: not a .npy file (missing the \\x93NUMPY magic).");
        int major = prefix[6];
        if (major is < 1 or > 3)
            throw new FaceCompatException($"{name}: unsupported .npy format version {major}.{prefix[7]} (1, 2 and 3 are supported).");
        long headerLength;
        long offset;
        if (major == 1)
        {
            headerLength = prefix[8] | (prefix[9] << 8);
            offset = 10;
        }
        else
        {
            Span<byte> rest = stackalloc byte[2];
            if (ReadFully(stream, rest) < 2) throw new FaceCompatException($"{name}: truncated .npy header.");
            headerLength = prefix[8] | ((long)prefix[9] << 8) | ((long)rest[0] << 16) | ((long)rest[1] << 24);
            offset = 12;
        }
        if (headerLength <= 0 || headerLength > 1 << 20)
            throw new FaceCompatException($"{name}: corrupt .npy header (length {headerLength}).");
        var bytes = new byte[headerLength];
        if (ReadFully(stream, bytes) < headerLength) throw new FaceCompatException($"{name}: truncated .npy header.");
        // Stryker disable once Conditional,Equality : UTF-8 and Latin-1 read ASCII alike, and a header that parses is ASCII (its keys, dtype and shape)
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes).Trim();
        if (!text.StartsWith('{') || !text.EndsWith('}'))
            throw new FaceCompatException($"{name}: corrupt .npy header (not a dictionary).");

        var descrMatch = DescrPattern.Match(text);
        var fortranMatch = FortranPattern.Match(text);
        var shapeMatch = ShapePattern.Match(text);
        if (!descrMatch.Success || !fortranMatch.Success || !shapeMatch.Success)
            throw new FaceCompatException($"{name}: corrupt .npy header (needs 'descr', 'fortran_order' and 'shape'): {text}");
        if (!descrMatch.Groups[2].Success)
            throw new FaceCompatException($"{name}: structured arrays are not supported; expected float32 or float64.");
        var descr = descrMatch.Groups[2].Value;
        var shape = ParseShape(shapeMatch.Groups[1].Value, name);
        return new NpyHeader(major, descr, fortranMatch.Groups[1].Value == "True", shape, offset + headerLength);
    }

    private static long[] ParseShape(string inside, string name)
    {
        var parts = inside.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].TrimEnd('L');
            if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out shape[i]))
                throw new FaceCompatException($"{name}: corrupt .npy header (shape '{inside}').");
        }
        return shape;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
