using FaceCompat.Imaging;

namespace FaceCompat.Tests.Imaging;

public class ImageResizerTests
{
    private static RgbImage Gray(int width, int height, params byte[] values)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < values.Length; i++) pixels[3 * i] = pixels[3 * i + 1] = pixels[3 * i + 2] = values[i];
        return new RgbImage(width, height, pixels);
    }

    private static byte[] Channel0(RgbImage image) => Enumerable.Range(0, image.Width * image.Height).Select(i => image.Pixels[3 * i]).ToArray();

    [Fact]
    public void Upscaling_two_pixels_to_four_is_half_pixel_bilinear_with_edge_clamp()
    {
        // Output centres map to source x = -0.25, 0.25, 0.75, 1.25: clamp, 3/4 and 1/4 mixes, clamp.
        var resized = ImageResizer.Resize(Gray(2, 1, 0, 100), 4, 1);
        Assert.Equal(new byte[] { 0, 25, 75, 100 }, Channel0(resized));
    }

    [Fact]
    public void Downscaling_by_two_uses_the_widened_triangle_filter()
    {
        var source = Gray(4, 4,
            0, 40, 100, 100,
            80, 120, 100, 100,
            10, 10, 0, 0,
            10, 10, 0, 255);
        var resized = ImageResizer.Resize(source, 2, 2);
        // The triangle filter widened x2 around centre 1.0 takes source 0, 1, 2 with weights 3/7, 3/7,
        // 1/7 (the tap at distance 1.5 is cut at the border); around centre 3.0, source 1, 2, 3 with 1/7, 3/7, 3/7.
        var values = Channel0(resized);
        Assert.Equal(4, values.Length);
        Assert.Equal(58, values[0]); // 57.55 by hand
        Assert.Equal(63, values[3]); // 62.7 by hand
    }

    [Fact]
    public void A_constant_image_stays_constant_at_any_size()
    {
        var source = new RgbImage(7, 5, Enumerable.Repeat((byte)137, 7 * 5 * 3).ToArray());
        foreach (var (w, h) in new[] { (3, 2), (14, 10), (112, 112), (1, 1) })
            Assert.All(ImageResizer.Resize(source, w, h).Pixels, v => Assert.Equal(137, v));
    }

    [Fact]
    public void Same_size_is_an_exact_copy_and_resizing_is_deterministic()
    {
        var source = TestImages.Pattern(150, 150);
        Assert.Equal(source.Pixels, ImageResizer.Resize(source, 150, 150).Pixels);
        var a = ImageResizer.Resize(source, 112, 112);
        var b = ImageResizer.Resize(source, 112, 112);
        Assert.Equal(a.Pixels, b.Pixels);
        var up = ImageResizer.Resize(source, 224, 224);
        Assert.Equal(224 * 224 * 3, up.Pixels.Length);
    }

    [Fact]
    public void Channels_are_resized_independently()
    {
        var pixels = new byte[] { 255, 0, 0, 0, 0, 255 }; // red, blue
        var resized = ImageResizer.Resize(new RgbImage(2, 1, pixels), 4, 1);
        Assert.Equal(new byte[] { 255, 0, 0, 191, 0, 64, 64, 0, 191, 0, 0, 255 }, resized.Pixels);
    }
}
