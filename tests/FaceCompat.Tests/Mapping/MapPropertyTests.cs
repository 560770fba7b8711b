using FaceCompat.Embeddings;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// The maps recover known transforms of clustered synthetic embeddings, evaluated on identities
/// disjoint from the fit, and the controls fall to the unaligned baseline.
/// </summary>
public class MapPropertyTests
{
    private sealed record Scenario(Matrix SourceTrain, Matrix TargetTrain, Matrix SourceTest, Matrix TargetTest, string[] TestIdentities);

    private static Scenario Split(SyntheticEmbeddings source, Matrix target, int seed)
    {
        var split = IdentitySplit.Random(source.Identities, 0.7, seed);
        var (train, test) = split.RowIndices(source.Records());
        return new Scenario(source.Rows.SelectRows(train), target.SelectRows(train),
            source.Rows.SelectRows(test), target.SelectRows(test), test.Select(i => source.Identities[i]).ToArray());
    }

    private static double Rank1(FittedMap map, Scenario s) =>
        NearestNeighbour.Rank1(map.TransformSource(s.SourceTest), map.TransformTarget(s.TargetTest), s.TestIdentities);

    [Theory]
    [InlineData(42u)]
    [InlineData(123u)]
    [InlineData(217u)]
    public void OrthogonalTransformIsRecovered(uint seed)
    {
        const int d = 32;
        var source = SyntheticEmbeddings.Create(60, 5, d, 0.3, seed);
        var rotation = SyntheticEmbeddings.RandomOrthogonal(d, seed + 1);
        var s = Split(source, source.Rows.Multiply(rotation), (int)seed);

        foreach (var name in new[] { "procrustes", "lstsq", "procrustes-scaled" })
        {
            var map = MapSpec.Parse(name).CreateFitter().Fit(s.SourceTrain, s.TargetTrain);
            var w = ((LinearHead)map.SourceHead).Weights;
            Assert.True(w.MaxAbsDifference(rotation) <= 1e-4, $"{name}: |W - R| = {w.MaxAbsDifference(rotation)}");
            Assert.Equal(1.0, Rank1(map, s));
        }
        var baseline = MapSpec.Parse("unaligned").CreateFitter().Fit(s.SourceTrain, s.TargetTrain);
        Assert.True(Rank1(baseline, s) < 0.3);
    }

    [Theory]
    [InlineData(7u)]
    [InlineData(531u)]
    public void AffineTransformIsRecoveredWithoutNormalisation(uint seed)
    {
        const int d = 24;
        var source = SyntheticEmbeddings.Create(60, 5, d, 0.3, seed);
        var a = SyntheticEmbeddings.Gaussian(d, d, seed + 2);
        var shift = SyntheticEmbeddings.Gaussian(1, d, seed + 3);
        var target = source.Rows.Multiply(a);
        for (var i = 0; i < target.Rows; i++)
            for (var j = 0; j < d; j++) target[i, j] += shift[0, j];
        var s = Split(source, target, (int)seed);
        // Centring absorbs the translation; without L2 normalisation the relation stays affine.
        var options = new PreparationOptions { L2Normalize = false };
        var map = MapSpec.Parse("lstsq").CreateFitter().Fit(s.SourceTrain, s.TargetTrain, options);
        var w = ((LinearHead)map.SourceHead).Weights;
        Assert.True(w.MaxAbsDifference(a) <= 1e-4, $"|W - A| = {w.MaxAbsDifference(a)}");
        Assert.Equal(1.0, Rank1(map, s));
        Assert.True(map.TransformSource(s.SourceTest).MaxAbsDifference(map.TransformTarget(s.TargetTest)) < 1e-8);
    }

    [Theory]
    [InlineData(42u)]
    [InlineData(7u)]
    public void ControlsFallToBaseline(uint seed)
    {
        const int d = 32;
        var source = SyntheticEmbeddings.Create(80, 5, d, 0.3, seed);
        var s = Split(source, source.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(d, seed + 5)), (int)seed);
        var baseline = Rank1(MapSpec.Parse("unaligned").CreateFitter().Fit(s.SourceTrain, s.TargetTrain), s);
        var aligned = Rank1(MapSpec.Parse("procrustes").CreateFitter().Fit(s.SourceTrain, s.TargetTrain), s);
        Assert.Equal(1.0, aligned);
        foreach (var control in new[] { "shuffled:seed=1", "shuffled:base=lstsq:seed=2", "shuffled:base=ridge:alpha=0.1", "random-orthogonal:seed=3" })
        {
            var rank1 = Rank1(MapSpec.Parse(control).CreateFitter().Fit(s.SourceTrain, s.TargetTrain), s);
            Assert.True(Math.Abs(rank1 - baseline) <= 0.15, $"{control}: Rank-1 {rank1} vs baseline {baseline}");
            Assert.True(rank1 < 0.3, $"{control}: Rank-1 {rank1}");
        }
    }

    [Fact]
    public void SmallerSourceIsZeroPaddedAndRecovered()
    {
        // Source 16-d, target 24-d: Y = X Q with Q having orthonormal rows; W's first 16 rows must be Q.
        var source = SyntheticEmbeddings.Create(60, 5, 16, 0.3, 11);
        var q = SyntheticEmbeddings.RandomOrthogonal(24, 12);
        var qRows = new Matrix(16, 24);
        for (var i = 0; i < 16; i++) q.Row(i).CopyTo(qRows.Row(i));
        var s = Split(source, source.Rows.Multiply(qRows), 42);
        foreach (var name in new[] { "procrustes", "lstsq", "ridge:alpha=1e-9" })
        {
            var map = MapSpec.Parse(name).CreateFitter().Fit(s.SourceTrain, s.TargetTrain);
            Assert.Equal(24, map.Preparation.Source.OutputDimension);
            var w = ((LinearHead)map.SourceHead).Weights;
            var top = new Matrix(16, 24);
            for (var i = 0; i < 16; i++) w.Row(i).CopyTo(top.Row(i));
            Assert.True(top.MaxAbsDifference(qRows) <= 1e-4, $"{name}: {top.MaxAbsDifference(qRows)}");
            Assert.Equal(1.0, Rank1(map, s));
        }
    }

    [Theory]
    [InlineData(16, 24)]
    [InlineData(24, 16)]
    public void PaddedProcrustesIsOrthogonalAndScoresAsTheFullSvd(int sourceDim, int targetDim)
    {
        // The block route and the SVD of the whole padded cross-covariance may pair the padding
        // differently, but both are orthogonal and give the same mapped scores.
        var source = SyntheticEmbeddings.Create(60, 5, sourceDim, 0.3, 31);
        var mix = SyntheticEmbeddings.Gaussian(sourceDim, targetDim, 32);
        var s = Split(source, source.Rows.Multiply(mix), 42);
        var preparation = Preparation.Fit(s.SourceTrain, s.TargetTrain);
        var pair = preparation.PrepareTraining(s.SourceTrain, s.TargetTrain);
        var (block, _) = FaceCompat.Mapping.Maps.ProcrustesFitter.OrthogonalFactor(pair);
        var full = Decompositions.ThinSvd(Matrix.Multiply(pair.PaddedSource, true, pair.PaddedTarget, false));
        var fullW = full.U.Multiply(full.Vt);
        Assert.True(Matrix.Multiply(block, true, block, false).MaxAbsDifference(Matrix.Identity(24)) < 1e-10);
        var xTest = preparation.Source.Apply(s.SourceTest);
        var yTest = preparation.Target.Apply(s.TargetTest);
        var scoresBlock = Matrix.Multiply(SpacePreparation.NormalizeRows(xTest.Multiply(block), "q"), false, yTest, true);
        var scoresFull = Matrix.Multiply(SpacePreparation.NormalizeRows(xTest.Multiply(fullW), "q"), false, yTest, true);
        Assert.True(scoresBlock.MaxAbsDifference(scoresFull) < 1e-10, $"{scoresBlock.MaxAbsDifference(scoresFull)}");
    }

    [Theory]
    [InlineData("cca")]
    [InlineData("rrr:rank=32")]
    [InlineData("poly2")]
    [InlineData("ridge")]
    public void OtherMapsAlignARotatedSpace(string spec)
    {
        const int d = 32;
        var source = SyntheticEmbeddings.Create(60, 5, d, 0.3, 99);
        var s = Split(source, source.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(d, 100)), 42);
        Assert.True(Rank1(MapSpec.Parse(spec).CreateFitter().Fit(s.SourceTrain, s.TargetTrain), s) >= 0.95);
    }

    [Fact]
    public void PcaAlignmentWithWhiteningStillAligns()
    {
        var source = SyntheticEmbeddings.Create(60, 5, 32, 0.3, 5);
        var s = Split(source, source.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(32, 6)), 42);
        var options = new PreparationOptions { Matching = DimensionMatching.Pca, PcaDimension = 20, Whiten = true };
        var map = MapSpec.Parse("lstsq").CreateFitter().Fit(s.SourceTrain, s.TargetTrain, options);
        Assert.Equal(20, map.Preparation.Source.OutputDimension);
        Assert.True(Rank1(map, s) >= 0.95);
    }

    [Fact]
    public void RankOneReducedRankRegressionLosesInformation()
    {
        var source = SyntheticEmbeddings.Create(60, 5, 32, 0.3, 8);
        var s = Split(source, source.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(32, 9)), 42);
        Assert.True(Rank1(MapSpec.Parse("rrr:rank=1").CreateFitter().Fit(s.SourceTrain, s.TargetTrain), s) < 0.5);
    }
}
