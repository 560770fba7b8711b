using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Alignment;

/// <summary>
/// Runs the converted face mesh graph on a face box the way @vladmandic/human's facemesh.ts does
/// without rotation correction: the detector box is enlarged 1.4x and squared (rounded corners), cut
/// and resized to 192x192 (TensorFlow cropAndResize, bilinear, black outside), divided by 255; the 468
/// (x, y, z) outputs are mapped back as boxSize / 192 * (p - 96) + boxCentre (human truncates to whole
/// pixels; this keeps the fractions). One instance is not thread-safe.
/// </summary>
internal sealed class FaceMeshLandmarker : IDisposable
{
    public const int PointCount = 468;
    public const float BoxEnlarge = 1.4f;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly ModelCard _card;
    private readonly float[] _input;
    private readonly float _scale;

    public FaceMeshLandmarker(ModelCard card, string onnxPath, int threads = 1)
    {
        _card = card;
        _session = OnnxSessionFactory.Create(onnxPath, threads, ExecutionDevice.Cpu);
        Size = card.Input.Width;
        _input = new float[Size * Size * 3];
        _scale = card.Input.Scale;
    }

    public int Size { get; }

    /// <summary>human's enlargeBox(1.4) then squarifyBox of a detector box: (x1, y1, x2, y2).</summary>
    public static (float X1, float Y1, float X2, float Y2) CropBox(FaceBox face)
    {
        var cx = face.X1 + (face.X2 - face.X1) / 2;
        var cy = face.Y1 + (face.Y2 - face.Y1) / 2;
        var w = Math.Abs(face.X2 - face.X1) * BoxEnlarge;
        var h = Math.Abs(face.Y2 - face.Y1) * BoxEnlarge;
        // enlargeBox keeps the centre; squarifyBox recentres on the same centre and takes the larger side.
        var half = Math.Max(w, h) / 2;
        return (MathF.Round(cx - half, MidpointRounding.AwayFromZero), MathF.Round(cy - half, MidpointRounding.AwayFromZero),
            MathF.Round(cx + half, MidpointRounding.AwayFromZero), MathF.Round(cy + half, MidpointRounding.AwayFromZero));
    }

    /// <summary>468 x (x, y) in image pixels and the mesh's face score.</summary>
    public (float[] Points, float Score) Locate(RgbImage image, (float X1, float Y1, float X2, float Y2) box)
    {
        CropAndResize(image, box, Size, _scale, _input);
        using var tensor = OrtValue.CreateTensorValueFromMemory(_input, [1, Size, Size, 3]);
        string[] names = [_card.Output.Name, .. _card.Output.Extra];
        using var outputs = _session.Run(_runOptions, [_card.Input.Name], [tensor], names);
        var mesh = outputs[0].GetTensorDataAsSpan<float>();
        if (mesh.Length != PointCount * 3) throw new FaceCompatException($"Face mesh output has {mesh.Length} values; expected {PointCount * 3}.");
        var score = outputs.Count > 1 ? outputs[1].GetTensorDataAsSpan<float>()[0] : float.NaN;
        var bw = box.X2 - box.X1;
        var bh = box.Y2 - box.Y1;
        var cx = box.X1 + bw / 2;
        var cy = box.Y1 + bh / 2;
        var points = new float[PointCount * 2];
        for (var i = 0; i < PointCount; i++)
        {
            points[2 * i] = bw / Size * (mesh[3 * i] - Size / 2f) + cx;
            points[2 * i + 1] = bh / Size * (mesh[3 * i + 1] - Size / 2f) + cy;
        }
        return (points, score);
    }

    /// <summary>TensorFlow's cropAndResize (bilinear, extrapolation 0) of one box to size x size, times <paramref name="scale"/>.</summary>
    internal static void CropAndResize(RgbImage image, (float X1, float Y1, float X2, float Y2) box, int size, float scale, Span<float> output)
    {
        int h = image.Height, w = image.Width;
        double y1 = box.Y1 / h, x1 = box.X1 / w, y2 = box.Y2 / h, x2 = box.X2 / w;
        var stepY = size > 1 ? (y2 - y1) * (h - 1) / (size - 1) : 0;
        var stepX = size > 1 ? (x2 - x1) * (w - 1) / (size - 1) : 0;
        Span<float> rgb = stackalloc float[3];
        for (var i = 0; i < size; i++)
        {
            var inY = y1 * (h - 1) + i * stepY;
            for (var j = 0; j < size; j++)
            {
                var inX = x1 * (w - 1) + j * stepX;
                BilinearSampler.Sample(image, inX, inY, rgb);
                var o = (i * size + j) * 3;
                output[o] = rgb[0] * scale;
                output[o + 1] = rgb[1] * scale;
                output[o + 2] = rgb[2] * scale;
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
