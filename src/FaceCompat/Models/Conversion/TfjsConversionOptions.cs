namespace FaceCompat.Models.Conversion;

/// <summary>Options for <see cref="TfjsGraphConverter.Convert"/>.</summary>
internal sealed class TfjsConversionOptions
{
    /// <summary>
    /// TF tensor names to expose as graph outputs instead of the model's signature outputs
    /// ("node" or "node:0"); each ONNX output is named exactly as written here. Any internal node
    /// can be tapped this way.
    /// </summary>
    public IReadOnlyList<string>? Outputs { get; init; }
}
