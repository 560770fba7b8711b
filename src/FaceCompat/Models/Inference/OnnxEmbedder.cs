using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Models.Inference;

/// <summary>
/// Batched ONNX Runtime inference for one model card: RGB images at the card's input size go through
/// the card's tensor preprocessing, the graph, the card's pooling, and L2 normalisation.
/// One instance is not thread-safe; use one per thread (each batch already uses the intra-op threads).
/// </summary>
public sealed class OnnxEmbedder : ITensorEmbedder
{
    private readonly InferenceSession _session;
    private readonly TensorPreprocessor _preprocessor;
    private readonly float[] _inputBuffer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly RunOptions _runOptions = new();
    private readonly IInferenceObserver? _observer;

    public OnnxEmbedder(ModelCard card, string onnxPath, EmbedderOptions? options = null)
    {
        options ??= new EmbedderOptions();
        if (options.BatchSize <= 0) throw new FaceCompatException($"Batch size must be positive, got {options.BatchSize}.");
        Card = card;
        OnnxPath = onnxPath;
        BatchSize = options.BatchSize;
        Threads = options.EffectiveThreads;
        _session = OnnxSessionFactory.Create(onnxPath, Threads, options.Device, options.Spinning);
        _observer = options.Observer;
        try
        {
            CheckSignature(card, _session, BatchSize);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        _preprocessor = new TensorPreprocessor(card.Input);
        _inputBuffer = new float[BatchSize * _preprocessor.ValuesPerImage];
        _inputNames = [card.Input.Name];
        _outputNames = [card.Output.Name];
    }

    public ModelCard Card { get; }
    public string OnnxPath { get; }
    public int BatchSize { get; }
    public int Threads { get; }
    public string ModelId => Card.Id;
    public int InputWidth => Card.Input.Width;
    public int InputHeight => Card.Input.Height;
    public int Dimension => Card.Output.Dimension;

    public int ValuesPerImage => _preprocessor.ValuesPerImage;

    public void FillInput(RgbImage image, Span<float> destination) => _preprocessor.Fill(image, destination);

    public void Embed(IReadOnlyList<RgbImage> images, Span<float> output)
    {
        if (output.Length != images.Count * Dimension)
            throw new ArgumentException($"Output needs {images.Count * Dimension} floats, got {output.Length}.", nameof(output));
        var perImage = _preprocessor.ValuesPerImage;
        for (var start = 0; start < images.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, images.Count - start);
            for (var i = 0; i < count; i++)
                FillInput(images[start + i], _inputBuffer.AsSpan(i * perImage, perImage));
            RunBatch(_inputBuffer.AsMemory(0, count * perImage), count, output.Slice(start * Dimension, count * Dimension));
        }
    }

    /// <summary>Runs one batch of an already-made input tensor (the card's layout) and writes L2-normalised embeddings.</summary>
    public void RunBatch(Memory<float> input, int count, Span<float> output)
    {
        var shape = InputShape(count);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var results = _session.Run(_runOptions, _inputNames, [inputValue], _outputNames);
        _observer?.Ran(count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var result = results[0];
        var outShape = result.GetTensorTypeAndShape().Shape;
        var data = result.GetTensorDataAsSpan<float>();
        for (var i = 0; i < count; i++)
        {
            var row = output.Slice(i * Dimension, Dimension);
            EmbeddingPooling.Extract(data, outShape, i, Card.Output.Pooling, row, Card.Id);
            EmbeddingPooling.L2Normalise(row);
        }
    }

    internal long[] InputShape(int count) => Card.Input.Layout == TensorLayout.Nhwc
        ? [count, Card.Input.Height, Card.Input.Width, Card.Input.Channels]
        : [count, Card.Input.Channels, Card.Input.Height, Card.Input.Width];

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static void CheckSignature(ModelCard card, InferenceSession session, int batchSize)
    {
        if (!session.InputMetadata.TryGetValue(card.Input.Name, out var input))
            throw new FaceCompatException($"Model {card.Id}: its card names input '{card.Input.Name}', but the ONNX graph's inputs are: {string.Join(", ", session.InputMetadata.Keys)}.");
        if (!session.OutputMetadata.ContainsKey(card.Output.Name))
            throw new FaceCompatException($"Model {card.Id}: its card names output '{card.Output.Name}', but the ONNX graph's outputs are: {string.Join(", ", session.OutputMetadata.Keys)}.");
        if (session.InputMetadata.Count != 1)
            throw new FaceCompatException($"Model {card.Id}: the ONNX graph has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); an image embedder feeds exactly one.");
        if (input.ElementType != typeof(float))
            throw new FaceCompatException($"Model {card.Id}: input '{card.Input.Name}' is {input.ElementType.Name}, not float32.");
        var dims = input.Dimensions;
        var channels = card.Input.Channels;
        long[] expected = card.Input.Layout == TensorLayout.Nhwc ? [-1, card.Input.Height, card.Input.Width, channels] : [-1, channels, card.Input.Height, card.Input.Width];
        var mismatch = dims.Length != 4;
        for (var i = 1; !mismatch && i < 4; i++) mismatch = dims[i] > 0 && dims[i] != expected[i];
        if (mismatch)
            throw new FaceCompatException($"Model {card.Id}: input '{card.Input.Name}' has shape [{string.Join(",", dims)}], but the card describes {card.Input.Layout.ToString().ToUpperInvariant()} {card.Input.Width}x{card.Input.Height}x{channels}.");
        if (dims[0] > 0 && (dims[0] != 1 || batchSize > 1))
            throw new FaceCompatException($"Model {card.Id}: input '{card.Input.Name}' has a fixed batch of {dims[0]}; set 'symbolic_batch: true' under source in its card, or use batch size 1.");
    }
}
