using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Embeddings;

/// <summary>
/// Reads 2-D float32/float64 C-order arrays from <c>.npy</c> files (format versions 1-3, little- or
/// big-endian). Anything else (Fortran order, integer, bool, object or structured arrays, other
/// ranks, truncated or padded data) is refused with a <see cref="FaceCompatException"/> naming the file.
/// </summary>
public static class NpyReader
{
    /// <summary>The array as row-major float32 (float64 files are narrowed).</summary>
    public static float[] ReadFloat32(string path, out int rows, out int cols)
    {
        using var stream = Open(path);
        var header = ReadMatrixHeader(stream, path, out rows, out cols);
        var values = LargeArrays.Zeroed<float>((long)rows * cols);
        if (header.ItemSize == 4)
        {
            ReadData(stream, MemoryMarshal.AsBytes(values.AsSpan()), path);
            if (header.BigEndian) ReverseEndianness(MemoryMarshal.Cast<float, int>(values.AsSpan()));
        }
        else
        {
            var wide = ReadDoubles(stream, header, values.Length, path);
            for (var i = 0; i < values.Length; i++) values[i] = (float)wide[i];
        }
        return values;
    }

    /// <summary>The array as a float64 matrix (float32 files are widened).</summary>
    internal static Matrix ReadMatrix(string path)
    {
        using var stream = Open(path);
        var header = ReadMatrixHeader(stream, path, out var rows, out var cols);
        double[] values;
        if (header.ItemSize == 8) values = ReadDoubles(stream, header, (long)rows * cols, path);
        else
        {
            var narrow = new float[(long)rows * cols];
            ReadData(stream, MemoryMarshal.AsBytes(narrow.AsSpan()), path);
            if (header.BigEndian) ReverseEndianness(MemoryMarshal.Cast<float, int>(narrow.AsSpan()));
            values = new double[narrow.Length];
            for (var i = 0; i < values.Length; i++) values[i] = narrow[i];
        }
        return new Matrix(rows, cols, values);
    }

    /// <summary>Reads only the header (dtype, order, shape) without checking it is a supported matrix.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var stream = Open(path);
        return NpyHeader.Read(stream, path);
    }

    internal static FileStream Open(string path)
    {
        try
        {
            // Stryker disable once Bitwise : the read buffer's size (0 reads unbuffered)
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceCompatException($"{path}: cannot open ({ex.Message}).", ex);
        }
    }

    /// <param name="whole">Whether the caller reads the whole array into one .NET array (then it must fit one); a reader of
    /// row blocks (<see cref="NpyRowReader"/>) takes any number of rows.</param>
    internal static NpyHeader ReadMatrixHeader(FileStream stream, string path, out int rows, out int cols, bool whole = true)
    {
        var header = NpyHeader.Read(stream, path);
        if (header.Descr is not ("<f4" or "<f8" or ">f4" or ">f8"))
        {
            var kind = header.Descr.Length > 1 ? header.Descr[1] : '?';
            var what = kind switch
            {
                'O' => "object arrays are not supported",
                'i' or 'u' => "integer arrays are not supported",
                'b' => "bool arrays are not supported",
                _ => $"dtype '{header.Descr}' is not supported",
            };
            throw new FaceCompatException($"{path}: {what}; expected float32 ('<f4') or float64 ('<f8').");
        }
        if (header.FortranOrder)
            throw new FaceCompatException($"{path}: Fortran-order arrays are not supported; save with numpy.ascontiguousarray first.");
        if (header.Shape.Length != 2)
            throw new FaceCompatException($"{path}: expected a 2-D array (rows x dimension), got shape ({string.Join(", ", header.Shape)}).");
        if (header.Shape[0] > int.MaxValue || header.Shape[1] > int.MaxValue || (whole && header.Shape[0] * header.Shape[1] * header.ItemSize > int.MaxValue))
            throw new FaceCompatException($"{path}: array of shape ({header.Shape[0]}, {header.Shape[1]}) is too large.");
        rows = (int)header.Shape[0];
        cols = (int)header.Shape[1];
        var expected = header.DataOffset + header.ElementCount * header.ItemSize;
        if (stream.Length < expected)
            throw new FaceCompatException($"{path}: truncated: shape ({rows}, {cols}) needs {expected} bytes, the file has {stream.Length}.");
        if (stream.Length > expected)
            throw new FaceCompatException($"{path}: corrupt: {stream.Length - expected} unexpected bytes after the ({rows}, {cols}) array.");
        return header;
    }

    private static double[] ReadDoubles(Stream stream, NpyHeader header, long count, string path)
    {
        var values = new double[count];
        ReadData(stream, MemoryMarshal.AsBytes(values.AsSpan()), path);
        if (header.BigEndian) ReverseEndianness(MemoryMarshal.Cast<double, long>(values.AsSpan()));
        return values;
    }

    internal static void ReadData(Stream stream, Span<byte> destination, string path)
    {
        // Stryker disable once Statement : reached only on a big-endian host: every architecture .NET 10 supports (x64, x86, Arm64, Arm) is little-endian
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Big-endian hosts are not supported.");
        while (destination.Length > 0)
        {
            var n = stream.Read(destination);
            if (n == 0) throw new FaceCompatException($"{path}: truncated .npy data.");
            destination = destination[n..];
        }
    }

    private static void ReverseEndianness(Span<int> values) => BinaryPrimitives.ReverseEndianness(values, values);

    private static void ReverseEndianness(Span<long> values) => BinaryPrimitives.ReverseEndianness(values, values);
}
