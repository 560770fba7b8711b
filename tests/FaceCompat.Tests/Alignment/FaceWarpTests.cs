using FaceCompat.Alignment;
using FaceCompat.Imaging;

namespace FaceCompat.Tests.Alignment;

public class FaceWarpTests
{
    // 3x2 image, channel R = 10 * x + 100 * y, G = 0, B = 255.
    private static RgbImage Tiny()
    {
        var p = new byte[3 * 2 * 3];
        for (var y = 0; y < 2; y++)
            for (var x = 0; x < 3; x++)
            {
                p[(y * 3 + x) * 3] = (byte)(10 * x + 100 * y);
                p[(y * 3 + x) * 3 + 2] = 255;
            }
        return new RgbImage(3, 2, p);
    }

    [Fact]
    public void Identity_warp_copies_the_image()
    {
        var image = Tiny();
        var warped = FaceWarp.Warp(image, new SimilarityTransform(1, 0, 0, 0), 3, 2);
        Assert.Equal(image.Pixels, warped.Pixels);
    }

    [Fact]
    public void Half_pixel_shift_interpolates_by_hand()
    {
        // Output (u, v) samples the source at (u + 0.5, v + 0.5): R = 10 (u + 0.5) + 100 (v + 0.5).
        var warped = FaceWarp.Warp(Tiny(), new SimilarityTransform(1, 0, -0.5, -0.5), 2, 1);
        Assert.Equal(55, warped.Pixels[0]);   // 5 + 50
        Assert.Equal(65, warped.Pixels[3]);   // 15 + 50
        Assert.Equal(255, warped.Pixels[2]);
    }

    [Fact]
    public void Upscaling_by_two_matches_hand_bilinear_and_outside_is_black()
    {
        // Output (u, v) <- source (u / 2, v / 2).
        var warped = FaceWarp.Warp(Tiny(), new SimilarityTransform(2, 0, 0, 0), 6, 4);
        byte R(int u, int v) => warped.Pixels[(v * 6 + u) * 3];
        Assert.Equal(0, R(0, 0));
        Assert.Equal(5, R(1, 0));     // x = 0.5
        Assert.Equal(55, R(1, 1));    // x = 0.5, y = 0.5
        Assert.Equal(120, R(4, 2));   // x = 2, y = 1
        Assert.Equal(0, R(5, 0));     // x = 2.5: outside
        Assert.Equal(0, warped.Pixels[(0 * 6 + 5) * 3 + 2]);
    }

    [Fact]
    public void Quarter_turn_maps_columns_to_rows()
    {
        // x' = -y + 1, y' = x: source (x, y) lands at (1 - y, x).
        var warped = FaceWarp.Warp(Tiny(), new SimilarityTransform(0, 1, 1, 0), 2, 3);
        byte R(int u, int v) => warped.Pixels[(v * 2 + u) * 3];
        Assert.Equal(0, R(1, 0));    // source (0, 0)
        Assert.Equal(100, R(0, 0));  // source (0, 1)
        Assert.Equal(20, R(1, 2));   // source (2, 0)
    }
}
