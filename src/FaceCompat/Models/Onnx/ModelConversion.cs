using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Conversion;
using FaceCompat.Models.Conversion.Tflite;
using Google.Protobuf;
using Onnx;

namespace FaceCompat.Models.Onnx;

/// <summary>Turns a model's verified source files into ONNX bytes, by the card's format.</summary>
internal static class ModelConversion
{
    /// <param name="files">Card source path -> verified local path.</param>
    public static byte[] ToOnnx(ModelCard card, IReadOnlyDictionary<string, string> files) => card.Format switch
    {
        ModelFormat.TfjsGraph => ConvertTfjs(card, files[card.Source.Entry]),
        ModelFormat.FaceApiRecognition => FaceApiRecognitionConverter.Convert(files[card.Source.Entry]),
        ModelFormat.FaceApiAgeGender or ModelFormat.FaceApiExpression or ModelFormat.FaceApiSsdMobilenetV1 =>
            FaceApiNets.For(card.Format)!.Convert(files[card.Source.Entry], Outputs(card)),
        ModelFormat.Onnx => PrepareOnnx(card, files),
        ModelFormat.Tflite => TfliteConverter.Convert(files[card.Source.Entry], Outputs(card)),
        _ => throw new FaceCompatException($"Model {card.Id}: unsupported format {card.Format}."),
    };

    // Only the embedding output (a declared output or a layer tap) and the card's extra outputs (the
    // landmark models' scores) are exposed; heads after a tap are left out of the graph. symbolic_batch
    // also frees a TF.js placeholder fixed at batch 1 (posenet).
    private static byte[] ConvertTfjs(ModelCard card, string modelJson)
    {
        var bytes = TfjsGraphConverter.Convert(modelJson, new TfjsConversionOptions { Outputs = Outputs(card) });
        if (!card.Source.SymbolicBatch) return bytes;
        var model = ModelProto.Parser.ParseFrom(bytes);
        OnnxBatchDimension.MakeSymbolic(model);
        return model.ToByteArray();
    }

    // The rebuilt face-api nets expose the named tensors the card asks for (the tap and any extras).
    private static IReadOnlyList<string> Outputs(ModelCard card) => [card.Output.Name, .. card.Output.Extra];

    // As for TF.js: the graph returns the embedding output (a declared output or a layer tap) and the
    // card's extras, nothing else; initializers an old exporter also listed as inputs are inputs no more.
    private static byte[] PrepareOnnx(ModelCard card, IReadOnlyDictionary<string, string> files)
    {
        var model = ComposedOnnx(card, files);
        OnnxOutputs.Select(model, Outputs(card), $"{card.Id} ({card.Source.Entry})", card.Id);
        if (card.Source.SymbolicBatch) OnnxBatchDimension.MakeSymbolic(model);
        return model.ToByteArray();
    }

    /// <summary>The card's ONNX graph as shipped (with the prepended graph folded in), every output kept.</summary>
    internal static ModelProto ComposedOnnx(ModelCard card, IReadOnlyDictionary<string, string> files)
    {
        var model = Load(card, files[card.Source.Entry]);
        if (card.Source.Prepend is { } prepend) model = OnnxGraphComposer.Prepend(Load(card, files[prepend]), model);
        OnnxOutputs.DropInitializerInputs(model);
        return model;
    }

    private static ModelProto Load(ModelCard card, string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FaceCompatException($"Model {card.Id}: {path} is not a valid ONNX file ({ex.Message}).", ex);
        }
    }
}
