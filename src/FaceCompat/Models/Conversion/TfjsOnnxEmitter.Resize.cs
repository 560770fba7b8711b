using FaceCompat.Models.Onnx;
using Onnx;

namespace FaceCompat.Models.Conversion;

/// <summary>Resizing, depth/space rearrangement and transposed convolution, all in NCHW.</summary>
internal sealed partial class TfjsOnnxEmitter
{
    /// <summary>
    /// ResizeBilinear / ResizeNearestNeighbor with TF's coordinate conventions: align_corners,
    /// half_pixel_centers, or neither (asymmetric; nearest rounds down).
    /// </summary>
    private void EmitResize(TfjsNode node)
    {
        var x = Nchw(node.Inputs[0], node);
        var alignCorners = node.Bool("align_corners", false);
        var halfPixel = node.Bool("half_pixel_centers", false);
        var bilinear = node.Op == "ResizeBilinear";
        var attrs = new List<AttributeProto> { OnnxAttribute.String("mode", bilinear ? "linear" : "nearest") };
        if (bilinear)
            attrs.Add(OnnxAttribute.String("coordinate_transformation_mode", alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric"));
        else
        {
            attrs.Add(OnnxAttribute.String("coordinate_transformation_mode", alignCorners ? "align_corners" : halfPixel ? "tf_half_pixel_for_nn" : "asymmetric"));
            attrs.Add(OnnxAttribute.String("nearest_mode", alignCorners ? "round_prefer_ceil" : "floor"));
        }
        // sizes = [N, C] of the input followed by the requested [h, w].
        var shape = _b.AddNode("Shape", [x], Fresh(node.Name + "/shape"));
        var batchChannels = _b.AddNode("Slice", [shape, Int64Const(node.Name + "/zero", 0), Int64Const(node.Name + "/two", 2)], Fresh(node.Name + "/nc"));
        var sizes = _b.AddNode("Concat", [batchChannels, Int64Of(node.Inputs[1], node.Name + "/hw")], Fresh(node.Name + "/sizes"), null, OnnxAttribute.Int("axis", 0));
        SetNchw(node, _b.AddNode("Resize", [x, "", "", sizes], Fresh(node.Name), null, attrs.ToArray()));
    }

    /// <summary>TF's NHWC DepthToSpace/SpaceToDepth order the channels as ONNX's DCR mode does.</summary>
    private void EmitDepthToSpace(TfjsNode node)
    {
        RequireNhwc(node);
        var block = node.Int("block_size", 2);
        var attrs = node.Op == "DepthToSpace"
            ? new[] { OnnxAttribute.Int("blocksize", block), OnnxAttribute.String("mode", "DCR") }
            : new[] { OnnxAttribute.Int("blocksize", block) };
        SetNchw(node, _b.AddNode(node.Op, [Nchw(node.Inputs[0], node)], Fresh(node.Name), null, attrs));
    }

    /// <summary>Conv2DBackpropInput(input_sizes, filter [kh, kw, out, in], x) = ONNX ConvTranspose with the output shape given.</summary>
    private void EmitConvTranspose(TfjsNode node)
    {
        RequireNhwc(node);
        var sizes = RequireConst(node, 0, "input_sizes").ToInt64(node.Name);
        var filter = RequireConst(node, 1, "filter");
        if (sizes.Length != 4 || filter.Rank != 4 || !filter.IsFloat) throw Unsupported(node, "input_sizes must be 4 values and the filter a 4-D float constant");
        var weights = TensorData.Transpose(filter.Floats!, filter.Shape, [3, 2, 0, 1], out var wShape); // [in, out, kh, kw]
        var strides = node.Ints("strides");
        var dilations = node.Ints("dilations");
        var attrs = new List<AttributeProto>
        {
            OnnxAttribute.Ints("kernel_shape", filter.Shape[0], filter.Shape[1]),
            OnnxAttribute.Ints("strides", Spatial(strides, node)),
            OnnxAttribute.Ints("dilations", Spatial(dilations, node)),
            OnnxAttribute.Ints("output_shape", sizes[1], sizes[2]),
        };
        switch (node.String("padding"))
        {
            case "SAME": attrs.Add(OnnxAttribute.String("auto_pad", "SAME_UPPER")); break;
            case "VALID": attrs.Add(OnnxAttribute.String("auto_pad", "VALID")); break;
            default: throw Unsupported(node, $"padding {node.String("padding")}");
        }
        SetNchw(node, _b.AddNode("ConvTranspose", [Nchw(node.Inputs[2], node), _b.Constant(Hint(node.Name + "/weights"), weights, wShape)],
            Fresh(node.Name), null, attrs.ToArray()));
    }
}
