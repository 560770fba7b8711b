using FaceCompat.Alignment;

namespace FaceCompat.Tests.Alignment;

public class BlazeFaceDecodingTests
{
    [Fact]
    public void Anchors_follow_humans_grid_for_256()
    {
        var a = BlazeFaceAnchors.Generate(256);
        Assert.Equal(896 * 2, a.Length);
        // First grid: stride 16, two anchors per cell, row-major.
        Assert.Equal([8f, 8f, 8f, 8f, 24f, 8f], a[..6]);
        Assert.Equal(248f, a[2 * 511]);
        Assert.Equal(248f, a[2 * 511 + 1]);
        // Second grid: stride 32, six anchors per cell.
        Assert.Equal(16f, a[2 * 512]);
        Assert.Equal(16f, a[2 * 517 + 1]);
        Assert.Equal(48f, a[2 * 518]);
        Assert.Equal(240f, a[^2]);
    }

    [Fact]
    public void Anchors_for_192_are_one_per_stride_4_cell()
    {
        var a = BlazeFaceAnchors.Generate(192);
        Assert.Equal(48 * 48 * 2, a.Length);
        Assert.Equal([2f, 2f, 6f, 2f], a[..4]);
    }

    [Fact]
    public void Decoding_adds_anchors_and_halves_sizes()
    {
        float[] anchors = [8, 8, 100, 50];
        var rows = new float[2 * 17];
        rows[0] = -10; // sigmoid ~ 0: dropped
        var r = rows.AsSpan(17);
        r[0] = 2; r[1] = 3; r[2] = -4; r[3] = 40; r[4] = 20;
        for (var k = 0; k < 6; k++) { r[5 + 2 * k] = k; r[6 + 2 * k] = -k; }
        var boxes = BlazeFaceDecoder.Decode(rows, anchors, 0.2f);
        var box = Assert.Single(boxes);
        Assert.Equal(1 / (1 + MathF.Exp(-2)), box.Score, 6);
        Assert.Equal(83f, box.X1);
        Assert.Equal(36f, box.Y1);
        Assert.Equal(123f, box.X2);
        Assert.Equal(56f, box.Y2);
        Assert.Equal(100f, box.Keypoints[0]);
        Assert.Equal(105f, box.Keypoints[10]);
        Assert.Equal(45f, box.Keypoints[11]);
    }

    [Fact]
    public void Nms_keeps_the_best_and_drops_overlaps_above_the_threshold()
    {
        var a = new FaceBox(0, 0, 10, 10, 0.9f, []);
        var b = new FaceBox(1, 1, 11, 11, 0.95f, []);   // IoU with a = 81 / 119 = 0.68
        var c = new FaceBox(20, 20, 30, 30, 0.5f, []);  // disjoint
        var d = new FaceBox(9, 9, 19, 19, 0.6f, []);    // IoU with b = 4 / 196 = 0.02
        var kept = NonMaxSuppression.Apply([a, b, c, d], 10, 0.1f);
        Assert.Equal([b, d, c], kept);
        Assert.Equal([b], NonMaxSuppression.Apply([a, b, c, d], 1, 0.1f));
        Assert.Equal([b, a, d], NonMaxSuppression.Apply([a, b, c, d], 3, 0.7f));
    }

    [Fact]
    public void Crop_box_is_enlarged_by_1_4_and_squared()
    {
        var box = FaceMeshLandmarker.CropBox(new FaceBox(10, 20, 50, 40, 1, []));
        // centre (30, 30), sides 56 x 28 -> square of 56.
        Assert.Equal((2f, 2f, 58f, 58f), box);
    }
}
