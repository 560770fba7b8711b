using FaceCompat.Imaging;

namespace FaceCompat.Tests.Imaging;

public class ImageOpsTests
{
    [Fact]
    public void Central_sixty_percent_of_the_lfw_frame_is_the_150_block_at_50_50()
    {
        var frame = TestImages.Pattern(250, 250);
        var crop = ImageOps.CropCentral(frame, 0.6);
        Assert.Equal(150, crop.Width);
        Assert.Equal(150, crop.Height);
        for (var y = 0; y < 150; y += 37)
        for (var x = 0; x < 150; x += 29)
            for (var c = 0; c < 3; c++)
                Assert.Equal(frame.Pixels[((y + 50) * 250 + x + 50) * 3 + c], crop.Pixels[(y * 150 + x) * 3 + c]);
    }

    [Fact]
    public void Flip_mirrors_columns_and_twice_is_identity()
    {
        var image = TestImages.Pattern(5, 3);
        var flipped = ImageOps.FlipHorizontal(image);
        for (var c = 0; c < 3; c++) Assert.Equal(image.Pixels[(1 * 5 + 0) * 3 + c], flipped.Pixels[(1 * 5 + 4) * 3 + c]);
        Assert.Equal(image.Pixels, ImageOps.FlipHorizontal(flipped).Pixels);
    }

    [Fact]
    public void Crop_outside_the_image_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageOps.Crop(TestImages.Pattern(10, 10), 5, 5, 6, 2));
    }

    [Fact]
    public void Lfw_reference_preprocessing_crops_then_resizes_to_the_input_size()
    {
        var frame = TestImages.Pattern(250, 250);
        var input = new CropPreprocessor(0.6, 112, 112).Apply(frame);
        var expected = ImageResizer.Resize(ImageOps.CropCentral(frame, 0.6), 112, 112);
        Assert.Equal(expected.Pixels, input.Pixels);
        // faceapi's input is 150x150: the crop itself, untouched.
        Assert.Equal(ImageOps.CropCentral(frame, 0.6).Pixels, new CropPreprocessor(0.6, 150, 150).Apply(frame).Pixels);
        // As given: the whole image resized.
        Assert.Equal(ImageResizer.Resize(frame, 112, 112).Pixels, new CropPreprocessor(null, 112, 112).Apply(frame).Pixels);
    }
}
