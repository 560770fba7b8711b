using FaceCompat.Numerics;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Numerics;

/// <summary>Runs alone: the counter is process-wide, so no other test may add work while these measure differences.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FlopCounterCollection
{
    public const string Name = "flop counter";
}

[Collection(FlopCounterCollection.Name)]
public sealed class FlopCounterTests
{
    [Fact]
    public void ProductsCountTwoOperationsPerMultiplyAdd()
    {
        var before = FlopCounter.Snapshot();
        Blas.Sgemm(false, true, 3, 5, 7, 1f, new float[21], 7, new float[35], 7, 0f, new float[15], 5);
        var single = FlopCounter.Snapshot() - before;
        Assert.Equal(new FlopCount(2 * 3 * 5 * 7, 0, 0), single);

        before = FlopCounter.Snapshot();
        Blas.Dgemm(true, false, 4, 6, 9, 1.0, new double[36], 4, new double[54], 6, 0.0, new double[24], 6);
        Assert.Equal(new FlopCount(0, 2 * 4 * 6 * 9, 0), FlopCounter.Snapshot() - before);
    }

    [Fact]
    public void AShiftedTridiagonalSolveCountsFiveOperationsPerEntry()
    {
        var form = TridiagonalForm.FromTridiagonal(Matrix.Identity(4), [2, 2, 2, 2], [1, 1, 1]);
        var before = FlopCounter.Snapshot();
        form.SolveShifted(new Matrix(4, 3), 0.5);
        Assert.Equal(new FlopCount(0, 0, 5 * 4 * 3), FlopCounter.Snapshot() - before);
    }

    [Fact]
    public void AGramMatrixCountsOneTriangleOnTheNativeRoute()
    {
        var before = FlopCounter.Snapshot();
        Blas.Gram(40, 6, new double[240], new double[36]);
        var expected = Blas.UseNative ? 40 * 6 * 7 : 2 * 40 * 6 * 6;
        Assert.Equal(new FlopCount(0, expected, 0), FlopCounter.Snapshot() - before);
    }

    [Fact]
    public void DecompositionsCountTheirTextbookOperations()
    {
        var a = RandomMatrices.Gaussian(30, 12, 1);
        var spd = Matrix.Multiply(a, true, a, false);
        var n = 12.0;
        (Func<object> Run, double Expected)[] cases =
        [
            (() => Decompositions.SymmetricEigen(spd), 9 * n * n * n),
            (() => Decompositions.SymmetricEigenvalues(spd), 4.0 / 3 * n * n * n),
            (() => Decompositions.SolveSpd(spd, RandomMatrices.Gaussian(12, 5, 2)), n * n * n / 3 + 2 * n * n * 5),
            (() => Decompositions.ThinSvd(a), 6 * 30 * n * n + 20 * n * n * n),
            (() => Decompositions.FullSvd(a), 4 * 30 * 30 * n + 22 * n * n * n),
            (() => Decompositions.LeastSquares(a, RandomMatrices.Gaussian(30, 2, 3)), 4 * 30 * n * n + 8 * n * n * n + 4 * 30 * n * 2),
        ];
        foreach (var (run, expected) in cases)
        {
            var before = FlopCounter.Snapshot();
            run();
            var work = FlopCounter.Snapshot() - before;
            Assert.Equal((long)expected, (long)work.Decomposition);
            Assert.Equal(0, work.SingleGemm);
        }
    }

    [Fact]
    public void AManagedGramMatrixCountsTheWholeProductOnce()
    {
        using var _ = Blas.ForceManaged();
        var before = FlopCounter.Snapshot();
        Blas.Gram(40, 6, new double[240], new double[36]);
        Assert.Equal(new FlopCount(0, 2 * 40 * 6 * 6, 0), FlopCounter.Snapshot() - before);
    }

    [Fact]
    public void ACholeskyFactorCountsItsFactorisationOnceAndEachSolveApart()
    {
        var a = RandomMatrices.Gaussian(30, 12, 4).Gram();
        var b = RandomMatrices.Gaussian(12, 5, 5);
        double n = 12, factor = n * n * n / 3, solve = 2 * n * n * 5;
        // OpenBLAS has dpotrf and dpotrs: factor once, then two triangular solves per right-hand side
        if (Blas.NativeBackend == "openblas")
            Assert.Equal((long)(factor + 2 * solve), (long)CountedBy(() => Decompositions.Cholesky(a)));
        // the managed route (as a LAPACK without dpotrf) solves from the matrix each time
        using (Blas.ForceManaged())
            Assert.Equal((long)(2 * (factor + solve)), (long)CountedBy(() => Decompositions.Cholesky(a)));

        double CountedBy(Func<CholeskyFactorization> factorise)
        {
            var before = FlopCounter.Snapshot();
            var cholesky = factorise();
            cholesky.Solve(b);
            cholesky.Solve(b);
            return (FlopCounter.Snapshot() - before).Decomposition;
        }
    }

    [Fact]
    public void ShareOfPeakIsTheTimeAtPeakOverTheTimeTaken()
    {
        var peak = new GemmPeak(SingleFlopsPerSecond: 2e9, DoubleFlopsPerSecond: 1e9, Size: 64);
        var first = new UnitCost(4, 4) { Work = new FlopCount(4e9, 1e9, 1e9) };
        var second = new UnitCost(6, 6) { Work = new FlopCount(0, 0, 1e9) };
        var work = ExperimentWork.Of([("within", first), ("self", null), ("within", second), ("self", new UnitCost(1, 1))], peak);

        var within = Assert.Single(work);
        Assert.Equal(("within", 2, 10.0), (within.Experiment, within.Units, within.WallSeconds));
        Assert.Equal(new FlopCount(4e9, 1e9, 2e9), within.Flops);
        Assert.Equal(4e9 / 2e9 + 3e9 / 1e9, within.SecondsAtPeak, 12);
        Assert.Equal(0.5, within.ShareOfPeak, 12);
        Assert.Equal(0.7e9, within.AchievedFlopsPerSecond, 3);
    }

    [Fact]
    public void TheMeasuredPeakIsAPlausibleRate()
    {
        // 256³ multiply-adds take at least a third of a microsecond even at 100 TFLOP/s, beyond any CPU's GEMM today:
        // a peak above that means the timed product did not run (or the time was not the time taken).
        var peak = GemmPeak.Measure(size: 256, repeats: 2);
        Assert.InRange(peak.SingleFlopsPerSecond, 1e6, 1e14);
        Assert.InRange(peak.DoubleFlopsPerSecond, 1e6, 1e14);
        Assert.Equal(256, peak.Size);
        Assert.True(GemmPeak.Measure(size: 1, repeats: 1).SingleFlopsPerSecond > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmPeak.Measure(size: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmPeak.Measure(size: 4, repeats: 0));
    }
}
