using FaceCompat.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Imaging;

/// <summary>
/// <see cref="ImageDecoder.DecodeCentral(ReadOnlySpan{byte}, double)"/> decodes only around the crop for
/// JPEGs; it must give exactly the bytes of a whole decode followed by <see cref="ImageOps.CropCentral"/>,
/// and the same skip reasons.
/// </summary>
public class RegionDecodeTests
{
    private readonly ImageDecoder _decoder = new();

    public static TheoryData<int, int, SKJpegEncoderDownsample, double> Cases()
    {
        var data = new TheoryData<int, int, SKJpegEncoderDownsample, double>();
        foreach (var (w, h) in new[] { (250, 250), (251, 187), (97, 133), (64, 64) })
        foreach (var sampling in new[] { SKJpegEncoderDownsample.Downsample420, SKJpegEncoderDownsample.Downsample422, SKJpegEncoderDownsample.Downsample444 })
        foreach (var fraction in new[] { 0.6, 0.33, 0.9 })
            data.Add(w, h, sampling, fraction);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Central_region_equals_whole_decode_then_crop(int width, int height, SKJpegEncoderDownsample sampling, double fraction)
    {
        var bytes = EncodeJpeg(Noise(width, height, width * 31 + height), sampling);
        Assert.NotNull(JpegFrame.TryRead(bytes));
        var whole = _decoder.Decode(bytes);
        Assert.True(whole.Ok, whole.SkipReason);
        var expected = ImageOps.CropCentral(whole.Image!, fraction);
        var region = _decoder.DecodeCentral(bytes, fraction);
        Assert.True(region.Ok, region.SkipReason);
        Assert.Equal(expected.Width, region.Image!.Width);
        Assert.Equal(expected.Height, region.Image.Height);
        Assert.Equal(expected.Pixels, region.Image.Pixels);
    }

    [Fact]
    public void The_region_path_is_taken_for_a_ycbcr_jpeg()
    {
        var bytes = EncodeJpeg(Noise(250, 250, 7), SKJpegEncoderDownsample.Downsample420);
        var frame = JpegFrame.TryRead(bytes)!.Value;
        Assert.Equal((250, 250, 3, 2, 2), (frame.Width, frame.Height, frame.Components, frame.MaxHorizontalSampling, frame.MaxVerticalSampling));
        var region = JpegRegionDecoder.TryDecodeCentral(bytes, frame, 0.6);
        Assert.NotNull(region);
        Assert.Equal(ImageOps.CropCentral(_decoder.Decode(bytes).Image!, 0.6).Pixels, region.Pixels);
    }

    [Fact]
    public void Grayscale_jpeg_region_equals_whole_decode_then_crop()
    {
        var bytes = TestImages.EncodeGray(120, 90, (x, y) => (byte)((x * 13) ^ (y * 7)), SKEncodedImageFormat.Jpeg);
        Assert.Equal(1, JpegFrame.TryRead(bytes)!.Value.Components);
        Assert.Equal(ImageOps.CropCentral(_decoder.Decode(bytes).Image!, 0.6).Pixels, _decoder.DecodeCentral(bytes, 0.6).Image!.Pixels);
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(0.95)]
    [InlineData(0.7)]
    [InlineData(0.5)]
    [InlineData(0.2)]
    public void Truncated_jpeg_is_skipped_with_the_whole_decodes_reason(double keep)
    {
        var bytes = EncodeJpeg(Noise(250, 250, 3), SKJpegEncoderDownsample.Downsample420);
        var cut = bytes.AsSpan(0, (int)(bytes.Length * keep)).ToArray();
        var whole = _decoder.Decode(cut);
        var region = _decoder.DecodeCentral(cut, 0.6);
        Assert.False(whole.Ok);
        Assert.Equal(whole.SkipReason, region.SkipReason);
    }

    [Fact]
    public void Corrupt_entropy_data_gives_the_whole_decodes_outcome()
    {
        var bytes = EncodeJpeg(Noise(250, 250, 9), SKJpegEncoderDownsample.Downsample420);
        var random = new Random(11);
        for (var trial = 0; trial < 60; trial++)
        {
            var bad = (byte[])bytes.Clone();
            // Damage a few bytes after the headers (the scan data is the last ~90% of the file).
            for (var k = 0; k < 1 + trial % 4; k++) bad[random.Next(bad.Length / 10, bad.Length - 2)] ^= (byte)random.Next(1, 256);
            var whole = _decoder.Decode(bad);
            var region = _decoder.DecodeCentral(bad, 0.6);
            Assert.Equal(whole.SkipReason, region.SkipReason);
            if (whole.Ok) Assert.Equal(ImageOps.CropCentral(whole.Image!, 0.6).Pixels, region.Image!.Pixels);
        }
    }

    [Fact]
    public void Non_jpeg_and_small_and_empty_inputs_behave_like_the_whole_decode()
    {
        var png = TestImages.Encode(TestImages.Pattern(80, 60), SKEncodedImageFormat.Png);
        Assert.Equal(ImageOps.CropCentral(_decoder.Decode(png).Image!, 0.6).Pixels, _decoder.DecodeCentral(png, 0.6).Image!.Pixels);
        var tiny = EncodeJpeg(Noise(20, 20, 1), SKJpegEncoderDownsample.Downsample420);
        Assert.Equal(_decoder.Decode(tiny).SkipReason, _decoder.DecodeCentral(tiny, 0.6).SkipReason);
        Assert.Contains("too small", _decoder.DecodeCentral(tiny, 0.6).SkipReason);
        Assert.Equal(_decoder.Decode([]).SkipReason, _decoder.DecodeCentral([], 0.6).SkipReason);
        var text = "not an image at all"u8.ToArray();
        Assert.Equal(_decoder.Decode(text).SkipReason, _decoder.DecodeCentral(text, 0.6).SkipReason);
    }

    [Fact]
    public void Fraction_one_is_the_whole_image()
    {
        var bytes = EncodeJpeg(Noise(70, 50, 5), SKJpegEncoderDownsample.Downsample420);
        Assert.Equal(_decoder.Decode(bytes).Image!.Pixels, _decoder.DecodeCentral(bytes, 1.0).Image!.Pixels);
    }

    [Fact]
    public void Rgba_to_rgb_drops_alpha_at_every_length()
    {
        var random = new Random(5);
        for (var pixels = 0; pixels < 40; pixels++)
        {
            var rgba = new byte[pixels * 4];
            random.NextBytes(rgba);
            var rgb = new byte[pixels * 3];
            PixelConversions.RgbaToRgb(rgba, rgb);
            for (var i = 0; i < pixels; i++)
                Assert.Equal(rgba.AsSpan(i * 4, 3).ToArray(), rgb.AsSpan(i * 3, 3).ToArray());
        }
    }

    /// <summary>Smooth structure plus noise, so every block has detail and chroma differs between neighbours.</summary>
    private static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        for (var c = 0; c < 3; c++)
            pixels[(y * width + x) * 3 + c] = (byte)Math.Clamp(128 + 90 * Math.Sin((x * (c + 1) + y * (3 - c)) * 0.07) + random.Next(-40, 41), 0, 255);
        return new RgbImage(width, height, pixels);
    }

    private static byte[] EncodeJpeg(RgbImage image, SKJpegEncoderDownsample sampling)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        for (var i = 0; i < image.Width * image.Height; i++)
        {
            rgba[i * 4] = image.Pixels[i * 3];
            rgba[i * 4 + 1] = image.Pixels[i * 3 + 1];
            rgba[i * 4 + 2] = image.Pixels[i * 3 + 2];
            rgba[i * 4 + 3] = 255;
        }
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        unsafe
        {
            fixed (byte* p = rgba)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)p, image.Width * 4);
                using var data = pixmap.Encode(new SKJpegEncoderOptions(90, sampling, SKJpegEncoderAlphaOption.Ignore))
                    ?? throw new InvalidOperationException("SkiaSharp could not encode the test JPEG.");
                return data.ToArray();
            }
        }
    }
}
