using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FaceCompat.Embeddings;

/// <summary>
/// Reads a 2-D float32/float64 .npy file (as <see cref="NpyReader"/> accepts) a block of rows at a time, as float32,
/// so a file of any number of rows is read in the memory of one block.
/// </summary>
internal sealed class NpyRowReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly NpyHeader _header;
    private readonly string _path;
    private byte[] _wide = [];

    private NpyRowReader(string path)
    {
        _path = path;
        _stream = NpyReader.Open(path);
        try
        {
            _header = NpyReader.ReadMatrixHeader(_stream, path, out var rows, out var cols, whole: false);
            Rows = rows;
            Cols = cols;
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    public static NpyRowReader Open(string path) => new(path);

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>Rows read so far (the index of the next row).</summary>
    public int Position { get; private set; }

    /// <summary>Reads the next rows into <paramref name="destination"/> (whole rows, as many as fit and remain); returns how many.</summary>
    public int Read(Span<float> destination)
    {
        var count = Math.Min(destination.Length / Math.Max(1, Cols), Rows - Position);
        var values = destination[..(count * Cols)];
        if (_header.ItemSize == 4)
        {
            NpyReader.ReadData(_stream, MemoryMarshal.AsBytes(values), _path);
            if (_header.BigEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(values), MemoryMarshal.Cast<float, int>(values));
        }
        else
        {
            if (_wide.Length < values.Length * 8) _wide = new byte[values.Length * 8];
            var wide = MemoryMarshal.Cast<byte, double>(_wide.AsSpan(0, values.Length * 8));
            NpyReader.ReadData(_stream, MemoryMarshal.AsBytes(wide), _path);
            if (_header.BigEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<double, long>(wide), MemoryMarshal.Cast<double, long>(wide));
            for (var i = 0; i < values.Length; i++) values[i] = (float)wide[i];
        }
        Position += count;
        return count;
    }

    public void Dispose() => _stream.Dispose();
}
