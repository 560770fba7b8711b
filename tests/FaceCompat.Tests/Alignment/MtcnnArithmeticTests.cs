using FaceCompat.Alignment;
using FaceCompat.Imaging;

namespace FaceCompat.Tests.Alignment;

/// <summary>MTCNN.kt / Box.kt / MyUtil.kt arithmetic against hand-computed values.</summary>
public class MtcnnArithmeticTests
{
    [Fact]
    public void Pyramid_of_a_250_pixel_image_tries_five_face_sizes_from_a_fifth_of_the_width()
    {
        Assert.Equal(50, MtcnnPyramid.MinFaceSize(250));
        Assert.Equal(49, MtcnnPyramid.MinFaceSize(249)); // 49.8 truncated
        var scales = MtcnnPyramid.Scales(250, 250, 50);
        // face sizes 50, 70.52, 99.47, 140.29, 197.87 (next 279.1 > 250): scale = 12 / size = 0.24 * 0.709^k
        float[] expected = [0.24f, 0.17016f, 0.120643f, 0.0855362f, 0.0606452f];
        Assert.Equal(expected.Length, scales.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], scales[i], 5e-6f);
    }

    [Fact]
    public void Pyramid_stops_at_the_shorter_side_and_includes_a_face_size_equal_to_it()
    {
        Assert.Single(MtcnnPyramid.Scales(300, 12, 12)); // 12 <= 12, 16.9 > 12
        Assert.Equal(2, MtcnnPyramid.Scales(100, 17, 12).Count); // 12, 16.925
        Assert.Empty(MtcnnPyramid.Scales(100, 11, 12));
    }

    [Fact]
    public void Scaled_sizes_round_like_java_math_round()
    {
        Assert.Equal((43, 34), MtcnnPyramid.ScaledSize(250, 200, 0.17016f)); // 42.54, 34.03
        Assert.Equal(3, MtcnnPyramid.JavaRound(2.5f));
        Assert.Equal(-2, MtcnnPyramid.JavaRound(-2.5f));
    }

    /// <summary>A P-Net map of width 3, height 2 (transposed layout: [x][y][k]) with the given face scores.</summary>
    private static PNetMap Map(Dictionary<(int X, int Y), float> scores, float[]? regressionAt21 = null)
    {
        const int w = 3, h = 2;
        var face = new float[w * h * 2];
        var regression = new float[w * h * 4];
        foreach (var ((x, y), s) in scores) face[(x * h + y) * 2 + 1] = s;
        if (regressionAt21 is not null) regressionAt21.CopyTo(regression, (2 * h + 1) * 4);
        return new PNetMap(w, h, face, regression);
    }

    [Fact]
    public void Proposals_map_cells_to_12_pixel_windows_through_the_scale()
    {
        var map = Map(new() { [(2, 1)] = 0.9f }, [0.1f, 0.2f, -0.1f, -0.2f]);
        var box = Assert.Single(MtcnnProposals.Generate(map, 0.5f));
        // x1 = 2*2/0.5, y1 = 1*2/0.5, x2 = (2*2+11)/0.5, y2 = (1*2+11)/0.5
        Assert.Equal((8, 4, 30, 26), (box.X1, box.Y1, box.X2, box.Y2));
        Assert.Equal(0.9f, box.Score);
        Assert.Equal([0.1f, 0.2f, -0.1f, -0.2f], box.Regression);
    }

    [Fact]
    public void Proposal_corners_round_halves_to_even_as_kotlins_round()
    {
        var map = Map(new() { [(1, 1)] = 0.9f, [(2, 1)] = 0.9f });
        var boxes = MtcnnProposals.Generate(map, 4f);
        // cell x=1: 2/4 = 0.5 -> 0, (2+11)/4 = 3.25 -> 3; x=2: 4/4 = 1, 15/4 = 3.75 -> 4; y=1: 0.5 -> 0
        Assert.Equal((0, 0, 3, 3), (boxes[0].X1, boxes[0].Y1, boxes[0].X2, boxes[0].Y2));
        Assert.Equal((1, 0, 4, 3), (boxes[1].X1, boxes[1].Y1, boxes[1].X2, boxes[1].Y2));
    }

    [Fact]
    public void Proposals_keep_scores_strictly_above_the_threshold_in_row_order()
    {
        var map = Map(new() { [(2, 0)] = 0.7f, [(0, 1)] = 0.8f, [(1, 0)] = 0.6f, [(1, 1)] = 0.59f });
        var boxes = MtcnnProposals.Generate(map, 1f);
        // y outer, x inner: (2,0) before (0,1); 0.6 is not above 0.6
        Assert.Equal([0.7f, 0.8f], boxes.Select(b => b.Score));
        Assert.Equal((4, 0), (boxes[0].X1, boxes[0].Y1));
        Assert.Equal((0, 2), (boxes[1].X1, boxes[1].Y1));
    }

    [Fact]
    public void Overlap_uses_inclusive_integer_areas()
    {
        var a = new MtcnnBox(0, 0, 9, 9);
        var b = new MtcnnBox(1, 1, 10, 10);
        Assert.Equal(100, a.Area);
        Assert.Equal(81f / 119f, MtcnnNms.Overlap(a, b, MtcnnOverlap.Union)!.Value, 6);
        Assert.Equal(81f / 100f, MtcnnNms.Overlap(a, b, MtcnnOverlap.Min)!.Value, 6);
        Assert.Null(MtcnnNms.Overlap(a, new MtcnnBox(10, 0, 19, 9), MtcnnOverlap.Union));
        Assert.Equal(10f / 190f, MtcnnNms.Overlap(a, new MtcnnBox(9, 0, 18, 9), MtcnnOverlap.Union)!.Value, 6); // one shared column
    }

    [Fact]
    public void Nms_deletes_at_an_overlap_equal_to_the_threshold()
    {
        // IoU = 50 / (100 + 50 - 50) = 0.5 exactly (without the +1 areas it would be 36 / 81)
        var boxes = new List<MtcnnBox> { new(0, 0, 9, 9, 0.9f), new(0, 0, 9, 4, 0.8f) };
        MtcnnNms.Apply(boxes, 0.5f, MtcnnOverlap.Union);
        Assert.Equal([false, true], boxes.Select(b => b.Deleted));
    }

    [Fact]
    public void Nms_visits_boxes_in_list_order_and_a_deleted_box_still_suppresses_in_its_pass()
    {
        var a = new MtcnnBox(10, 0, 19, 9, 0.8f);
        var b = new MtcnnBox(12, 0, 21, 9, 0.9f); // IoU with a 80/120
        var c = new MtcnnBox(8, 0, 17, 9, 0.6f); // IoU with a 80/120, with b 60/140
        var boxes = new List<MtcnnBox> { a, b, c };
        MtcnnNms.Apply(boxes, 0.5f, MtcnnOverlap.Union);
        // score-ordered NMS would keep b and c; MTCNN.kt's pass of a deletes a (by b) and then c (by a)
        Assert.Equal([b], MtcnnNms.Survivors(boxes));
    }

    [Fact]
    public void Nms_on_equal_scores_deletes_the_earlier_box()
    {
        var boxes = new List<MtcnnBox> { new(0, 0, 9, 9, 0.5f), new(1, 1, 10, 10, 0.5f) };
        MtcnnNms.Apply(boxes, 0.5f, MtcnnOverlap.Union);
        Assert.Equal([true, false], boxes.Select(b => b.Deleted));
    }

    [Fact]
    public void Min_overlap_suppresses_a_box_inside_another_that_union_keeps()
    {
        MtcnnBox[] Boxes() => [new(0, 0, 19, 19, 0.9f), new(5, 5, 14, 14, 0.8f)]; // IoU 100/400, over the smaller 1
        var union = Boxes();
        MtcnnNms.Apply(union, 0.7f, MtcnnOverlap.Union);
        Assert.DoesNotContain(union, b => b.Deleted);
        var min = Boxes();
        MtcnnNms.Apply(min, 0.7f, MtcnnOverlap.Min);
        Assert.True(min[1].Deleted);
    }

    [Fact]
    public void Calibration_moves_each_corner_by_its_offset_times_width_or_height_truncated()
    {
        var box = new MtcnnBox(10, 20, 29, 59); // 20 x 40
        float[] offsets = [0.13f, -0.05f, 0.25f, -0.5f];
        offsets.CopyTo(box.Regression, 0);
        box.Calibrate();
        // 10 + 2.6 -> 12, 20 - 2 = 18, 29 + 5 = 34, 59 - 20 = 39
        Assert.Equal((12, 18, 34, 39), (box.X1, box.Y1, box.X2, box.Y2));
        Assert.Equal(new float[4], box.Regression);

        var negative = new MtcnnBox(0, 0, 9, 9);
        negative.Regression[0] = -0.15f; // -1.5 truncates toward zero
        negative.Calibrate();
        Assert.Equal(-1, negative.X1);
    }

    [Fact]
    public void Squaring_grows_the_shorter_side_half_before_and_the_rest_after()
    {
        var tall = new MtcnnBox(10, 20, 30, 59); // 21 x 40: x1 -= 19/2 = 9, x2 += 20/2 = 10
        tall.ToSquare();
        Assert.Equal((1, 20, 40, 59), (tall.X1, tall.Y1, tall.X2, tall.Y2));
        var wide = new MtcnnBox(0, 0, 40, 9); // 41 x 10: y1 -= 31/2 = 15, y2 += 32/2 = 16
        wide.ToSquare();
        Assert.Equal((0, -15, 40, 25), (wide.X1, wide.Y1, wide.X2, wide.Y2));
        Assert.Equal(wide.Width, wide.Height);
    }

    [Fact]
    public void Limiting_shrinks_a_square_from_the_corner_that_sticks_out()
    {
        var topLeft = new MtcnnBox(-5, -10, 29, 24);
        topLeft.LimitSquare(100, 100);
        Assert.Equal((5, 0, 29, 24), (topLeft.X1, topLeft.Y1, topLeft.X2, topLeft.Y2));
        var bottomRight = new MtcnnBox(80, 70, 109, 99);
        bottomRight.LimitSquare(100, 90);
        Assert.Equal((80, 70, 99, 89), (bottomRight.X1, bottomRight.Y1, bottomRight.X2, bottomRight.Y2));
        var inside = new MtcnnBox(0, 0, 99, 89);
        inside.LimitSquare(100, 90);
        Assert.Equal((0, 0, 99, 89), (inside.X1, inside.Y1, inside.X2, inside.Y2));
    }

    [Fact]
    public void Onet_landmarks_are_fractions_of_the_box_five_x_then_five_y()
    {
        var box = new MtcnnBox(10, 20, 29, 59); // 20 x 40
        var points = MtcnnDetector.PlaceLandmarks(box, [0.25f, 0.75f, 0.5f, 0.3f, 0.7f, 0.3f, 0.3f, 0.5f, 0.8f, 0.8f]);
        Assert.Equal([15f, 32f, 25f, 32f, 20f, 40f, 16f, 52f, 24f, 52f], points);
    }

    [Fact]
    public void Input_is_rgb_normalised_around_127_5_and_transposed()
    {
        // 2 x 3 image: pixel (x, y) has R = 10x + y, G = 0, B = 255
        var pixels = new byte[2 * 3 * 3];
        for (var y = 0; y < 3; y++)
            for (var x = 0; x < 2; x++)
            {
                pixels[(y * 2 + x) * 3] = (byte)(10 * x + y);
                pixels[(y * 2 + x) * 3 + 2] = 255;
            }
        var output = new float[2 * 3 * 3];
        MtcnnInput.ScaleTransposed(new RgbImage(2, 3, pixels), 0, 0, 1, 1, 2, 3, output);
        for (var x = 0; x < 2; x++)
            for (var y = 0; y < 3; y++)
            {
                var o = (x * 3 + y) * 3; // [x][y][c]
                Assert.Equal((10 * x + y - 127.5f) / 128f, output[o], 6);
                Assert.Equal(-127.5f / 128f, output[o + 1], 6);
                Assert.Equal(127.5f / 128f, output[o + 2], 6);
            }
    }

    [Fact]
    public void Scaling_samples_bilinearly_at_pixel_centres_clamped_and_stored_as_bytes()
    {
        // 2 x 1 image, R = 0 then 100, scaled 2x: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        var image = new RgbImage(2, 1, [0, 0, 0, 100, 0, 0]);
        var output = new float[4 * 1 * 3];
        MtcnnInput.ScaleTransposed(image, 0, 0, 2, 1, 4, 1, output);
        Assert.Equal([0f, 25f, 75f, 100f], Enumerable.Range(0, 4).Select(x => MathF.Round(output[x * 3] * 128f + 127.5f, 3)));

        // 3 x 1, R = 0, 1, 0, halved: the single output samples x = 1 (value 1); at 0.5 of 0 and 1 it rounds away from zero
        var odd = new float[3];
        MtcnnInput.ScaleTransposed(new RgbImage(2, 1, [0, 0, 0, 1, 0, 0]), 0, 0, 1, 1, 1, 1, odd);
        Assert.Equal(0f, odd[0] * 128f + 127.5f, 4);
        MtcnnInput.ScaleTransposed(new RgbImage(2, 1, [0, 0, 0, 1, 0, 0]), 0, 0, 0.5f, 1, 1, 1, odd); // source x = 0.5
        Assert.Equal(1f, odd[0] * 128f + 127.5f, 4);
    }

    [Fact]
    public void A_crop_starts_at_the_box_corner_and_spans_its_inclusive_size()
    {
        // 6 x 6 image, R = 10x + y; box (2,1)-(4,3) is 3 x 3, cropped at 3: identity scale, so the crop is the pixels
        var pixels = new byte[6 * 6 * 3];
        for (var y = 0; y < 6; y++)
            for (var x = 0; x < 6; x++) pixels[(y * 6 + x) * 3] = (byte)(10 * x + y);
        var output = new float[3 * 3 * 3];
        MtcnnInput.Crop(new RgbImage(6, 6, pixels), new MtcnnBox(2, 1, 4, 3), 3, output);
        for (var x = 0; x < 3; x++)
            for (var y = 0; y < 3; y++)
                Assert.Equal(10 * (x + 2) + y + 1, output[(x * 3 + y) * 3] * 128f + 127.5f, 3);
    }

    [Fact]
    public void Crops_outside_the_image_are_refused_like_androids_create_bitmap()
    {
        Assert.True(MtcnnInput.Fits(new MtcnnBox(0, 0, 99, 89), 100, 90));
        Assert.False(MtcnnInput.Fits(new MtcnnBox(0, 0, 100, 89), 100, 90));
        Assert.False(MtcnnInput.Fits(new MtcnnBox(-1, 0, 50, 50), 100, 90));
        Assert.False(MtcnnInput.Fits(new MtcnnBox(10, 10, 9, 20), 100, 90));
    }
}
