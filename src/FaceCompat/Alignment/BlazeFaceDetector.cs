using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceCompat.Alignment;

/// <summary>
/// Runs the converted BlazeFace graph on a whole image the way @vladmandic/human's blazeface.ts
/// <c>getBoxes</c> does with its default settings (no squaring pad): bilinear resize to 256x256
/// (TensorFlow resizeBilinear, no half-pixel centres), pixel / 127.5 - 1, decode, NMS (at most
/// <see cref="MaxFaces"/>, IoU 0.1, score above 0.2), scale back to image pixels. One instance is not
/// thread-safe.
/// </summary>
internal sealed class BlazeFaceDetector : IDisposable
{
    public const float MinScore = 0.2f;
    public const float IouThreshold = 0.1f;
    public const int MaxFaces = 1;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly ModelCard _card;
    private readonly float[] _anchors;
    private readonly float[] _input;
    private readonly float[] _lut = new float[256];

    public BlazeFaceDetector(ModelCard card, string onnxPath, int threads = 1)
    {
        _card = card;
        _session = OnnxSessionFactory.Create(onnxPath, threads, ExecutionDevice.Cpu);
        Size = card.Input.Width;
        _anchors = BlazeFaceAnchors.Generate(Size);
        _input = new float[Size * Size * 3];
        for (var p = 0; p < 256; p++) _lut[p] = (p * card.Input.Scale - card.Input.Mean[0]) / card.Input.Std[0];
    }

    public int Size { get; }

    /// <summary>The raw rows (896 x 17, anchors in BlazeFaceAnchors order) for an image already 256x256 in the model's value range.</summary>
    public float[] RunRaw(float[] input)
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [1, Size, Size, 3]);
        var names = new[] { _card.Output.Name }.Concat(_card.Output.Extra).ToArray();
        using var outputs = _session.Run(_runOptions, [_card.Input.Name], [tensor], names);
        // As human's getBoxes for the 4-output model: sorted by size, [scores, regressors] of the
        // 512-anchor grid, then of the 384-anchor grid.
        var parts = outputs.Select(o => o.GetTensorDataAsSpan<float>().ToArray()).OrderBy(a => a.Length).ToArray();
        if (parts.Length != 4) throw new FaceCompatException($"BlazeFace graph gave {parts.Length} outputs; expected 4.");
        var (s384, s512, r384, r512) = (parts[0], parts[1], parts[2], parts[3]);
        var n512 = s512.Length;
        var n384 = s384.Length;
        if (r512.Length != n512 * 16 || r384.Length != n384 * 16 || (n512 + n384) * 2 != _anchors.Length)
            throw new FaceCompatException("BlazeFace outputs do not have the expected shapes.");
        var rows = new float[(n512 + n384) * BlazeFaceDecoder.ValuesPerAnchor];
        Fill(rows, 0, s512, r512);
        Fill(rows, n512, s384, r384);
        return rows;
    }

    private static void Fill(float[] rows, int firstRow, float[] scores, float[] regressors)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            var o = (firstRow + i) * BlazeFaceDecoder.ValuesPerAnchor;
            rows[o] = scores[i];
            Array.Copy(regressors, i * 16, rows, o + 1, 16);
        }
    }

    /// <summary>The best face (box and keypoints in image pixels), or null when none scores above <see cref="MinScore"/>.</summary>
    public FaceBox? Detect(RgbImage image) => DetectAll(image, MaxFaces).FirstOrDefault();

    /// <summary>Every anchor scoring above <see cref="MinScore"/>, decoded, in 256x256 input pixels (before NMS).</summary>
    public List<FaceBox> Candidates(RgbImage image)
    {
        ResizeBilinearTf(image, Size, Size, _lut, _input);
        return BlazeFaceDecoder.Decode(RunRaw(_input), _anchors, MinScore);
    }

    /// <summary>Up to <paramref name="maxFaces"/> faces after NMS, best first, in image pixels.</summary>
    public List<FaceBox> DetectAll(RgbImage image, int maxFaces)
    {
        var kept = NonMaxSuppression.Apply(Candidates(image), maxFaces, IouThreshold);
        return kept.Select(box => ToImage(box, image)).ToList();
    }

    private FaceBox ToImage(FaceBox best, RgbImage image)
    {
        float fx = (float)image.Width / Size, fy = (float)image.Height / Size;
        var keypoints = new float[best.Keypoints.Length];
        for (var k = 0; k < keypoints.Length; k += 2)
        {
            keypoints[k] = best.Keypoints[k] * fx;
            keypoints[k + 1] = best.Keypoints[k + 1] * fy;
        }
        return new FaceBox(best.X1 * fx, best.Y1 * fy, best.X2 * fx, best.Y2 * fy, best.Score, keypoints);
    }

    /// <summary>TensorFlow's resizeBilinear (align_corners and half_pixel_centers false), values through a lookup table.</summary>
    internal static void ResizeBilinearTf(RgbImage image, int width, int height, float[] lut, Span<float> output)
    {
        var sy = (double)image.Height / height;
        var sx = (double)image.Width / width;
        var p = image.Pixels;
        var stride = image.Width * 3;
        for (var y = 0; y < height; y++)
        {
            var inY = y * sy;
            var y0 = (int)Math.Floor(inY);
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var fy = (float)(inY - y0);
            for (var x = 0; x < width; x++)
            {
                var inX = x * sx;
                var x0 = (int)Math.Floor(inX);
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var fx = (float)(inX - x0);
                var o = (y * width + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    float a = lut[p[y0 * stride + x0 * 3 + c]], b = lut[p[y0 * stride + x1 * 3 + c]];
                    float d = lut[p[y1 * stride + x0 * 3 + c]], e = lut[p[y1 * stride + x1 * 3 + c]];
                    var top = a + (b - a) * fx;
                    var bottom = d + (e - d) * fx;
                    output[o + c] = top + (bottom - top) * fy;
                }
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
