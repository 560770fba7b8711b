using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Inference;

/// <summary>
/// Turns interleaved RGB bytes into one image's slice of the input tensor, following the card:
/// layout (NHWC/NCHW), colour order (RGB/BGR) and value = (pixel * scale - mean[c]) / std[c],
/// through a 256-entry lookup table per tensor channel. A Gray card gets one channel,
/// gray = 0.2989 R + 0.5870 G + 0.1140 B (unrounded, @vladmandic/human's weights), then the same formula with channel 0's mean/std.
/// </summary>
public sealed class TensorPreprocessor
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
    }

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
        if (Input.Layout == TensorLayout.Nhwc)
        {
            for (var i = 0; i < count; i++)
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
            for (var i = 0; i < count; i++)
            {
                var p = pixels.Slice(i * 3, 3);
                c0[i] = l0[p[s0]];
                c1[i] = l1[p[s1]];
                c2[i] = l2[p[s2]];
            }
        }
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
