namespace FaceCompat.Models.Conversion;

/// <summary>
/// A constant tensor read from TF.js weights: float32 (after any dequantisation) or int32 values
/// in row-major order with the TF shape.
/// </summary>
internal sealed class TfjsTensor
{
    public TfjsTensor(string name, long[] shape, float[] floats)
    {
        Name = name; Shape = shape; Floats = floats; Ints = null;
    }

    public TfjsTensor(string name, long[] shape, int[] ints)
    {
        Name = name; Shape = shape; Ints = ints; Floats = null;
    }

    public string Name { get; }
    public long[] Shape { get; }
    public float[]? Floats { get; }
    public int[]? Ints { get; }
    public int Rank => Shape.Length;
    public bool IsFloat => Floats is not null;
    public int Count => Floats?.Length ?? Ints!.Length;

    /// <summary>The values as int64 (shapes, axes, paddings); floats are refused.</summary>
    public long[] ToInt64(string usedBy)
    {
        if (Ints is null)
            throw new InvalidOperationException($"Constant '{Name}' used by '{usedBy}' must be an integer tensor.");
        var r = new long[Ints.Length];
        for (var i = 0; i < r.Length; i++) r[i] = Ints[i];
        return r;
    }

    /// <summary>The values as float32 (int32 values are converted).</summary>
    public float[] ToFloat()
    {
        if (Floats is not null) return Floats;
        var r = new float[Ints!.Length];
        for (var i = 0; i < r.Length; i++) r[i] = Ints[i];
        return r;
    }
}
