using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Conversion;

/// <summary>
/// The face-api nets rebuilt with a choice of exposed tensors (a card's layer tap names one), by card format.
/// </summary>
internal static class FaceApiNets
{
    /// <param name="Tensors">The named tensors the rebuilt graph can expose; the first is the default.</param>
    /// <param name="Convert">Weights manifest path and tensor names (null: the default) to ONNX bytes.</param>
    public sealed record Net(IReadOnlyList<string> Tensors, Func<string, IReadOnlyList<string>?, byte[]> Convert);

    /// <summary>The net of a card format, or null when the format is not one of these nets.</summary>
    public static Net? For(ModelFormat format) => format switch
    {
        ModelFormat.FaceApiAgeGender => new Net(FaceApiAgeGenderConverter.Tensors, FaceApiAgeGenderConverter.Convert),
        ModelFormat.FaceApiExpression => new Net(FaceApiExpressionConverter.Tensors, FaceApiExpressionConverter.Convert),
        ModelFormat.FaceApiSsdMobilenetV1 => new Net(FaceApiSsdMobilenetV1Converter.Tensors, FaceApiSsdMobilenetV1Converter.Convert),
        _ => null,
    };
}
