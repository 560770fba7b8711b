namespace FaceCompat.Numerics;

/// <summary>
/// numpy's legacy <c>np.random.RandomState(seed)</c> (MT19937 seeded with <c>init_genrand</c>),
/// reproduced bit for bit for the draws FaceCompat uses, so a numpy script given the same seed
/// makes the same splits, permutations and Gaussian draws:
/// <c>permutation(n)</c>, <c>shuffle</c>, <c>random_sample()</c> and <c>standard_normal()</c>.
/// </summary>
internal sealed class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] state = new uint[N];
    private int position;
    private bool hasGauss;
    private double gauss;

    public NumpyRandomState(uint seed)
    {
        // mt19937_seed (init_genrand).
        state[0] = seed;
        for (var i = 1; i < N; i++)
            state[i] = 1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i;
        position = N;
    }

    public uint NextUInt32()
    {
        if (position >= N) Generate();
        var y = state[position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>random_sample()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary><c>standard_normal()</c> of the legacy generator (polar Box-Muller, second value cached).</summary>
    public double NextGaussian()
    {
        if (hasGauss)
        {
            hasGauss = false;
            return gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /// <summary>numpy's <c>random_interval</c>: uniform in [0, max] by masked rejection.</summary>
    public uint Interval(uint max)
    {
        if (max == 0) return 0;
        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary><c>shuffle(x)</c> of a 1-D array: Fisher-Yates from the end.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i >= 1; i--)
        {
            var j = (int)Interval((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary><c>permutation(n)</c>: a shuffled <c>arange(n)</c>.</summary>
    public int[] Permutation(int n)
    {
        var values = new int[n];
        for (var i = 0; i < n; i++) values[i] = i;
        Shuffle(values.AsSpan());
        return values;
    }

    private void Generate()
    {
        const uint upper = 0x80000000u, lower = 0x7fffffffu, matrixA = 0x9908b0dfu;
        int k;
        for (k = 0; k < N - M; k++)
        {
            var y = (state[k] & upper) | (state[k + 1] & lower);
            state[k] = state[k + M] ^ (y >> 1) ^ ((y & 1) != 0 ? matrixA : 0);
        }
        for (; k < N - 1; k++)
        {
            var y = (state[k] & upper) | (state[k + 1] & lower);
            state[k] = state[k + M - N] ^ (y >> 1) ^ ((y & 1) != 0 ? matrixA : 0);
        }
        var last = (state[N - 1] & upper) | (state[0] & lower);
        state[N - 1] = state[M - 1] ^ (last >> 1) ^ ((last & 1) != 0 ? matrixA : 0);
        position = 0;
    }
}
