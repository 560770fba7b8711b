using System.Text;
using System.Text.RegularExpressions;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies.Interim;

/// <summary>
/// Reads a 2-D little-endian float32/float64 C-order .npy (format 1-3) as float32. Stand-in for the
/// Embeddings reader until it lands; refuses anything else with a clear message.
/// </summary>
internal static partial class NpyMatrixReader
{
    public static (float[] Values, int Rows, int Cols) Read(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"{path} does not exist.");
        using var stream = File.OpenRead(path);
        var head = new byte[10];
        if (stream.Read(head, 0, 10) < 10 || head[0] != 0x93 || Encoding.ASCII.GetString(head, 1, 5) != "NUMPY")
            throw new FaceCompatException($"{path} is not a .npy file (bad magic).");
        int major = head[6];
        int headerLength;
        if (major == 1) headerLength = head[8] | head[9] << 8;
        else if (major is 2 or 3)
        {
            var more = new byte[2];
            if (stream.Read(more, 0, 2) < 2) throw new FaceCompatException($"{path} is truncated in its header.");
            headerLength = head[8] | head[9] << 8 | more[0] << 16 | more[1] << 24;
        }
        else throw new FaceCompatException($"{path}: unsupported .npy format version {major}.");
        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerLength, throwOnEndOfStream: false) < headerLength)
            throw new FaceCompatException($"{path} is truncated in its header.");
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success) throw new FaceCompatException($"{path} has a corrupt .npy header.");
        if (fortran.Groups[1].Value == "True") throw new FaceCompatException($"{path} is in Fortran order; save it in C order (numpy.ascontiguousarray).");
        var size = descr.Groups[1].Value switch
        {
            "<f4" => 4,
            "<f8" => 8,
            var d => throw new FaceCompatException($"{path} holds dtype {d}; only little-endian float32 or float64 embeddings are read."),
        };
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 2 || !int.TryParse(dims[0], out var rows) || !int.TryParse(dims[1], out var cols) || rows < 0 || cols <= 0)
            throw new FaceCompatException($"{path} must hold a 2-D array (rows x dimension), not shape ({shape.Groups[1].Value}).");
        var expected = (long)rows * cols * size;
        var remaining = stream.Length - stream.Position;
        if (remaining < expected)
            throw new FaceCompatException($"{path} is truncated: {rows}x{cols} needs {expected} data bytes, the file has {remaining}.");
        var bytes = new byte[expected];
        stream.ReadExactly(bytes);
        var values = new float[(long)rows * cols];
        if (size == 4) Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        else
        {
            var doubles = new double[values.Length];
            Buffer.BlockCopy(bytes, 0, doubles, 0, bytes.Length);
            for (var i = 0; i < values.Length; i++) values[i] = (float)doubles[i];
        }
        return (values, rows, cols);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
