using BenchmarkDotNet.Attributes;
using FaceCompat.Numerics;

namespace FaceCompat.Benchmarks;

/// <summary>
/// The decomposition every ridge penalty and least squares' conditioning check of one training set share, at the
/// study's largest source width (a = 1,024; b = 128 for faceres → faceapi, 512 for a 512-d target): the eigendecomposition
/// (dsyevd; W = V diag(1/(λ+α)) Vᵀ C) against the tridiagonal form (dsytrd + dorgtr; W = Q (T+αI)⁻¹ Qᵀ C, eigenvalues by
/// dsterf), one and seven penalties. Run:
/// dotnet run -c Release --project bench/FaceCompat.Benchmarks -- --filter '*RidgeDecomposition*' --job short
/// </summary>
public class RidgeDecompositionBenchmarks
{
    private Matrix gram = null!;
    private Matrix cross = null!;

    [Params(128, 512)]
    public int TargetWidth { get; set; }

    [Params(1, 7)]
    public int Penalties { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int rows = 6_600, a = 1_024;
        var random = new NumpyRandomState(3);
        var x = new Matrix(rows, a);
        for (var i = 0; i < x.Data.Length; i++) x.Data[i] = random.NextGaussian();
        var y = new Matrix(rows, TargetWidth);
        for (var i = 0; i < y.Data.Length; i++) y.Data[i] = random.NextGaussian();
        gram = x.Gram();
        cross = Matrix.Multiply(x, true, y, false);
    }

    [Benchmark(Baseline = true, Description = "eigendecomposition")]
    public double Eigen()
    {
        var eigen = Decompositions.SymmetricEigen(gram);
        var rotated = Matrix.Multiply(eigen.Vectors, true, cross, false);
        var checksum = eigen.Values[0];
        for (var p = 0; p < Penalties; p++)
        {
            var scaled = rotated.Clone();
            for (var i = 0; i < scaled.Rows; i++)
            {
                var row = scaled.Row(i);
                for (var j = 0; j < row.Length; j++) row[j] /= eigen.Values[i] + Math.Pow(10, p - 3);
            }
            checksum += eigen.Vectors.Multiply(scaled).Data[0];
        }
        return checksum;
    }

    [Benchmark(Description = "tridiagonal form")]
    public double Tridiagonal()
    {
        var form = Decompositions.Tridiagonalize(gram);
        var rotated = form.ApplyTransposeOfQ(cross);
        var checksum = form.Eigenvalues[0];
        for (var p = 0; p < Penalties; p++)
            checksum += form.ApplyQ(form.SolveShifted(rotated, Math.Pow(10, p - 3))).Data[0];
        return checksum;
    }
}
