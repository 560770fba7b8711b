using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>Linear heads known first by a block of W: made whole only when W is read, and then the W a whole fit gives.</summary>
public sealed class LinearHeadBlockTests
{
    private static FittedMap Fit(string spec, int sourceDim, int targetDim) =>
        MapSpec.Parse(spec).CreateFitter(7).Fit(SyntheticEmbeddings.Gaussian(60, sourceDim, 1), SyntheticEmbeddings.Gaussian(60, targetDim, 2));

    [Theory]
    [InlineData(14, 6)] // target padded: W[:, :6] known
    [InlineData(5, 13)] // source padded: W[:5, :] known
    public void ProcrustesBetweenWidthsIsCompletedToAnOrthogonalWHoldingItsBlock(int sourceDim, int targetDim)
    {
        var kind = sourceDim < targetDim ? WeightBlockKind.LeadingRows : WeightBlockKind.LeadingColumns;
        var head = (LinearHead)Fit("procrustes", sourceDim, targetDim).SourceHead;
        var known = head.Known!;
        Assert.Equal(kind, known.Kind);
        Assert.True(head.Orthogonal);
        Assert.False(head.IsComplete);
        var d = Math.Max(sourceDim, targetDim);
        Assert.Equal((d, d), (head.InputDimension, head.OutputDimension));
        var w = head.Weights;
        Assert.True(head.IsComplete);
        Assert.Same(w, head.Weights);
        Assert.True(Matrix.Multiply(w, true, w, false).MaxAbsDifference(Matrix.Identity(d)) < 1e-12, "W^T W = I");
        Assert.True(Matrix.Multiply(w, false, w, true).MaxAbsDifference(Matrix.Identity(d)) < 1e-12, "W W^T = I");
        for (var i = 0; i < known.Values.Rows; i++)
            for (var j = 0; j < known.Values.Cols; j++)
                Assert.Equal(known.Values[i, j], w[i, j]);
        // Once whole, W serves every region.
        Assert.Same(w, head.Covering(d, d));
    }

    [Fact]
    public void TheCompletedProcrustesIsTheSolutionOfTheWholeCrossCovariance()
    {
        // The padded M = X^T Y's polar factor U V^T maximises trace(W^T M); every orthogonal solution reaches the same
        // maximum, the sum of M's singular values, so the completed W must reach it too.
        var x = SyntheticEmbeddings.Gaussian(60, 5, 1);
        var y = SyntheticEmbeddings.Gaussian(60, 13, 2);
        var map = MapSpec.Parse("procrustes").CreateFitter(7).Fit(x, y);
        var pair = map.Preparation.PrepareTraining(x, y);
        var m = Matrix.Multiply(pair.PaddedSource, true, pair.PaddedTarget, false);
        var w = ((LinearHead)map.SourceHead).Weights;
        var trace = 0.0;
        for (var i = 0; i < m.Rows; i++)
            for (var j = 0; j < m.Cols; j++) trace += w[i, j] * m[i, j];
        Assert.Equal(Decompositions.ThinSvd(m).S.Sum(), trace, 10);
    }

    [Fact]
    public void ALeadingRowsBlockCoversOnlyItsRowsAndALeadingColumnsBlockOnlyItsColumns()
    {
        var rows = (LinearHead)Fit("procrustes", 5, 13).SourceHead;
        Assert.Same(rows.Known!.Values, rows.Covering(5, 13));
        Assert.False(rows.IsComplete);
        var past = rows.Covering(6, 13); // asked before W is read: a sixth row is not in the block
        Assert.True(rows.IsComplete);
        Assert.Same(rows.Weights, past);
        var columns = (LinearHead)Fit("procrustes", 14, 6).SourceHead;
        Assert.Same(columns.Known!.Values, columns.Covering(14, 6));
        Assert.False(columns.IsComplete);
        var wider = columns.Covering(14, 7);
        Assert.True(columns.IsComplete);
        Assert.Same(columns.Weights, wider);
    }

    [Theory]
    [InlineData("lstsq", 14, 6)]
    [InlineData("lstsq", 5, 13)]
    [InlineData("ridge:alpha=0.5", 14, 6)]
    [InlineData("ridge:alpha=0.5", 5, 13)]
    public void LeastSquaresAndRidgeAreZeroBorderedBlocks(string spec, int sourceDim, int targetDim)
    {
        var head = (LinearHead)Fit(spec, sourceDim, targetDim).SourceHead;
        var block = head.Known!.Values;
        Assert.Equal(WeightBlockKind.ZeroBordered, head.Known.Kind);
        Assert.Equal((sourceDim, targetDim), (block.Rows, block.Cols));
        var d = Math.Max(sourceDim, targetDim);
        Assert.Same(block, head.Covering(d, d)); // zeros beyond the block: it covers every region
        Assert.False(head.IsComplete);
        var w = head.Weights;
        Assert.Equal((d, d), (w.Rows, w.Cols));
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                Assert.Equal(i < sourceDim && j < targetDim ? block[i, j] : 0.0, w[i, j]);
    }

    [Theory]
    [InlineData(3, 5)] // the gallery reaches past the block's columns: folded (3 < 5)
    [InlineData(5, 3)] // the queries reach past the block's rows: the block's columns of z W
    public void AZeroBorderedBlockScoresAsItsWholeW(int blockRows, int blockColumns)
    {
        var block = SyntheticEmbeddings.Gaussian(blockRows, blockColumns, 11);
        var whole = TrainingPair.Embed(block, 6, 6);
        var queries = SyntheticEmbeddings.Gaussian(7, 6, 12); // every column non-zero, rows of W past the block are zero
        var galleryRows = SyntheticEmbeddings.Gaussian(9, 6, 13);
        var gallery = FaceCompat.Evaluation.Rows.Normalized(galleryRows.Data, galleryRows.Rows, 6);
        var head = LinearHead.ZeroBordered(block, 6, 6);
        var fromBlock = ScoringOperands.Of(head, queries, gallery, 6);
        var fromWhole = ScoringOperands.Of(new LinearHead(whole), queries, gallery, 6);
        Assert.False(head.IsComplete);
        Assert.Equal(fromWhole.Dimension, fromBlock.Dimension);
        Assert.Equal(fromWhole.Queries, fromBlock.Queries);
        Assert.Equal(fromWhole.Gallery, fromBlock.Gallery);
    }

    [Fact]
    public void ASavedMapFromABlockHoldsTheWholeW()
    {
        var map = Fit("procrustes", 5, 13);
        var directory = Directory.CreateTempSubdirectory("facecompat-head-");
        try
        {
            map.Save(directory.FullName);
            var loaded = (LinearHead)FittedMap.Load(directory.FullName).SourceHead;
            Assert.Equal(0.0, loaded.Weights.MaxAbsDifference(((LinearHead)map.SourceHead).Weights));
            Assert.Equal((13, 13), (loaded.Weights.Rows, loaded.Weights.Cols));
        }
        finally { directory.Delete(recursive: true); }
    }

    [Fact]
    public void BlocksThatCannotBeOfTheWAreRefused()
    {
        var block = new Matrix(3, 5);
        Assert.Throws<ArgumentException>(() => LinearHead.ZeroBordered(block, 2, 5));
        Assert.Throws<ArgumentException>(() => LinearHead.ZeroBordered(block, 3, 4));
        Assert.Equal((3, 5), (LinearHead.ZeroBordered(block, 3, 5).InputDimension, LinearHead.ZeroBordered(block, 3, 5).OutputDimension));
        Matrix Never() => throw new InvalidOperationException("not read");
        Assert.Throws<ArgumentException>(() => LinearHead.OrthogonalFromBlock(new WeightBlock(block, WeightBlockKind.LeadingRows), 4, Never));
        Assert.Throws<ArgumentException>(() => LinearHead.OrthogonalFromBlock(new WeightBlock(block, WeightBlockKind.LeadingColumns), 5, Never));
        Assert.Throws<ArgumentException>(() => LinearHead.OrthogonalFromBlock(new WeightBlock(block, WeightBlockKind.ZeroBordered), 5, Never));
        Assert.Throws<ArgumentException>(() => LinearHead.OrthogonalFromBlock(new WeightBlock(block, WeightBlockKind.LeadingRows), 3, Never));
        var rows = LinearHead.OrthogonalFromBlock(new WeightBlock(block, WeightBlockKind.LeadingRows), 5, Never);
        Assert.Equal((5, 5), (rows.InputDimension, rows.OutputDimension));
        var columns = LinearHead.OrthogonalFromBlock(new WeightBlock(new Matrix(5, 3), WeightBlockKind.LeadingColumns), 5, Never);
        Assert.Equal((5, 5), (columns.InputDimension, columns.OutputDimension));
    }
}
