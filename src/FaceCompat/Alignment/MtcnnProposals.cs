namespace FaceCompat.Alignment;

/// <summary>
/// P-Net's output on one pyramid level in the layout the nets use (the image is fed transposed, so the
/// first spatial axis is x): <see cref="Face"/> holds [width][height][2] class scores (index 1 = face),
/// <see cref="Regression"/> [width][height][4].
/// </summary>
internal sealed record PNetMap(int Width, int Height, float[] Face, float[] Regression)
{
    public float Score(int x, int y) => Face[(x * Height + y) * 2 + 1];
    public float Offset(int x, int y, int k) => Regression[(x * Height + y) * 4 + k];
}

/// <summary>MTCNN.kt's <c>generateBoxes</c>: every P-Net cell scoring above the threshold becomes a 12x12 window in image pixels.</summary>
internal static class MtcnnProposals
{
    public const float PNetThreshold = 0.6f;
    public const int Stride = 2;

    /// <summary>
    /// Cells in row order (y outer, x inner, as MTCNN.kt visits them) scoring above <paramref name="threshold"/>:
    /// corners round(x*2 / scale), round((x*2 + 11) / scale) (Kotlin's round: halves to even), with the cell's regression.
    /// </summary>
    public static List<MtcnnBox> Generate(PNetMap map, float scale, float threshold = PNetThreshold)
    {
        var boxes = new List<MtcnnBox>();
        for (var y = 0; y < map.Height; y++)
        {
            for (var x = 0; x < map.Width; x++)
            {
                var score = map.Score(x, y);
                if (!(score > threshold)) continue;
                var box = new MtcnnBox(Corner(x * Stride, scale), Corner(y * Stride, scale),
                    Corner(x * Stride + MtcnnPyramid.Window - 1, scale), Corner(y * Stride + MtcnnPyramid.Window - 1, scale), score);
                for (var k = 0; k < 4; k++) box.Regression[k] = map.Offset(x, y, k);
                boxes.Add(box);
            }
        }
        return boxes;
    }

    private static int Corner(int cell, float scale) => (int)MathF.Round(cell / scale, MidpointRounding.ToEven);
}
