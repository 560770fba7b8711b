using System.Runtime.InteropServices;
using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Embeddings;

/// <summary>Writes 2-D float32 or float64 C-order arrays as .npy (format 1.0), atomically.</summary>
public static class NpyWriter
{
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void WriteFloat32(string path, ReadOnlySpan<float> values, int rows, int cols)
    {
        CheckShape(values.Length, rows, cols);
        var data = values.ToArray();
        AtomicFile.Write(path, stream => WriteFloat32(stream, data, rows, cols));
    }

    public static void WriteFloat32(Stream stream, float[] values, int rows, int cols)
    {
        CheckShape(values.Length, rows, cols);
        WriteHeader(stream, "<f4", rows, cols);
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static void WriteFloat64(string path, ReadOnlySpan<double> values, int rows, int cols)
    {
        CheckShape(values.Length, rows, cols);
        var data = values.ToArray();
        AtomicFile.Write(path, stream => WriteFloat64(stream, data, rows, cols));
    }

    public static void WriteFloat64(Stream stream, double[] values, int rows, int cols)
    {
        CheckShape(values.Length, rows, cols);
        WriteHeader(stream, "<f8", rows, cols);
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Writes a matrix as float64 (the precision maps are fitted and saved in).</summary>
    internal static void WriteMatrix(string path, Matrix matrix) =>
        AtomicFile.Write(path, stream => WriteFloat64(stream, matrix.Data, matrix.Rows, matrix.Cols));

    /// <summary>The header of a float32 array whose rows follow (written by the caller, e.g. block by block).</summary>
    internal static void WriteFloat32Header(Stream stream, int rows, int cols) => WriteHeader(stream, "<f4", rows, cols);

    private static void WriteHeader(Stream stream, string descr, int rows, int cols)
    {
        // Stryker disable once Statement : reached only on a big-endian host: every architecture .NET 10 supports (x64, x86, Arm64, Arm) is little-endian
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Big-endian hosts are not supported.");
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}";
        // Magic (6) + version (2) + header length (2) + header + '\n' is padded to a multiple of 64.
        var total = 10 + header.Length + 1;
        var padded = (total + 63) / 64 * 64;
        header = header + new string(' ', padded - total) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        var length = (ushort)header.Length;
        stream.WriteByte((byte)(length & 0xFF));
        stream.WriteByte((byte)(length >> 8));
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    private static void CheckShape(int length, int rows, int cols)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != length)
            throw new ArgumentException($"Expected {rows}x{cols} values, got {length}.");
    }
}
