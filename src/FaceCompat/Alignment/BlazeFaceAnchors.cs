namespace FaceCompat.Alignment;

/// <summary>
/// BlazeFace's anchor centres, as <c>generateAnchors</c> in @vladmandic/human (src/face/facemeshutil.ts):
/// for a 256 input, strides 16 and 32 with 2 and 6 anchors per cell (16x16x2 + 8x8x6 = 896); for a 192
/// input (facemesh-detection), stride 4 with one anchor. Returns x0, y0, x1, y1, ... in input pixels.
/// </summary>
internal static class BlazeFaceAnchors
{
    public static float[] Generate(int inputSize)
    {
        (int Stride, int Count)[] spec = inputSize == 192 ? [(4, 1)] : [(inputSize / 16, 2), (inputSize / 8, 6)];
        var anchors = new List<float>();
        foreach (var (stride, count) in spec)
        {
            var grid = (inputSize + stride - 1) / stride;
            for (var gy = 0; gy < grid; gy++)
            {
                var ay = stride * (gy + 0.5f);
                for (var gx = 0; gx < grid; gx++)
                {
                    var ax = stride * (gx + 0.5f);
                    for (var n = 0; n < count; n++)
                    {
                        anchors.Add(ax);
                        anchors.Add(ay);
                    }
                }
            }
        }
        return anchors.ToArray();
    }
}
