using System.Text;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Embeddings;

public class NpyReaderTests
{
    private static string TempFile(string name = "x.npy") =>
        Path.Combine(Directory.CreateTempSubdirectory("fc-npyr-").FullName, name);

    /// <summary>
    /// Builds a .npy by hand so headers numpy could write (other versions, orders, dtypes) can be tested: the header
    /// text padded with spaces to a multiple of 64 bytes with the prefix, or to <paramref name="headerLength"/> bytes.
    /// </summary>
    internal static string WriteRaw(string header, byte[] data, int major = 1, int? headerLength = null)
    {
        var prefixLength = major == 1 ? 10 : 12;
        var length = headerLength ?? (prefixLength + header.Length + 1 + 63) / 64 * 64 - prefixLength;
        var text = header + new string(' ', length - header.Length - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        var len = text.Length;
        bytes.Add((byte)len);
        bytes.Add((byte)(len >> 8));
        if (major > 1) { bytes.Add((byte)(len >> 16)); bytes.Add((byte)(len >> 24)); }
        bytes.AddRange(Encoding.ASCII.GetBytes(text));
        bytes.AddRange(data);
        var path = TempFile();
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    private static byte[] Floats(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();
    private static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void Float32RoundTrips()
    {
        var path = TempFile();
        NpyWriter.WriteFloat32(path, new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var values = NpyReader.ReadFloat32(path, out var rows, out var cols);
        Assert.Equal((2, 3), (rows, cols));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, values);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, NpyReader.ReadMatrix(path).Data);
    }

    [Fact]
    public void Float64RoundTripsExactly()
    {
        var path = TempFile();
        var data = new[] { Math.PI, -1e-300, 2.5, 1.0 / 3 };
        NpyWriter.WriteFloat64(path, data, 2, 2);
        var m = NpyReader.ReadMatrix(path);
        Assert.Equal((2, 2), (m.Rows, m.Cols));
        Assert.Equal(data, m.Data);
        Assert.Equal(new[] { (float)Math.PI, (float)-1e-300, 2.5f, 1f / 3 }, NpyReader.ReadFloat32(path, out _, out _));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Versions2And3AreRead(int major)
    {
        var path = WriteRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", Floats(7, 8), major);
        Assert.Equal(new float[] { 7, 8 }, NpyReader.ReadFloat32(path, out _, out _));
    }

    [Fact]
    public void BigEndianIsConverted()
    {
        var be = Doubles(1.5, -2).Chunk(8).SelectMany(c => c.Reverse()).ToArray();
        var path = WriteRaw("{'descr': '>f8', 'fortran_order': False, 'shape': (2, 1), }", be);
        Assert.Equal(new[] { 1.5, -2 }, NpyReader.ReadMatrix(path).Data);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", "Fortran-order")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }", "integer arrays")]
    [InlineData("{'descr': '|b1', 'fortran_order': False, 'shape': (1, 8), }", "bool arrays")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (1, 1), }", "object arrays")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (1, 1), }", "dtype '<c8' is not supported")]
    [InlineData("{'descr': 'x', 'fortran_order': False, 'shape': (1, 1), }", "dtype 'x' is not supported")]
    [InlineData("{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (1,), }", "structured")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2), }", "2-D")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", "2-D")]
    public void UnsupportedArraysAreRefusedNamingFileAndReason(string header, string reason)
    {
        var path = WriteRaw(header, Floats(1, 2));
        var ex = Assert.Throws<FaceCompatException>(() => NpyReader.ReadFloat32(path, out _, out _));
        Assert.Contains(path, ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void TruncatedDataIsRefused()
    {
        var path = TempFile();
        NpyWriter.WriteFloat32(path, new float[] { 1, 2, 3, 4 }, 2, 2);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        var ex = Assert.Throws<FaceCompatException>(() => NpyReader.ReadMatrix(path));
        Assert.Contains("truncated: shape (2, 2) needs", ex.Message); // found from the size, before reading
    }

    [Fact]
    public void TrailingBytesAreRefused()
    {
        var path = WriteRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", Floats(1, 2));
        Assert.Contains("4 unexpected bytes after the (1, 1) array", Assert.Throws<FaceCompatException>(() => NpyReader.ReadMatrix(path)).Message);
    }

    [Theory]
    [InlineData(1, 320)]          // the length's second byte is used
    [InlineData(2, 70_016)]       // and the third
    [InlineData(2, 1 << 20)]      // the largest header accepted
    public void LongHeadersAreRead(int major, int headerLength)
    {
        var values = NpyReader.ReadFloat32(WriteRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", Floats(1.5f, -2), major, headerLength),
            out var rows, out var cols);
        Assert.Equal((1, 2, 1.5f, -2f), (rows, cols, values[0], values[1]));
    }

    [Fact]
    public void HeaderLengthsOutsideOneByteToOneMebibyteAndShortFilesAreRefused()
    {
        string Refusal(byte[] bytes)
        {
            var path = TempFile();
            File.WriteAllBytes(path, bytes);
            return Assert.Throws<FaceCompatException>(() => NpyReader.ReadFloat32(path, out _, out _)).Message;
        }
        byte[] magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        Assert.Contains("not a .npy file", Refusal([.. magic, 1, 0])); // the magic, but no header length
        Assert.Contains("not a .npy file", Refusal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
        Assert.Contains("corrupt .npy header (length 0)", Refusal([.. magic, 1, 0, 0, 0, (byte)'{']));
        Assert.Contains("corrupt .npy header (length 16777216)", Refusal([.. magic, 2, 0, 0, 0, 0, 1, (byte)'{']));
        Assert.Contains("corrupt .npy header (length 1048577)", Refusal([.. magic, 2, 0, 1, 0, 16, 0, (byte)'{']));
        Assert.Contains("truncated .npy header", Refusal([.. magic, 2, 0, 10, 0]));
        Assert.Contains("truncated .npy header", Refusal([.. magic, 1, 0, 200, 0, (byte)'{', (byte)' ']));
        Assert.Contains("not a dictionary", Refusal([.. magic, 1, 0, 4, 0, (byte)'{', (byte)'a', (byte)'b', (byte)'\n']));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 200, 0, (byte)'{' })]
    public void CorruptHeadersAreRefused(byte[] bytes)
    {
        var path = TempFile();
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<FaceCompatException>(() => NpyReader.ReadFloat32(path, out _, out _));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void MissingFileIsAUserError()
    {
        Assert.Throws<FaceCompatException>(() => NpyReader.ReadMatrix("/nonexistent/x.npy"));
    }
}
