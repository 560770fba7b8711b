using System.Text;
using FaceCompat.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Imaging;

public class ImageDecoderTests
{
    private readonly ImageDecoder _decoder = new();

    [Fact]
    public void Png_decodes_to_the_exact_rgb_pixels()
    {
        var image = TestImages.Pattern(40, 33);
        var result = _decoder.Decode(TestImages.Encode(image, SKEncodedImageFormat.Png));
        Assert.True(result.Ok, result.SkipReason);
        Assert.Equal(40, result.Image!.Width);
        Assert.Equal(33, result.Image.Height);
        Assert.Equal(image.Pixels, result.Image.Pixels);
    }

    [Fact]
    public void Jpeg_decodes_close_to_the_source()
    {
        var image = TestImages.Pattern(64, 48);
        var result = _decoder.Decode(TestImages.Encode(image, SKEncodedImageFormat.Jpeg, 100));
        Assert.True(result.Ok, result.SkipReason);
        var meanError = image.Pixels.Zip(result.Image!.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 16, $"mean abs error {meanError}");
    }

    [Fact]
    public void Grayscale_jpeg_becomes_rgb_with_equal_channels()
    {
        var bytes = TestImages.EncodeGray(50, 40, (x, y) => (byte)(x * 5), SKEncodedImageFormat.Jpeg);
        var result = _decoder.Decode(bytes);
        Assert.True(result.Ok, result.SkipReason);
        var px = result.Image!.Pixels;
        for (var i = 0; i < px.Length; i += 3)
        {
            Assert.Equal(px[i], px[i + 1]);
            Assert.Equal(px[i], px[i + 2]);
        }
        Assert.True(px[(10 * 50 + 40) * 3] > px[(10 * 50 + 5) * 3] + 100);
    }

    [Fact]
    public void Binary_and_text_pgm_and_ppm_decode()
    {
        var header = Encoding.ASCII.GetBytes("P5\n# comment\n40 32\n255\n");
        var body = Enumerable.Range(0, 40 * 32).Select(i => (byte)(i % 251)).ToArray();
        var p5 = _decoder.Decode(header.Concat(body).ToArray());
        Assert.True(p5.Ok, p5.SkipReason);
        Assert.Equal(body[77], p5.Image!.Pixels[77 * 3 + 1]);

        var text = new StringBuilder("P3 32 32 15\n");
        for (var i = 0; i < 32 * 32; i++) text.Append("15 0 5 ");
        var p3 = _decoder.Decode(Encoding.ASCII.GetBytes(text.ToString()));
        Assert.True(p3.Ok, p3.SkipReason);
        Assert.Equal(new byte[] { 255, 0, 85 }, p3.Image!.Pixels[..3]);
    }

    [Fact]
    public void Gif_decodes()
    {
        // A 1x1 GIF is below the minimum size; check the format is read by lowering the minimum.
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=");
        var result = new ImageDecoder(minimumSide: 1).Decode(gif);
        Assert.True(result.Ok, result.SkipReason);
        Assert.Equal(new byte[] { 255, 255, 255 }, result.Image!.Pixels);
        Assert.Contains("too small", _decoder.Decode(gif).SkipReason);
    }

    [Fact]
    public void Bad_inputs_give_reasons_not_exceptions()
    {
        var jpeg = TestImages.Encode(TestImages.Pattern(64, 64), SKEncodedImageFormat.Jpeg);
        Assert.Contains("empty", _decoder.Decode([]).SkipReason);
        Assert.Contains("truncated", _decoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2)).SkipReason);
        Assert.Contains("not a recognised image", _decoder.Decode(Encoding.UTF8.GetBytes("hello, I am a text file")).SkipReason);
        Assert.Contains("too small", _decoder.Decode(TestImages.Encode(TestImages.Pattern(20, 64), SKEncodedImageFormat.Png)).SkipReason);
        Assert.Contains("PGM", _decoder.Decode(Encoding.ASCII.GetBytes("P5\n40 40\n255\n\u0001\u0002")).SkipReason);
        var corrupt = (byte[])jpeg.Clone();
        for (var i = 200; i < corrupt.Length - 2; i++) corrupt[i] = 0xFF; // markers everywhere in the entropy data
        Assert.False(_decoder.Decode(corrupt).Ok);
        Assert.Contains("unreadable", _decoder.Decode("/nonexistent/dir/x.jpg").SkipReason);
    }
}
