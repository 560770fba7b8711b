using System.Text;
using FaceCompat.Infrastructure;

namespace FaceCompat.Embeddings;

/// <summary>Writes 2-D float32 C-order arrays as .npy (format 1.0), atomically.</summary>
public static class NpyWriter
{
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void WriteFloat32(string path, ReadOnlySpan<float> values, int rows, int cols)
    {
        if ((long)rows * cols != values.Length)
            throw new ArgumentException($"Expected {rows}x{cols} values, got {values.Length}.", nameof(values));
        var data = values.ToArray();
        AtomicFile.Write(path, stream => WriteFloat32(stream, data, rows, cols));
    }

    public static void WriteFloat32(Stream stream, float[] values, int rows, int cols)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {cols}), }}";
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
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Big-endian hosts are not supported.");
        stream.Write(bytes);
    }
}
