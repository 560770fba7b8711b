using System.Runtime.Intrinsics;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Inference;

/// <summary>
/// Turns interleaved RGB bytes into one image's slice of the input tensor, following the card:
/// layout (NHWC/NCHW), colour order (RGB/BGR) and value = (pixel * scale - mean[c]) / std[c],
/// through a 256-entry lookup table per tensor channel. A Gray card gets one channel,
/// gray = 0.2989 R + 0.5870 G + 0.1140 B (unrounded, @vladmandic/human's weights), then the same formula with channel 0's mean/std.
/// Colour inputs go four pixels at a time through SIMD (byte shuffle for the layout and colour order,
/// then the same float operations in the same order as the table), which gives the table's exact values.
/// </summary>
internal sealed class TensorPreprocessor
{
    private readonly float[][] _lut = new float[3][];
    private readonly int[] _sourceChannel;

    public TensorPreprocessor(ModelInput input)
    {
        Input = input;
        _sourceChannel = input.Colour == ColourOrder.Bgr ? [2, 1, 0] : [0, 1, 2];
        for (var c = 0; c < 3; c++)
        {
            var table = new float[256];
            for (var p = 0; p < 256; p++) table[p] = (p * input.Scale - input.Mean[c]) / input.Std[c];
            _lut[c] = table;
        }
        if (input.Colour == ColourOrder.Gray) return;
        // 4 pixels = 12 bytes per step. The shuffle puts the bytes in tensor order: NHWC keeps pixels
        // interleaved (swapping R and B for BGR), NCHW gathers the 4 values of each tensor channel.
        var order = new byte[16];
        for (var k = 0; k < 12; k++)
        {
            int pixel, channel;
            if (input.Layout == TensorLayout.Nhwc) (pixel, channel) = (k / 3, k % 3);
            else (pixel, channel) = (k % 4, k / 4);
            order[k] = (byte)(pixel * 3 + _sourceChannel[channel]);
        }
        for (var k = 12; k < 16; k++) order[k] = 0;
        _shuffle = Vector128.Create(order);
        for (var v = 0; v < 3; v++)
        {
            var mean = new float[4];
            var std = new float[4];
            for (var lane = 0; lane < 4; lane++)
            {
                var k = v * 4 + lane;
                var channel = input.Layout == TensorLayout.Nhwc ? k % 3 : v;
                mean[lane] = input.Mean[channel];
                std[lane] = input.Std[channel];
            }
            _mean[v] = Vector128.Create(mean);
            _std[v] = Vector128.Create(std);
        }
    }

    private readonly Vector128<byte> _shuffle;
    private readonly Vector128<float>[] _mean = new Vector128<float>[3];
    private readonly Vector128<float>[] _std = new Vector128<float>[3];

    public ModelInput Input { get; }
    public int ValuesPerImage => Input.Width * Input.Height * Input.Channels;

    private const float GrayR = 0.2989f, GrayG = 0.5870f, GrayB = 0.1140f;

    public void Fill(RgbImage image, Span<float> destination)
    {
        if (image.Width != Input.Width || image.Height != Input.Height)
            throw new FaceCompatException($"Image is {image.Width}x{image.Height}; the model needs {Input.Width}x{Input.Height}.");
        if (destination.Length != ValuesPerImage) throw new ArgumentException("Destination has the wrong size.", nameof(destination));
        ReadOnlySpan<byte> pixels = image.Pixels;
        var count = Input.Width * Input.Height;
        if (Input.Colour == ColourOrder.Gray)
        {
            FillGray(pixels, destination[..count]);
            return;
        }
        ReadOnlySpan<float> l0 = _lut[0], l1 = _lut[1], l2 = _lut[2];
        int s0 = _sourceChannel[0], s1 = _sourceChannel[1], s2 = _sourceChannel[2];
        var start = Vector128.IsHardwareAccelerated ? FillVectorised(pixels, destination, count) : 0;
        if (Input.Layout == TensorLayout.Nhwc)
        {
            for (var i = start; i < count; i++)
            {
                var p = pixels.Slice(i * 3, 3);
                var d = destination.Slice(i * 3, 3);
                d[0] = l0[p[s0]];
                d[1] = l1[p[s1]];
                d[2] = l2[p[s2]];
            }
        }
        else
        {
            var c0 = destination[..count];
            var c1 = destination.Slice(count, count);
            var c2 = destination.Slice(2 * count, count);
            for (var i = start; i < count; i++)
            {
                var p = pixels.Slice(i * 3, 3);
                c0[i] = l0[p[s0]];
                c1[i] = l1[p[s1]];
                c2[i] = l2[p[s2]];
            }
        }
    }

    /// <summary>Fills whole groups of 4 pixels while a 16-byte load stays inside the image; returns the pixels done.</summary>
    private int FillVectorised(ReadOnlySpan<byte> pixels, Span<float> destination, int count)
    {
        var scale = Vector128.Create(Input.Scale);
        var nhwc = Input.Layout == TensorLayout.Nhwc;
        var i = 0;
        for (; i + 4 <= count && i * 3 + 16 <= pixels.Length; i += 4)
        {
            var bytes = Vector128.Shuffle(Vector128.Create(pixels.Slice(i * 3, 16)), _shuffle);
            var (low, high) = Vector128.Widen(bytes);
            var (w0, w1) = Vector128.Widen(low);
            var (w2, _) = Vector128.Widen(high);
            var f0 = (Vector128.ConvertToSingle(w0) * scale - _mean[0]) / _std[0];
            var f1 = (Vector128.ConvertToSingle(w1) * scale - _mean[1]) / _std[1];
            var f2 = (Vector128.ConvertToSingle(w2) * scale - _mean[2]) / _std[2];
            if (nhwc)
            {
                var d = destination.Slice(i * 3, 12);
                f0.CopyTo(d);
                f1.CopyTo(d[4..]);
                f2.CopyTo(d[8..]);
            }
            else
            {
                f0.CopyTo(destination.Slice(i, 4));
                f1.CopyTo(destination.Slice(count + i, 4));
                f2.CopyTo(destination.Slice(2 * count + i, 4));
            }
        }
        return i;
    }

    // One channel: NHWC and NCHW are the same memory order.
    private void FillGray(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        var scale = Input.Scale;
        var mean = Input.Mean[0];
        var invStd = 1f / Input.Std[0];
        for (var i = 0; i < destination.Length; i++)
        {
            var p = pixels.Slice(i * 3, 3);
            var gray = GrayR * p[0] + GrayG * p[1] + GrayB * p[2];
            destination[i] = (gray * scale - mean) * invStd;
        }
    }
}
