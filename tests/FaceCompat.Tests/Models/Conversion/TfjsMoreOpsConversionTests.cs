using FaceCompat.Models.Conversion;
using static FaceCompat.Tests.Models.Conversion.NhwcReference;

namespace FaceCompat.Tests.Models.Conversion;

/// <summary>The ops beyond the five face graphs (detectors, meshes, segmenters use them) against hand computations.</summary>
public class TfjsMoreOpsConversionTests
{
    private static Dictionary<string, (float[] Values, int[] Shape)> Run(TfjsTestModel model, string[] outputs, float[] x, params int[] shape)
    {
        using var dir = new TempDirectory();
        var onnx = TfjsGraphConverter.Convert(model.Write(dir.Path), new TfjsConversionOptions { Outputs = outputs });
        return OnnxRun.Run(onnx, "x", x, shape);
    }

    [Fact]
    public void SplitAndUnpackExposeEveryOutput()
    {
        var x = OnnxRun.Random(12, 1);
        var model = new TfjsTestModel().Placeholder("x", -1, 6)
            .ConstInt("axis", [1], 1)
            .Node("split", "Split", ["axis", "x"], ("num_split", Attr.I(3)))
            .Node("sum", "AddV2", ["split:1", "split:2"])
            .Node("unpack", "Unpack", ["x"], ("axis", Attr.I(0)), ("num", Attr.I(2)))
            .ConstInt("sizes", [1, 5], 2)
            .Node("splitv", "SplitV", ["x", "sizes", "axis"], ("num_split", Attr.I(2)));
        var o = Run(model, ["split:2", "sum", "unpack:1", "splitv:1"], x, 2, 6);
        Assert.Equal([x[4], x[5], x[10], x[11]], o["split:2"].Values);
        Assert.Equal([x[2] + x[4], x[3] + x[5], x[8] + x[10], x[9] + x[11]], o["sum"].Values);
        Assert.Equal(x[6..], o["unpack:1"].Values);
        Assert.Equal([6], o["unpack:1"].Shape);
        Assert.Equal([2, 5], o["splitv:1"].Shape);
    }

    [Theory]
    [InlineData("ResizeBilinear", false, true, 5, 7)]
    [InlineData("ResizeBilinear", true, false, 5, 7)]
    [InlineData("ResizeBilinear", false, false, 5, 7)]
    [InlineData("ResizeBilinear", false, true, 2, 3)]
    [InlineData("ResizeNearestNeighbor", false, true, 5, 7)]
    [InlineData("ResizeNearestNeighbor", true, false, 5, 7)]
    [InlineData("ResizeNearestNeighbor", false, false, 2, 3)]
    public void ResizeFollowsTfCoordinateConventions(string op, bool alignCorners, bool halfPixel, int oh, int ow)
    {
        const int h = 3, w = 4, c = 2;
        var x = OnnxRun.Random(h * w * c, 2);
        var model = new TfjsTestModel().Placeholder("x", -1, h, w, c).ConstInt("size", [oh, ow], 2)
            .Node("resized", op, ["x", "size"], ("align_corners", Attr.B(alignCorners)), ("half_pixel_centers", Attr.B(halfPixel)));
        var o = Run(model, ["resized"], x, 1, h, w, c);
        Assert.Equal([1, oh, ow, c], o["resized"].Shape);

        double Source(int i, int inSize, int outSize) => alignCorners && outSize > 1 ? i * (inSize - 1.0) / (outSize - 1)
            : halfPixel ? (i + 0.5) * inSize / outSize - (op == "ResizeBilinear" ? 0.5 : 0) : i * (double)inSize / outSize;
        var expected = new float[oh * ow * c];
        for (var i = 0; i < oh; i++)
        for (var j = 0; j < ow; j++)
        for (var ch = 0; ch < c; ch++)
        {
            double sy = Source(i, h, oh), sx = Source(j, w, ow);
            float v;
            if (op == "ResizeNearestNeighbor")
            {
                var yi = Math.Min((int)(alignCorners ? Math.Round(sy, MidpointRounding.AwayFromZero) : Math.Floor(sy)), h - 1);
                var xi = Math.Min((int)(alignCorners ? Math.Round(sx, MidpointRounding.AwayFromZero) : Math.Floor(sx)), w - 1);
                v = x[(yi * w + xi) * c + ch];
            }
            else
            {
                int y0 = Math.Max((int)Math.Floor(sy), 0), y1 = Math.Min((int)Math.Ceiling(sy), h - 1);
                int x0 = Math.Max((int)Math.Floor(sx), 0), x1 = Math.Min((int)Math.Ceiling(sx), w - 1);
                double fy = sy - Math.Floor(sy), fx = sx - Math.Floor(sx);
                if (sy < 0) fy = 0;
                if (sx < 0) fx = 0;
                float P(int yy, int xx) => x[(yy * w + xx) * c + ch];
                var top = P(y0, x0) + (P(y0, x1) - P(y0, x0)) * fx;
                var bottom = P(y1, x0) + (P(y1, x1) - P(y1, x0)) * fx;
                v = (float)(top + (bottom - top) * fy);
            }
            expected[(i * ow + j) * c + ch] = v;
        }
        OnnxRun.AssertClose(expected, o["resized"].Values, 1e-5);
    }

    [Fact]
    public void DepthToSpaceAndSpaceToDepthMoveChannelsAsTf()
    {
        const int h = 2, w = 3, c = 8, bs = 2, co = c / (bs * bs);
        var x = OnnxRun.Random(h * w * c, 3);
        var model = new TfjsTestModel().Placeholder("x", -1, h, w, c)
            .Node("d2s", "DepthToSpace", ["x"], ("block_size", Attr.I(bs)), Attr.Nhwc)
            .Node("s2d", "SpaceToDepth", ["d2s"], ("block_size", Attr.I(bs)), Attr.Nhwc);
        var o = Run(model, ["d2s", "s2d"], x, 1, h, w, c);
        Assert.Equal([1, h * bs, w * bs, co], o["d2s"].Shape);
        for (var y = 0; y < h; y++)
        for (var xx = 0; xx < w; xx++)
        for (var i = 0; i < bs; i++)
        for (var j = 0; j < bs; j++)
        for (var ch = 0; ch < co; ch++)
            Assert.Equal(x[(y * w + xx) * c + (i * bs + j) * co + ch], o["d2s"].Values[((y * bs + i) * w * bs + xx * bs + j) * co + ch]);
        Assert.Equal(x, o["s2d"].Values);
    }

    [Fact]
    public void StridedSliceWithEllipsisNewAxisAndShrink()
    {
        var x = OnnxRun.Random(2 * 3 * 4, 4);
        var model = new TfjsTestModel().Placeholder("x", -1, 3, 4)
            // x[..., 1:3, tf.newaxis]
            .ConstInt("b1", [0, 1, 0], 3).ConstInt("e1", [0, 3, 0], 3).ConstInt("s1", [1, 1, 1], 3)
            .Node("a", "StridedSlice", ["x", "b1", "e1", "s1"], ("ellipsis_mask", Attr.I(1)), ("new_axis_mask", Attr.I(4)))
            // x[..., -1]
            .ConstInt("b2", [0, -1], 2).ConstInt("e2", [0, 0], 2).ConstInt("s2", [1, 1], 2)
            .Node("b", "StridedSlice", ["x", "b2", "e2", "s2"], ("ellipsis_mask", Attr.I(1)), ("shrink_axis_mask", Attr.I(2)))
            // x[::-1, 0, ::2]
            .ConstInt("b3", [0, 0, 0], 3).ConstInt("e3", [0, 1, 0], 3).ConstInt("s3", [-1, 1, 2], 3)
            .Node("c", "StridedSlice", ["x", "b3", "e3", "s3"], ("begin_mask", Attr.I(5)), ("end_mask", Attr.I(5)), ("shrink_axis_mask", Attr.I(2)));
        var o = Run(model, ["a", "b", "c"], x, 2, 3, 4);
        float X(int i, int j, int k) => x[(i * 3 + j) * 4 + k];
        Assert.Equal([2, 3, 2, 1], o["a"].Shape);
        Assert.Equal(Enumerable.Range(0, 2).SelectMany(i => Enumerable.Range(0, 3).SelectMany(j => new[] { X(i, j, 1), X(i, j, 2) })), o["a"].Values);
        Assert.Equal([2, 3], o["b"].Shape);
        Assert.Equal(Enumerable.Range(0, 6).Select(r => X(r / 3, r % 3, 3)), o["b"].Values);
        Assert.Equal([2, 2], o["c"].Shape);
        Assert.Equal([X(1, 0, 0), X(1, 0, 2), X(0, 0, 0), X(0, 0, 2)], o["c"].Values);
    }

    [Fact]
    public void ComparisonsSelectFloorModFloorDivAndAtan2()
    {
        float[] x = [-2.5f, -1f, -0.2f, 0f, 0.3f, 1.7f, 2f, 3.1f];
        float[] other = [1f, -2f, 0.5f, -1f, -0.7f, 0f, 2f, -3f];
        var model = new TfjsTestModel().Placeholder("x", -1, 8)
            .Const("zero", [0f]).Const("m", [0.75f]).Const("d", [0.5f]).Const("other", other, 8)
            .Node("ge", "GreaterEqual", ["x", "zero"]).Node("neg", "Neg", ["x"])
            .Node("abs", "SelectV2", ["ge", "x", "neg"])
            .Node("mod", "FloorMod", ["x", "m"]).Node("div", "FloorDiv", ["x", "d"])
            .Node("angle", "Atan2", ["x", "other"])
            .Node("lt", "Less", ["x", "other"]).Node("ne", "NotEqual", ["x", "other"]).Node("both", "LogicalAnd", ["lt", "ne"])
            .Node("both_f", "Cast", ["both"], ("DstT", Attr.Type("DT_FLOAT")));
        var o = Run(model, ["abs", "mod", "div", "angle", "both_f"], x, 1, 8);
        OnnxRun.AssertClose(x.Select(MathF.Abs).ToArray(), o["abs"].Values);
        OnnxRun.AssertClose(x.Select(v => (float)(v - Math.Floor(v / 0.75) * 0.75)).ToArray(), o["mod"].Values);
        OnnxRun.AssertClose(x.Select(v => (float)Math.Floor(v / 0.5)).ToArray(), o["div"].Values);
        OnnxRun.AssertClose(x.Select((v, i) => (float)Math.Atan2(v, other[i])).ToArray(), o["angle"].Values, 1e-6);
        Assert.Equal(x.Select((v, i) => v < other[i] && v != other[i] ? 1f : 0f), o["both_f"].Values);
    }

    [Fact]
    public void ShapeOfAnNchwValueIsInTfOrderAndDrivesFillAndReshape()
    {
        var model = new TfjsTestModel().Placeholder("x", -1, 4, 5, 2)
            .Const("f", [1, 0, 0, 1], 1, 1, 2, 2)
            .Node("conv", "Conv2D", ["x", "f"], Attr.Padding("VALID"), Attr.Strides(1, 1), Attr.Nhwc)
            .Node("shape", "Shape", ["conv"], ("out_type", Attr.Type("DT_INT32")))
            .Node("shape_f", "Cast", ["shape"], ("DstT", Attr.Type("DT_FLOAT")))
            .ConstInt("b", [1], 1).ConstInt("e", [3], 1).ConstInt("s", [1], 1)
            .Node("hw", "StridedSlice", ["shape", "b", "e", "s"])
            .Const("half", [0.5f]).Node("filled", "Fill", ["hw", "half"])
            .ConstInt("minus_one", [-1], 1).ConstInt("zero", [0], 1)
            .Node("n", "StridedSlice", ["shape", "zero", "b", "s"])
            .Node("flat_shape", "ConcatV2", ["n", "minus_one", "zero"], ("N", Attr.I(2)))
            .Node("flat", "Reshape", ["conv", "flat_shape"]);
        var x = OnnxRun.Random(3 * 4 * 5 * 2, 5);
        var o = Run(model, ["shape_f", "filled", "flat"], x, 3, 4, 5, 2);
        Assert.Equal([3f, 4, 5, 2], o["shape_f"].Values);
        Assert.Equal([4, 5], o["filled"].Shape);
        Assert.All(o["filled"].Values, v => Assert.Equal(0.5f, v));
        Assert.Equal([3, 40], o["flat"].Shape);
        OnnxRun.AssertClose(x, o["flat"].Values);
    }

    [Fact]
    public void GatherArgMaxTileRangeAndBatchMatMul()
    {
        var x = OnnxRun.Random(2 * 5, 6);
        var b = OnnxRun.Random(2 * 3 * 5, 7);  // [2, 3, 5], used with adj_y
        var model = new TfjsTestModel().Placeholder("x", -1, 5)
            .ConstInt("idx", [4, 0, 2], 3).ConstInt("axis1", [1], 1)
            .Node("gathered", "GatherV2", ["x", "idx", "axis1"], ("batch_dims", Attr.I(0)))
            .Node("arg", "ArgMax", ["x", "axis1"], ("output_type", Attr.Type("DT_INT32")))
            .Node("arg_f", "Cast", ["arg"], ("DstT", Attr.Type("DT_FLOAT")))
            .ConstInt("reps", [1, 2], 2).Node("tiled", "Tile", ["x", "reps"])
            .ConstInt("r0", [0]).ConstInt("r1", [7]).ConstInt("r2", [3])
            .Node("range", "Range", ["r0", "r1", "r2"]).Node("range_f", "Cast", ["range"], ("DstT", Attr.Type("DT_FLOAT")))
            .ConstInt("zero", [0], 1).Node("x3", "ExpandDims", ["x", "axis1"])   // [2, 1, 5]
            .Const("b", b, 2, 3, 5)
            .Node("bmm", "BatchMatMulV2", ["x3", "b"], ("adj_x", Attr.B(false)), ("adj_y", Attr.B(true)));
        var o = Run(model, ["gathered", "arg_f", "tiled", "range_f", "bmm"], x, 2, 5);
        Assert.Equal([x[4], x[0], x[2], x[9], x[5], x[7]], o["gathered"].Values);
        Assert.Equal([Array.IndexOf(x, x[..5].Max()), Array.IndexOf(x[5..], x[5..].Max())], o["arg_f"].Values.Select(v => (int)v));
        Assert.Equal([2, 10], o["tiled"].Shape);
        Assert.Equal(x[..5].Concat(x[..5]).Concat(x[5..]).Concat(x[5..]), o["tiled"].Values);
        Assert.Equal([0f, 3, 6], o["range_f"].Values);
        Assert.Equal([2, 1, 3], o["bmm"].Shape);
        var expected = new float[6];
        for (var r = 0; r < 2; r++)
        for (var j = 0; j < 3; j++)
        {
            double s = 0;
            for (var k = 0; k < 5; k++) s += x[r * 5 + k] * b[(r * 3 + j) * 5 + k];
            expected[r * 3 + j] = (float)s;
        }
        OnnxRun.AssertClose(expected, o["bmm"].Values);
    }

    [Theory]
    [InlineData("SAME", 4, 4, 7, 8)]
    [InlineData("VALID", 3, 3, 7, 7)]
    public void TransposedConvolutionIsTheGradientOfConvolution(string padding, int h, int w, int oh, int ow)
    {
        const int k = 3, s = 2, ci = 2, co = 3;
        var x = OnnxRun.Random(h * w * ci, 8);
        var f = OnnxRun.Random(k * k * co * ci, 9);   // [kh, kw, out, in]
        var model = new TfjsTestModel().Placeholder("x", -1, h, w, ci)
            .ConstInt("sizes", [1, oh, ow, co], 4).Const("f", f, k, k, co, ci)
            .Node("up", "Conv2DBackpropInput", ["sizes", "f", "x"], Attr.Padding(padding), Attr.Strides(s, s), Attr.Dilations(1, 1), Attr.Nhwc);
        var o = Run(model, ["up"], x, 1, h, w, ci);
        var pads = padding == "SAME" ? Same(oh, ow, k, k, s, s) : new Pads(0, 0, 0, 0);
        var expected = new double[oh * ow * co];
        for (var i = 0; i < h; i++)
        for (var j = 0; j < w; j++)
        for (var u = 0; u < k; u++)
        for (var v = 0; v < k; v++)
        {
            int y = i * s + u - pads.Top, xx = j * s + v - pads.Left;
            if (y < 0 || y >= oh || xx < 0 || xx >= ow) continue;
            for (var c = 0; c < co; c++)
            for (var d = 0; d < ci; d++)
                expected[(y * ow + xx) * co + c] += x[(i * w + j) * ci + d] * f[((u * k + v) * co + c) * ci + d];
        }
        Assert.Equal([1, oh, ow, co], o["up"].Shape);
        OnnxRun.AssertClose(expected.Select(v => (float)v).ToArray(), o["up"].Values, 1e-5);
    }
}
