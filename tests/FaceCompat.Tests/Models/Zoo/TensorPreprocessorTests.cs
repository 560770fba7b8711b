using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Tests.Models.Zoo;

/// <summary>
/// The tensor fill (SIMD for colour inputs) gives exactly value = (p * scale - mean[c]) / std[c] in
/// float, at the right place for every layout and colour order, including the pixels after the last
/// whole group of four.
/// </summary>
public class TensorPreprocessorTests
{
    public static TheoryData<TensorLayout, ColourOrder, int, int> Cases()
    {
        var data = new TheoryData<TensorLayout, ColourOrder, int, int>();
        foreach (var layout in new[] { TensorLayout.Nhwc, TensorLayout.Nchw })
        foreach (var colour in new[] { ColourOrder.Rgb, ColourOrder.Bgr, ColourOrder.Gray })
        foreach (var (w, h) in new[] { (112, 112), (7, 5), (1, 1), (3, 2), (150, 150) })
            data.Add(layout, colour, w, h);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_value_is_the_formula_at_its_tensor_position(TensorLayout layout, ColourOrder colour, int width, int height)
    {
        var input = new ModelInput
        {
            Name = "x", Width = width, Height = height, Layout = layout, Colour = colour,
            Scale = 0.0078125f, Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f],
        };
        var pixels = new byte[width * height * 3];
        new Random(width * 7 + height).NextBytes(pixels);
        for (var i = 0; i < Math.Min(pixels.Length, 256); i++) pixels[i] = (byte)i; // every byte value appears
        var preprocessor = new TensorPreprocessor(input);
        var tensor = new float[preprocessor.ValuesPerImage];
        preprocessor.Fill(new RgbImage(width, height, pixels), tensor);

        int[] source = colour == ColourOrder.Bgr ? [2, 1, 0] : [0, 1, 2];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var p = (y * width + x) * 3;
            if (colour == ColourOrder.Gray)
            {
                var gray = 0.2989f * pixels[p] + 0.5870f * pixels[p + 1] + 0.1140f * pixels[p + 2];
                Assert.Equal((gray * input.Scale - input.Mean[0]) * (1f / input.Std[0]), tensor[y * width + x]);
                continue;
            }
            for (var c = 0; c < 3; c++)
            {
                var expected = (pixels[p + source[c]] * input.Scale - input.Mean[c]) / input.Std[c];
                var at = layout == TensorLayout.Nhwc ? p + c : c * width * height + y * width + x;
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(tensor[at]));
            }
        }
    }
}
