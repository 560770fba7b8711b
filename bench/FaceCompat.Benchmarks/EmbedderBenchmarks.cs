using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using FaceCompat.Imaging;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Images/s per built-in model at batch 1 and 32 with 2 intra-op threads: our OnnxEmbedder from RGB
/// images (preprocessing + inference + pooling + L2) against a bare ONNX Runtime session fed the same
/// pre-made input tensor. Each benchmark invocation embeds one batch; images/s = batch / mean.
/// Models are fetched and converted into the cache (FACECOMPAT_CACHE) in the global setup.
/// Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- --filter '*EmbedderBenchmarks*'
/// </summary>
[Config(typeof(ShortConfig))]
public class EmbedderBenchmarks
{
    private sealed class ShortConfig : ManualConfig
    {
        public ShortConfig() => AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1));
    }

    private const int Threads = 2;
    private OnnxEmbedder _embedder = null!;
    private InferenceSession _bare = null!;
    private List<RgbImage> _images = null!;
    private float[] _tensor = null!;
    private float[] _output = null!;
    private OrtValue _input = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = null!;
    private string[] _outputNames = null!;

    [Params("mobileface", "mobilefacenet", "faceapi", "faceres", "faceres-deep", "resnet18")]
    public string Model { get; set; } = "";

    [Params(1, 32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var card = ModelCatalog.Get(Model);
        var prepared = EmbedderFactory.Prepare(card);
        _embedder = new OnnxEmbedder(card, prepared.OnnxPath, new EmbedderOptions { BatchSize = Batch, Threads = Threads });
        var rng = new Random(42);
        _images = Enumerable.Range(0, Batch).Select(_ =>
        {
            var pixels = new byte[card.Input.Width * card.Input.Height * 3];
            rng.NextBytes(pixels);
            return new RgbImage(card.Input.Width, card.Input.Height, pixels);
        }).ToList();
        _output = new float[Batch * card.Dimension];

        // The bare session: same ONNX file, same thread settings, tensor made once outside the timing.
        var pre = new TensorPreprocessor(card.Input);
        _tensor = new float[Batch * pre.ValuesPerImage];
        for (var i = 0; i < Batch; i++) pre.Fill(_images[i], _tensor.AsSpan(i * pre.ValuesPerImage, pre.ValuesPerImage));
        _bare = OnnxSessionFactory.Create(prepared.OnnxPath, Threads, ExecutionDevice.Cpu);
        _input = OrtValue.CreateTensorValueFromMemory(_tensor, _embedder.InputShape(Batch));
        _runOptions = new RunOptions();
        _inputNames = [card.Input.Name];
        _outputNames = [card.Output.Name];
    }

    [Benchmark(Baseline = true, Description = "bare ORT session, pre-made tensor")]
    public float BareSession()
    {
        using var results = _bare.Run(_runOptions, _inputNames, [_input], _outputNames);
        return results[0].GetTensorDataAsSpan<float>()[0];
    }

    [Benchmark(Description = "OnnxEmbedder, RGB images")]
    public float Embedder()
    {
        _embedder.Embed(_images, _output);
        return _output[0];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _input.Dispose();
        _runOptions.Dispose();
        _bare.Dispose();
        _embedder.Dispose();
    }
}
