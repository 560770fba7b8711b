using FaceCompat.Imaging;

namespace FaceCompat.Tests.Imaging;

/// <summary>
/// The resizer's horizontal pass works on the three channels at once (SIMD); it must give exactly the
/// bytes of the channel-by-channel float arithmetic it replaced (embeddings extracted before the change
/// stay reproducible). The oracle below is that scalar implementation, kept only as a test reference.
/// </summary>
public class ResizerScalarReferenceTests
{
    [Theory]
    [InlineData(150, 150, 112, 112)]
    [InlineData(150, 150, 224, 224)]
    [InlineData(150, 150, 64, 64)]
    [InlineData(250, 250, 160, 160)]
    [InlineData(37, 91, 20, 130)]
    [InlineData(5, 3, 17, 2)]
    [InlineData(1, 1, 3, 3)]
    public void Bytes_equal_the_scalar_arithmetic(int sourceWidth, int sourceHeight, int width, int height)
    {
        var pixels = new byte[sourceWidth * sourceHeight * 3];
        new Random(sourceWidth * 1000 + width).NextBytes(pixels);
        var source = new RgbImage(sourceWidth, sourceHeight, pixels);
        Assert.Equal(ScalarResize(source, width, height), ImageResizer.Resize(source, width, height).Pixels);
    }

    [Fact]
    public void Vector_rounding_equals_scalar_rounding_at_every_half_and_its_neighbours()
    {
        // Every k + 0.5 from -3.5 to 300.5 with the floats just below and above it, both sides of every
        // integer, and a sweep of random values: the SIMD path (16 at a time) against the scalar one.
        var values = new List<float> { 0.49999997f, -0.49999997f, -0f, 0f, float.Epsilon, -float.Epsilon, 1e9f, -1e9f };
        for (var k = -4; k <= 300; k++)
        {
            foreach (var centre in new[] { k + 0.5f, (float)k })
                values.AddRange([MathF.BitDecrement(centre), centre, MathF.BitIncrement(centre)]);
        }
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++) values.Add((float)(random.NextDouble() * 270 - 5));
        while (values.Count % 16 != 0) values.Add(values.Count);
        var input = values.ToArray();
        var vector = new byte[input.Length];
        ImageResizer.ToBytes(input, vector);
        var scalar = input.Select(ImageResizer.ToByte).ToArray();
        var rounded = input.Select(v => MathF.Round(v, MidpointRounding.AwayFromZero)).Select(r => r <= 0 ? (byte)0 : r >= 255 ? (byte)255 : (byte)r).ToArray();
        Assert.Equal(rounded, scalar);
        Assert.Equal(scalar, vector);
    }

    private static byte[] ScalarResize(RgbImage source, int width, int height)
    {
        var (hs, hc, hw) = Weights(source.Width, width);
        var (vs, vc, vw) = Weights(source.Height, height);
        var sourceRow = source.Width * 3;
        var columns = new float[height * sourceRow];
        for (var y = 0; y < height; y++)
        for (var i = 0; i < sourceRow; i++)
        {
            var v = source.Pixels[vs[y] * sourceRow + i] * vw[y][0];
            for (var k = 1; k < vc[y]; k++) v = source.Pixels[(vs[y] + k) * sourceRow + i] * vw[y][k] + v;
            columns[y * sourceRow + i] = v;
        }
        var output = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        for (var c = 0; c < 3; c++)
        {
            float sum = 0;
            for (var k = 0; k < hc[x]; k++) sum += columns[y * sourceRow + (hs[x] + k) * 3 + c] * hw[x][k];
            var rounded = MathF.Round(sum, MidpointRounding.AwayFromZero);
            output[(y * width + x) * 3 + c] = rounded <= 0 ? (byte)0 : rounded >= 255 ? (byte)255 : (byte)rounded;
        }
        return output;
    }

    private static (int[] Start, int[] Count, float[][] Weights) Weights(int sourceLength, int targetLength)
    {
        var scale = (double)sourceLength / targetLength;
        var filterScale = Math.Max(scale, 1.0);
        var support = filterScale;
        var start = new int[targetLength];
        var count = new int[targetLength];
        var weights = new float[targetLength][];
        for (var i = 0; i < targetLength; i++)
        {
            var centre = (i + 0.5) * scale;
            var min = Math.Max((int)(centre - support + 0.5), 0);
            var max = Math.Min((int)(centre + support + 0.5), sourceLength);
            var raw = new double[max - min];
            double total = 0;
            for (var k = 0; k < raw.Length; k++)
            {
                var distance = Math.Abs((k + min - centre + 0.5) / filterScale);
                raw[k] = distance < 1.0 ? 1.0 - distance : 0.0;
                total += raw[k];
            }
            start[i] = min;
            count[i] = raw.Length;
            weights[i] = raw.Select(w => total > 0 ? (float)(w / total) : 0f).ToArray();
        }
        return (start, count, weights);
    }
}
