using FaceCompat.Embeddings;

namespace FaceCompat.Tests.Embeddings;

public class NpyWriterTests
{
    [Fact]
    public void HeaderIsAlignedAndDataFollowsInCOrder()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fc-npy-").FullName, "x.npy");
        NpyWriter.WriteFloat32(path, new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, bytes[..6]);
        var headerLength = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'shape': (2, 3)", header);
        Assert.Contains("'descr': '<f4'", header);
        var data = new float[6];
        Buffer.BlockCopy(bytes, 10 + headerLength, data, 0, 24);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, data);
    }
}
