using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FaceCompat.Imaging;

/// <summary>
/// Deterministic resizing in managed code: separable bilinear (triangle) filter with half-pixel
/// centres, the same as Pillow's <c>Image.resize(..., BILINEAR)</c>. Upscaling is plain bilinear
/// interpolation with edge clamping; when downscaling, the filter support widens by the scale factor
/// so every source pixel contributes (an antialiased area-like average instead of aliasing).
/// Results are rounded to the nearest byte; the same input always gives the same bytes.
/// </summary>
internal static class ImageResizer
{
    public static RgbImage Resize(RgbImage source, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Target size must be positive.");
        if (source.Width == width && source.Height == height) return new RgbImage(width, height, (byte[])source.Pixels.Clone());

        var horizontal = FilterWeights.Create(source.Width, width);
        var vertical = FilterWeights.Create(source.Height, height);
        var sourceRow = source.Width * 3;
        var pool = ArrayPool<float>.Shared;
        var floats = pool.Rent(source.Pixels.Length);
        var columns = pool.Rent(height * sourceRow + 1); // +1: the horizontal pass loads 4 floats for a 3-channel pixel
        var row = pool.Rent(width * 3 + 1); // +1: and stores 4
        try
        {
            TensorPrimitives.ConvertTruncating<byte, float>(source.Pixels, floats.AsSpan(0, source.Pixels.Length));

            // Pass 1: vertical, whole rows at a time (SIMD): source rows -> target rows at source width.
            for (var y = 0; y < height; y++)
            {
                var dst = columns.AsSpan(y * sourceRow, sourceRow);
                var start = vertical.Start[y];
                var offset = vertical.Offset[y];
                TensorPrimitives.Multiply(floats.AsSpan(start * sourceRow, sourceRow), vertical.Weights[offset], dst);
                for (var k = 1; k < vertical.Count[y]; k++)
                    TensorPrimitives.MultiplyAdd(floats.AsSpan((start + k) * sourceRow, sourceRow), vertical.Weights[offset + k], dst, dst);
            }

            // Pass 2: horizontal, per pixel, into a float row, then rounded and clamped to bytes (SIMD). The
            // three channels go in the lanes of one vector (the fourth lane carries the next pixel's red and
            // is overwritten by the next pixel's store); each lane does exactly the scalar sum
            // 0 + t0*w0 + t1*w1 + ... in the same order, so the bytes are the same as channel by channel.
            var output = new byte[width * height * 3];
            var hStart = horizontal.Start;
            var hCount = horizontal.Count;
            var hOffset = horizontal.Offset;
            var hWeights = horizontal.Weights;
            // Unchecked loads: FilterWeights keeps start + count within the source width, and the buffers
            // have the one float of slack the 4-lane loads and stores need.
            ref var all = ref MemoryMarshal.GetArrayDataReference(columns);
            ref var sums = ref MemoryMarshal.GetArrayDataReference(row);
            ref var taps = ref MemoryMarshal.GetArrayDataReference(hWeights);
            for (var y = 0; y < height; y++)
            {
                var rowStart = y * sourceRow;
                for (var x = 0; x < width; x++)
                {
                    var count = hCount[x];
                    var offset = hOffset[x];
                    var at = rowStart + hStart[x] * 3;
                    var sum = Vector128<float>.Zero;
                    for (var k = 0; k < count; k++)
                        sum += Vector128.LoadUnsafe(ref all, (nuint)(at + 3 * k)) * Vector128.Create(Unsafe.Add(ref taps, offset + k));
                    sum.StoreUnsafe(ref sums, (nuint)(3 * x));
                }
                ToBytes(row.AsSpan(0, width * 3), output.AsSpan(y * width * 3, width * 3));
            }
            return new RgbImage(width, height, output);
        }
        finally
        {
            pool.Return(floats);
            pool.Return(columns);
            pool.Return(row);
        }
    }

    /// <summary>
    /// <see cref="ToByte"/> of every value, 16 at a time: round half away from zero as
    /// t = trunc(v), t + (v - t >= 0.5 ? 1 : 0) (v - t is exact), then clamp to [0, 255]. This equals
    /// <see cref="ToByte"/> for every float (checked for all floats from -2 to 300; outside, both clamp).
    /// </summary>
    internal static void ToBytes(ReadOnlySpan<float> values, Span<byte> bytes)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 16 <= values.Length; i += 16)
            {
                var a = Vector128.ConvertToInt32(RoundClamp(Vector128.Create(values.Slice(i, 4))));
                var b = Vector128.ConvertToInt32(RoundClamp(Vector128.Create(values.Slice(i + 4, 4))));
                var c = Vector128.ConvertToInt32(RoundClamp(Vector128.Create(values.Slice(i + 8, 4))));
                var d = Vector128.ConvertToInt32(RoundClamp(Vector128.Create(values.Slice(i + 12, 4))));
                var low = Vector128.Narrow(a, b);
                var high = Vector128.Narrow(c, d);
                Vector128.Narrow(low.AsUInt16(), high.AsUInt16()).CopyTo(bytes.Slice(i, 16));
            }
        }
        for (; i < values.Length; i++) bytes[i] = ToByte(values[i]);
    }

    private static Vector128<float> RoundClamp(Vector128<float> v)
    {
        var t = Vector128.Truncate(v);
        var up = Vector128.GreaterThanOrEqual(v - t, Vector128.Create(0.5f));
        var rounded = t + (Vector128.Create(1f) & up);
        return Vector128.Min(Vector128.Max(rounded, Vector128<float>.Zero), Vector128.Create(255f));
    }

    internal static byte ToByte(float value)
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
