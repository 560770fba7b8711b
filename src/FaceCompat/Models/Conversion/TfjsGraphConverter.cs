using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// Converts a TF.js graph model (model.json + weight shards beside it) into an ONNX model that
/// ONNX Runtime runs with the same results. Inputs and outputs are named as TF.js's
/// <c>GraphModel.inputs</c>/<c>outputs</c> report them (TF node names, e.g. <c>input_1</c>,
/// <c>global_pooling/Mean</c>). Inputs keep their TF layout (NHWC) with a symbolic batch dimension;
/// outputs are the signature's, the graph's unconsumed nodes when there is no signature, or exactly the
/// TF tensor names in <see cref="TfjsConversionOptions.Outputs"/>. The same input gives the same bytes.
/// </summary>
internal static class TfjsGraphConverter
{
    /// <summary>The TF ops the converter translates; any other op in the needed subgraph is an error naming it.</summary>
    public static IReadOnlySet<string> SupportedOps => TfjsOnnxEmitter.SupportedOps;

    public static byte[] Convert(string modelJsonPath, TfjsConversionOptions? options = null)
    {
        var model = TfjsGraphModel.Load(modelJsonPath);
        var builder = new OnnxGraphBuilder(Path.GetFileNameWithoutExtension(model.SourcePath))
        {
            DocString = $"Converted by FaceCompat from the TF.js graph model {Path.GetFileName(model.SourcePath)}.",
        };
        return new TfjsOnnxEmitter(model, builder).Convert(options?.Outputs);
    }
}
