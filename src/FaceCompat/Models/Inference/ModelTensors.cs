using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Conversion;
using FaceCompat.Models.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Models.Inference;

/// <summary>One named tensor of a model's graph, with the shape it has for a batch of one image.</summary>
internal sealed record GraphTensor(string Name, string Op, long[] Shape);

/// <summary>
/// Lists the tensors of a TF.js graph model or an ONNX model, or the named tensors of a rebuilt face-api net, so that a
/// user can choose a layer tap (a card's <c>output.name</c> plus pooling). Shapes are measured, not guessed: every computed node is exposed as
/// a graph output (the same mechanism a tap uses) and the graph is run once on a zero image.
/// </summary>
internal static class ModelTensors
{
    private static readonly HashSet<string> NotTensors = ["Const", "Placeholder", "NoOp"];

    public static IReadOnlyList<GraphTensor> List(ModelCard card, EmbedderOptions? options = null)
    {
        var faceApiNet = FaceApiNets.For(card.Format);
        if (card.Format is not (ModelFormat.TfjsGraph or ModelFormat.Onnx) && faceApiNet is null)
            throw new FaceCompatException($"Model {card.Id}: listing tensors works for TF.js graph models, ONNX models and face-api's rebuilt age-gender, expression and SSD nets; {card.Id} is {card.Format}.");
        options ??= new EmbedderOptions();
        var (_, state) = EmbedderFactory.VerifiedFiles(card, options);
        var entry = state.First(f => f.File.Path == card.Source.Entry).LocalPath;
        List<(string Name, string Op)> nodes;
        byte[] bytes;
        if (card.Format == ModelFormat.Onnx)
        {
            // The graph as shipped (at its own batch size), every computed tensor exposed as an output.
            var model = ModelConversion.ComposedOnnx(card, state.ToDictionary(f => f.File.Path, f => f.LocalPath));
            nodes = OnnxOutputs.Computed(model).ToList();
            OnnxOutputs.Select(model, nodes.Select(n => n.Name).ToList(), card.Id, card.Id);
            bytes = model.ToByteArray();
        }
        else if (faceApiNet is not null)
        {
            // The rebuilt nets name the tensors worth tapping (face-api's own variable names).
            nodes = faceApiNet.Tensors.Select(t => (t, "face-api")).ToList();
            bytes = faceApiNet.Convert(entry, faceApiNet.Tensors);
        }
        else
        {
            nodes = TfjsGraphModel.Load(entry).NodeList.Where(n => !NotTensors.Contains(n.Op)).Select(n => (n.Name, n.Op)).ToList();
            bytes = TfjsGraphConverter.Convert(entry, new TfjsConversionOptions { Outputs = nodes.Select(n => n.Name).ToList() });
        }

        using var sessionOptions = new SessionOptions { IntraOpNumThreads = options.EffectiveThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(bytes, sessionOptions);
        var input = session.InputMetadata.Single();
        var shape = input.Value.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        var zeros = new float[shape.Aggregate(1L, (a, b) => a * b)];
        using var value = OrtValue.CreateTensorValueFromMemory(zeros, shape);
        using var runOptions = new RunOptions();
        var names = nodes.Select(n => n.Name).ToArray();
        using var results = session.Run(runOptions, [input.Key], [value], names);
        var list = new List<GraphTensor>(names.Length);
        for (var i = 0; i < names.Length; i++)
            list.Add(new GraphTensor(names[i], nodes[i].Op, results[i].GetTensorTypeAndShape().Shape));
        return list;
    }
}
