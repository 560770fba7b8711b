namespace FaceCompat.Numerics;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny counter-based generator that other stacks reproduce
/// bit for bit (output t = mix(seed + (t + 1) * 0x9E3779B97F4A7C15)), so random impostor pairs are
/// the same here and in the numpy cross-check.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state = seed;

    public ulong Next()
    {
        _state += Golden;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in [0, n) as Next() mod n (the bias, below n / 2^64, is negligible).</summary>
    public int NextBelow(int n) => (int)(Next() % (ulong)n);

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
