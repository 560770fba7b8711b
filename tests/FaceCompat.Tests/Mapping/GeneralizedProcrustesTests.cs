using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Hub;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>Generalised Procrustes: its objective, stopping rule, starting reference and refusals, against their definitions.</summary>
public class GeneralizedProcrustesTests
{
    /// <summary>sum_i ||X_i R_i - M||^2 with M the mean of the rotated spaces, computed the long way.</summary>
    private static double Objective(IReadOnlyList<Matrix> spaces, IReadOnlyList<Matrix> rotations)
    {
        var rotated = spaces.Select((x, i) => x.Multiply(rotations[i])).ToArray();
        var mean = new Matrix(rotated[0].Rows, rotated[0].Cols);
        foreach (var r in rotated)
            for (var k = 0; k < mean.Data.Length; k++) mean.Data[k] += r.Data[k] / rotated.Length;
        return rotated.Sum(r => r.Data.Select((v, k) => (v - mean.Data[k]) * (v - mean.Data[k])).Sum());
    }

    /// <summary>Three noisy rotations of one 30 x 5 space (also the shared space's members in <see cref="SharedSpaceTests"/>).</summary>
    internal static (Matrix[] Spaces, int[] Active) ThreeNoisySpaces()
    {
        var common = SyntheticEmbeddings.Gaussian(30, 5, 1);
        var spaces = new Matrix[3];
        for (var s = 0; s < 3; s++)
        {
            var x = common.Multiply(SyntheticEmbeddings.RandomOrthogonal(5, (uint)(10 + s)));
            var noise = SyntheticEmbeddings.Gaussian(30, 5, (uint)(20 + s));
            for (var k = 0; k < x.Data.Length; k++) x.Data[k] += 0.3 * noise.Data[k];
            spaces[s] = x;
        }
        return (spaces, [5, 5, 5]);
    }

    [Fact]
    public void EachRecordedObjectiveIsTheSpreadAroundTheMeanAndTheRotationsReturnedAreThoseOfTheLast()
    {
        var (spaces, active) = ThreeNoisySpaces();
        foreach (var iterations in new[] { 1, 2, 4 })
        {
            var fit = GeneralizedProcrustes.Fit(spaces, active, tolerance: 1e-300, maxIterations: iterations);
            Assert.Equal(iterations, fit.Objectives.Count);
            Assert.False(fit.Converged);
            Assert.Equal(Objective(spaces, fit.Rotations), fit.Objectives[^1], 9);
            Assert.Equal(spaces.Sum(x => x.Data.Sum(v => v * v)), fit.TotalSquares, 9);
            foreach (var r in fit.Rotations) Assert.True(Matrix.Multiply(r, true, r, false).MaxAbsDifference(Matrix.Identity(5)) < 1e-10);
        }
        var objectives = GeneralizedProcrustes.Fit(spaces, active, 1e-300, 4).Objectives;
        Assert.True(objectives.Zip(objectives.Skip(1)).All(p => p.Second <= p.First + 1e-9), "alternating Procrustes never increases the spread");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1e-3)]
    [InlineData(1e-9)]
    public void ItStopsAtTheFirstRelativeChangeWithinTheTolerance(double tolerance)
    {
        var (spaces, active) = ThreeNoisySpaces();
        var fit = GeneralizedProcrustes.Fit(spaces, active, tolerance, maxIterations: 50);
        var o = fit.Objectives;
        Assert.True(fit.Converged);
        Assert.True(o.Count >= 2);
        Assert.True(Math.Abs(o[^2] - o[^1]) <= tolerance * o[^2]);
        for (var k = 1; k < o.Count - 1; k++) Assert.True(Math.Abs(o[k - 1] - o[k]) > tolerance * o[k - 1], $"would have stopped at {k}");
        if (tolerance == 0.5) Assert.Equal(2, o.Count); // the second objective is already within half of the first
    }

    [Fact]
    public void TheFirstOfTheWidestSpacesGivesTheHubItsAxes()
    {
        var x = SyntheticEmbeddings.Gaussian(25, 4, 3);
        var q = SyntheticEmbeddings.RandomOrthogonal(4, 4);
        var rotatedCopy = x.Multiply(q); // the same rows in other axes: the spaces agree exactly
        var fit = GeneralizedProcrustes.Fit([rotatedCopy, x], [4, 4], 1e-9, 10);
        Assert.True(fit.Rotations[0].MaxAbsDifference(Matrix.Identity(4)) < 1e-9, "the reference (first of equal widths) is not rotated");
        Assert.True(fit.Rotations[1].MaxAbsDifference(q) < 1e-9);
        Assert.True(fit.Objectives[^1] < 1e-18);

        // a narrower first space (3 of 4 columns): the wider second one is the reference
        var narrow = TrainingPair.Embed(SyntheticEmbeddings.Gaussian(25, 3, 5), 25, 4);
        var wide = GeneralizedProcrustes.Fit([narrow, x], [3, 4], 1e-300, 1);
        Assert.True(wide.Rotations[1].MaxAbsDifference(Matrix.Identity(4)) < 1e-9);
        Assert.False(wide.Rotations[0].MaxAbsDifference(Matrix.Identity(4)) < 1e-3);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        var x = SyntheticEmbeddings.Gaussian(10, 3, 6);
        Assert.Throws<FaceCompatException>(() => GeneralizedProcrustes.Fit([], [], 1e-6, 10));
        Assert.Throws<ArgumentException>(() => GeneralizedProcrustes.Fit([x], [3], 0, 10));
        Assert.Throws<ArgumentException>(() => GeneralizedProcrustes.Fit([x], [3], double.NaN, 10));
        Assert.Throws<ArgumentException>(() => GeneralizedProcrustes.Fit([x], [3], 1e-6, 0));
        Assert.Single(GeneralizedProcrustes.Fit([x], [3], 1e-6, 1).Objectives);
        Assert.Throws<FaceCompatException>(() => GeneralizedProcrustes.Fit([x, SyntheticEmbeddings.Gaussian(9, 3, 7)], [3, 3], 1e-6, 10));
        Assert.Throws<FaceCompatException>(() => GeneralizedProcrustes.Fit([x, SyntheticEmbeddings.Gaussian(10, 4, 7)], [3, 3], 1e-6, 10));
        Assert.Throws<FaceCompatException>(() => GeneralizedProcrustes.RotationOnto(x, 3, SyntheticEmbeddings.Gaussian(9, 3, 8)));
        Assert.Throws<FaceCompatException>(() => GeneralizedProcrustes.RotationOnto(x, 3, SyntheticEmbeddings.Gaussian(10, 4, 8)));
    }
}
