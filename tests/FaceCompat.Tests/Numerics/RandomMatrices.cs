using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

internal static class RandomMatrices
{
    public static Matrix Gaussian(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var m = new Matrix(rows, cols);
        for (var i = 0; i < m.Data.Length; i++)
        {
            // Box-Muller: standard normal values.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            m.Data[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return m;
    }

    public static IDisposable Backend(bool managed) => managed ? Blas.ForceManaged() : new Nothing();

    private sealed class Nothing : IDisposable { public void Dispose() { } }
}
