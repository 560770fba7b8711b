namespace FaceCompat.Imaging;

/// <summary>
/// Deterministic resizing in managed code: separable bilinear (triangle) filter with half-pixel
/// centres, the same as Pillow's <c>Image.resize(..., BILINEAR)</c>. Upscaling is plain bilinear
/// interpolation with edge clamping; when downscaling, the filter support widens by the scale factor
/// so every source pixel contributes (an antialiased area-like average instead of aliasing).
/// Results are rounded to the nearest byte; the same input always gives the same bytes.
/// </summary>
public static class ImageResizer
{
    public static RgbImage Resize(RgbImage source, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Target size must be positive.");
        if (source.Width == width && source.Height == height) return new RgbImage(width, height, (byte[])source.Pixels.Clone());

        var horizontal = FilterWeights.Create(source.Width, width);
        var vertical = FilterWeights.Create(source.Height, height);

        // Pass 1: horizontal, source rows -> width columns, kept in float.
        var temp = new float[source.Height * width * 3];
        var src = source.Pixels;
        for (var y = 0; y < source.Height; y++)
        {
            var srcRow = y * source.Width * 3;
            var dstRow = y * width * 3;
            for (var x = 0; x < width; x++)
            {
                var start = horizontal.Start[x];
                var count = horizontal.Count[x];
                var w = horizontal.Offset[x];
                float r = 0, g = 0, b = 0;
                var p = srcRow + start * 3;
                for (var k = 0; k < count; k++, p += 3)
                {
                    var wk = horizontal.Weights[w + k];
                    r += src[p] * wk;
                    g += src[p + 1] * wk;
                    b += src[p + 2] * wk;
                }
                var d = dstRow + x * 3;
                temp[d] = r;
                temp[d + 1] = g;
                temp[d + 2] = b;
            }
        }

        // Pass 2: vertical, rows -> height rows, rounded and clamped to bytes.
        var output = new byte[width * height * 3];
        var rowLength = width * 3;
        var acc = new float[rowLength];
        for (var y = 0; y < height; y++)
        {
            Array.Clear(acc);
            var start = vertical.Start[y];
            var count = vertical.Count[y];
            var w = vertical.Offset[y];
            for (var k = 0; k < count; k++)
            {
                var wk = vertical.Weights[w + k];
                var row = temp.AsSpan((start + k) * rowLength, rowLength);
                for (var i = 0; i < rowLength; i++) acc[i] += row[i] * wk;
            }
            var dst = output.AsSpan(y * rowLength, rowLength);
            for (var i = 0; i < rowLength; i++) dst[i] = ToByte(acc[i]);
        }
        return new RgbImage(width, height, output);
    }

    private static byte ToByte(float value)
    {
        var rounded = MathF.Round(value, MidpointRounding.AwayFromZero);
        return rounded <= 0 ? (byte)0 : rounded >= 255 ? (byte)255 : (byte)rounded;
    }

    /// <summary>Per output coordinate: the first source index, the tap count and normalised weights.</summary>
    private sealed class FilterWeights
    {
        public required int[] Start { get; init; }
        public required int[] Count { get; init; }
        public required int[] Offset { get; init; }
        public required float[] Weights { get; init; }

        public static FilterWeights Create(int sourceLength, int targetLength)
        {
            var scale = (double)sourceLength / targetLength;
            var filterScale = Math.Max(scale, 1.0);
            var support = 1.0 * filterScale; // triangle filter has support 1
            var maxTaps = (int)Math.Ceiling(support) * 2 + 1;
            var start = new int[targetLength];
            var count = new int[targetLength];
            var offset = new int[targetLength];
            var weights = new float[targetLength * maxTaps];
            var tmp = new double[maxTaps];
            for (var i = 0; i < targetLength; i++)
            {
                var centre = (i + 0.5) * scale;
                var min = Math.Max((int)(centre - support + 0.5), 0);
                var max = Math.Min((int)(centre + support + 0.5), sourceLength);
                var n = max - min;
                double total = 0;
                for (var k = 0; k < n; k++)
                {
                    var distance = Math.Abs((k + min - centre + 0.5) / filterScale);
                    var wk = distance < 1.0 ? 1.0 - distance : 0.0;
                    tmp[k] = wk;
                    total += wk;
                }
                start[i] = min;
                count[i] = n;
                offset[i] = i * maxTaps;
                for (var k = 0; k < n; k++) weights[i * maxTaps + k] = total > 0 ? (float)(tmp[k] / total) : 0f;
            }
            return new FilterWeights { Start = start, Count = count, Offset = offset, Weights = weights };
        }
    }
}
