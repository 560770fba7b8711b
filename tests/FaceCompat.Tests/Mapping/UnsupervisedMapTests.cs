using FaceCompat.Mapping;
using FaceCompat.Mapping.Maps;
using FaceCompat.Mapping.Unpaired;
using FaceCompat.Numerics;
using Xunit.Abstractions;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// The unsupervised map recovers a known rotation from two different samples with no pairs, stays at baseline
/// when the target is unrelated, and cannot read the order of the rows (so neither pairs nor labels).
/// </summary>
public class UnsupervisedMapTests(ITestOutputHelper output)
{
    /// <summary>Rows around fixed cluster centres (unequal cluster weights, so the principal axes are distinct), L2-normalised.</summary>
    internal static Matrix ClusteredSample(Matrix centres, int rows, double noise, uint seed)
    {
        var random = new NumpyRandomState(seed);
        int k = centres.Rows, d = centres.Cols;
        var weights = Enumerable.Range(1, k).Select(c => (double)c).ToArray();
        var total = weights.Sum();
        var m = new Matrix(rows, d);
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble() * total;
            var c = 0;
            while (c < k - 1 && (u -= weights[c]) > 0) c++;
            var row = m.Row(i);
            for (var j = 0; j < d; j++) row[j] = centres[c, j] + noise * random.NextGaussian();
            var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(row));
            for (var j = 0; j < d; j++) row[j] /= norm;
        }
        return m;
    }

    private static Matrix Weights(FittedMap map) => ((LinearHead)map.SourceHead).Weights;

    private static IUnpairedMapFitter Fitter(string parameters) =>
        (IUnpairedMapFitter)MapSpec.Parse("unsupervised-procrustes:init=axes" + parameters).CreateFitter();

    [Fact]
    public void RotationIsRecoveredFromDifferentSamples()
    {
        // Two independent samples of the same clustered distribution, the second rotated: no row of one is a row of the other.
        const int d = 6;
        var centres = SyntheticEmbeddings.Gaussian(12, d, 2);
        var rotation = SyntheticEmbeddings.RandomOrthogonal(d, 12);
        var source = ClusteredSample(centres, 3000, 0.03, 22);
        var target = ClusteredSample(centres, 3000, 0.03, 32).Multiply(rotation);
        var map = Fitter(":restarts=2:screen-rows=500:csls-k=50").Fit(UnpairedRows.Prepare(source, target));
        var error = Weights(map).MaxAbsDifference(rotation);
        output.WriteLine($"error {error:G4}; " + string.Join(", ", map.Notes.Select(n => $"{n.Key}={n.Value}")));
        // The statistical floor here is a few 1e-3 (cluster centres known to ~0.012 / sqrt(250) per coordinate); the
        // paired Procrustes on these samples does no better than its own noise either. 1e-3 needs ~10x the rows.
        Assert.True(error <= 5e-3, $"|W - R| = {error}");
    }

    /// <summary>Source rows of some identities, target rows (rotated) of the others: the disjoint-people setting.</summary>
    internal static (Matrix SourceTrain, Matrix TargetTrain, Matrix SourceTest, Matrix TargetTest, string[] TestIds) DisjointPeople(
        SyntheticEmbeddings data, Matrix rotation)
    {
        var ids = data.Identities;
        int[] Rows(Func<int, bool> keep) => Enumerable.Range(0, ids.Length).Where(i => keep(int.Parse(ids[i][2..]))).ToArray();
        var sourceTrain = Rows(p => p % 3 == 0);
        var targetTrain = Rows(p => p % 3 == 1);
        var test = Rows(p => p % 3 == 2);
        var rotated = data.Rows.Multiply(rotation);
        return (data.Rows.SelectRows(sourceTrain), rotated.SelectRows(targetTrain), data.Rows.SelectRows(test), rotated.SelectRows(test),
            test.Select(i => ids[i]).ToArray());
    }

    internal static double Rank1(FittedMap map, Matrix sourceTest, Matrix targetTest, string[] ids) =>
        NearestNeighbour.Rank1(map.TransformSource(sourceTest), map.TransformTarget(targetTest), ids);

    /// <summary>Identities whose centres have skewed, unequal-variance coordinates (as face spaces do; an isotropic cloud has no orientation to find).</summary>
    internal static SyntheticEmbeddings SkewedIdentities(int identities, int images, int d, double noise, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var rows = new Matrix(identities * images, d);
        var ids = new string[rows.Rows];
        var centre = new double[d];
        for (var p = 0; p < identities; p++)
        {
            for (var j = 0; j < d; j++) centre[j] = Math.Pow(0.8, j) * (-Math.Log(1 - random.NextDouble()) - 1);
            for (var k = 0; k < images; k++)
            {
                var r = p * images + k;
                var row = rows.Row(r);
                for (var j = 0; j < d; j++) row[j] = centre[j] + noise * random.NextGaussian();
                var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(row));
                for (var j = 0; j < d; j++) row[j] /= norm;
                ids[r] = $"id{p:D3}";
            }
        }
        return new SyntheticEmbeddings { Rows = rows, Identities = ids };
    }

    [Fact]
    public void UnrelatedTargetWithTheSameSpectrumStaysAtBaseline()
    {
        const int d = 8;
        var data = SkewedIdentities(900, 4, d, 0.1, 5);
        var rotation = SyntheticEmbeddings.RandomOrthogonal(d, 6);
        var s = DisjointPeople(data, rotation);
        var baseline = Rank1(MapSpec.Parse("unaligned").CreateFitter().Fit(s.SourceTrain, s.SourceTrain), s.SourceTest, s.TargetTest, s.TestIds);

        // Positive: the true target space, other people's rows.
        var fitter = Fitter(":restarts=4:screen-rows=500");
        var recovered = Rank1(fitter.Fit(UnpairedRows.Prepare(s.SourceTrain, s.TargetTrain)), s.SourceTest, s.TargetTest, s.TestIds);

        // Control: unrelated Gaussian clusters given the target's spectrum, then randomly rotated.
        var unrelated = WithSpectrumOf(SyntheticEmbeddings.Gaussian(400, d, 77), s.TargetTrain).Multiply(SyntheticEmbeddings.RandomOrthogonal(d, 78));
        var control = Rank1(fitter.Fit(UnpairedRows.Prepare(s.SourceTrain, unrelated)), s.SourceTest, s.TargetTest, s.TestIds);
        output.WriteLine($"baseline {baseline:F3}, unsupervised {recovered:F3}, unrelated-target control {control:F3}");
        Assert.True(recovered >= 0.9, $"unsupervised Rank-1 {recovered}");
        Assert.True(Math.Abs(control - baseline) <= 0.15 && control < 0.3, $"control Rank-1 {control} vs baseline {baseline}");
    }

    /// <summary>Rows recoloured so that their centred covariance has the eigenvalues of <paramref name="reference"/>'s (rows as many as given).</summary>
    internal static Matrix WithSpectrumOf(Matrix rows, Matrix reference)
    {
        static (Matrix Centred, EigenResult Eigen) Centre(Matrix m)
        {
            var c = m.Clone();
            for (var j = 0; j < c.Cols; j++)
            {
                var mean = 0.0;
                for (var i = 0; i < c.Rows; i++) mean += c[i, j];
                mean /= c.Rows;
                for (var i = 0; i < c.Rows; i++) c[i, j] -= mean;
            }
            var cov = Matrix.Multiply(c, true, c, false);
            for (var i = 0; i < cov.Data.Length; i++) cov.Data[i] /= c.Rows;
            return (c, Decompositions.SymmetricEigen(cov));
        }
        var (centred, own) = Centre(rows);
        var (_, wanted) = Centre(reference);
        var scale = new Matrix(rows.Cols, rows.Cols);
        for (var j = 0; j < rows.Cols; j++) scale[j, j] = Math.Sqrt(wanted.Values[j] / own.Values[j]);
        var recolour = own.Vectors.Multiply(scale).Multiply(own.Vectors.Transpose());
        return centred.Multiply(recolour);
    }

    [Fact]
    public void RowOrderAndPairingCannotChangeTheMap()
    {
        const int d = 8;
        var data = SyntheticEmbeddings.Create(120, 4, d, 0.15, 9);
        var target = data.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(d, 10));
        var fitter = Fitter(":restarts=3:screen-rows=300");
        var map = fitter.Fit(UnpairedRows.Prepare(data.Rows, target));
        var sourceOrder = new NumpyRandomState(1).Permutation(data.Rows.Rows);
        var targetOrder = new NumpyRandomState(2).Permutation(target.Rows);
        var shuffled = fitter.Fit(UnpairedRows.Prepare(data.Rows.SelectRows(sourceOrder), target.SelectRows(targetOrder)));
        Assert.Equal(Weights(map).Data, Weights(shuffled).Data);
        Assert.Equal(map.Notes["criterion"], shuffled.Notes["criterion"]);

        // Through the paired interface, breaking the pairing (what the shuffled control does) changes nothing either.
        var pair = Preparation.Fit(data.Rows, target).PrepareTraining(data.Rows, target);
        var paired = Weights(fitter.Fit(pair));
        Assert.Equal(paired.Data, Weights(fitter.Fit(pair.WithTargetRows(targetOrder))).Data);
        Assert.True(paired.MaxAbsDifference(Weights(map)) < 1e-9); // the same map, up to the rounding of the means
    }

    [Fact]
    public void CslsMatchesABruteForceComputation()
    {
        var source = SpacePreparation.NormalizeRows(SyntheticEmbeddings.Gaussian(37, 5, 3), "s");
        var target = SpacePreparation.NormalizeRows(SyntheticEmbeddings.Gaussian(29, 5, 4), "t");
        const int k = 4;
        var match = CslsMatching.Match(source, target, k);
        var cos = Matrix.Multiply(source, false, target, true);
        var rT = Enumerable.Range(0, 37).Select(i => Enumerable.Range(0, 29).Select(j => cos[i, j]).OrderDescending().Take(k).Average()).ToArray();
        var rS = Enumerable.Range(0, 29).Select(j => Enumerable.Range(0, 37).Select(i => cos[i, j]).OrderDescending().Take(k).Average()).ToArray();
        double Csls(int i, int j) => 2 * cos[i, j] - rT[i] - rS[j];
        for (var i = 0; i < 37; i++)
        {
            Assert.Equal(Enumerable.Range(0, 29).MaxBy(j => Csls(i, j)), match.SourceBest[i]);
            var nearest = Enumerable.Range(0, 29).OrderByDescending(j => cos[i, j]).Take(k).Order().ToArray();
            Assert.Equal(nearest, match.SourceNeighbours.AsSpan(i * k, k).ToArray().Order().ToArray());
        }
        for (var j = 0; j < 29; j++) Assert.Equal(Enumerable.Range(0, 37).MaxBy(i => Csls(i, j)), match.TargetBest[j]);
        var meanCos = Enumerable.Range(0, 37).Average(i => cos[i, match.SourceBest[i]]);
        Assert.Equal(meanCos, match.MeanBestCosine, 12);
        Assert.All(match.MutualPairs(), p => Assert.Equal(p.Source, match.TargetBest[p.Target]));
    }

    [Fact]
    public void CslsPrefersTheTrueMatchOverAHub()
    {
        // Target 0 lies between everything; plain nearest neighbours send both sources to it, CSLS does not.
        var source = SpacePreparation.NormalizeRows(new Matrix(2, 2, [1, 0.05, 0.05, 1]), "s");
        var target = SpacePreparation.NormalizeRows(new Matrix(3, 2, [1, 1, 1, -0.3, -0.3, 1]), "t");
        var match = CslsMatching.Match(source, target, 2);
        Assert.Equal([1, 2], match.SourceBest);
    }

    [Fact]
    public void PrincipalAxesFollowVarianceAndSkewness()
    {
        // Column 0: large variance, skewed negative; column 1: small variance, skewed positive.
        var random = new NumpyRandomState(3);
        var rows = new Matrix(5000, 2);
        for (var i = 0; i < rows.Rows; i++)
        {
            var e0 = -Math.Log(random.NextDouble() + 1e-300) - 1; // exponential, mean 0, skew +2
            var e1 = -Math.Log(random.NextDouble() + 1e-300) - 1;
            rows[i, 0] = -3 * e0;
            rows[i, 1] = 1 * e1;
        }
        var axes = PrincipalAxes.Of(rows, 2, 2);
        Assert.True(axes.Axes[0, 0] < -0.999, $"axis 0 = ({axes.Axes[0, 0]}, {axes.Axes[1, 0]})");
        Assert.True(axes.Axes[1, 1] > 0.999, $"axis 1 = ({axes.Axes[0, 1]}, {axes.Axes[1, 1]})");
        Assert.InRange(axes.Variances[0], 8.0, 10.0);
        Assert.InRange(axes.Variances[1], 0.85, 1.15);
        Assert.All(axes.SkewnessZ, z => Assert.True(z > 20));
    }

    [Fact]
    public void TheStartingGuessPairsTheAxesWithTheSignsOfTheRestart()
    {
        // source axes u1 = e1, u2 = e2 (3-d); target axes v1 = (0, 1), v2 = (1, 0) (2-d): W0 = s1 u1 v1^T + s2 u2 v2^T
        var source = new Matrix(3, 2);
        source[0, 0] = 1;
        source[1, 1] = 1;
        var target = new Matrix(2, 2);
        target[1, 0] = 1;
        target[0, 1] = 1;
        var w = SelfLearningProcrustes.StartingGuess(new PrincipalAxes(source, [2, 1], [30, 30]), new PrincipalAxes(target, [2, 1], [30, 30]), [1, -1]);
        Assert.Equal(3, w.Rows);
        Assert.Equal(2, w.Cols);
        Assert.Equal([0.0, 1, -1, 0, 0, 0], w.Data);
    }
}
