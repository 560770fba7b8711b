namespace FaceCompat.Evaluation;

/// <summary>
/// A set of float32 templates (unit rows expected), row-major, with their widened double copy made once when first
/// scored: every scenario that compares against the same set (the native B probes) shares it.
/// </summary>
internal sealed class Templates
{
    private double[]? _wide;

    public Templates(float[] rows, int dimension)
    {
        if (dimension <= 0 || rows.Length % dimension != 0)
            throw new ArgumentException($"{rows.Length} values are not rows of dimension {dimension}.");
        Rows = rows;
        Dimension = dimension;
    }

    public float[] Rows { get; }
    public int Dimension { get; }
    public int Count => Rows.Length / Dimension;

    // Stryker disable once all : widening again gives the same copy; ??= only saves the work
    internal double[] Wide => _wide ??= ExactScores.Widen(Rows);
}
