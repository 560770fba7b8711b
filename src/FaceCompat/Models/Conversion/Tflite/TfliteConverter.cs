using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Conversion.Tflite;

/// <summary>
/// Converts a float TFLite model (.tflite; float16 weights included) into an ONNX model that ONNX
/// Runtime runs with the same results. Inputs and outputs keep TFLite's tensor names and NHWC layout;
/// the batch fixed in the file becomes symbolic, and height/width too for fully convolutional graphs.
/// Unsupported operators and quantised tensors stop it with a message naming them.
/// </summary>
internal static class TfliteConverter
{
    /// <summary>The TFLite builtin operators the converter translates, by their schema names.</summary>
    public static IReadOnlyList<string> SupportedOperators { get; } =
        TfliteOnnxEmitter.SupportedOperators.Select(o => o.ToString()).Order(StringComparer.Ordinal).ToArray();

    /// <param name="outputs">TFLite tensor names to expose instead of the model's outputs (layer taps); null: the model's outputs.</param>
    public static byte[] Convert(string tflitePath, IReadOnlyList<string>? outputs = null)
    {
        var model = TfliteModelReader.Load(tflitePath);
        var builder = new OnnxGraphBuilder(Path.GetFileNameWithoutExtension(tflitePath))
        {
            DocString = $"Converted by FaceCompat from the TFLite model {Path.GetFileName(tflitePath)}.",
        };
        return new TfliteOnnxEmitter(model, builder).Convert(outputs);
    }
}
