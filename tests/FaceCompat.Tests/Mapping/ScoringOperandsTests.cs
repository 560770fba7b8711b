using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>
/// Scoring at the smaller dimension: the dot products of <see cref="ScoringOperands"/> are the cosines of the full
/// comparison space (mapped query against gallery row, both at the padded dimension), computed here the long way.
/// </summary>
public sealed class ScoringOperandsTests
{
    [Theory]
    // target the smaller side: the gallery's padded columns are skipped
    [InlineData("procrustes", 14, 6, 6)]
    [InlineData("lstsq", 14, 6, 6)]
    [InlineData("ridge:alpha=0.5", 14, 6, 6)]
    [InlineData("unaligned", 14, 6, 6)]
    [InlineData("random-orthogonal", 14, 6, 6)]
    [InlineData("procrustes", 14, 14, 14)]
    // source the smaller side: a linear map is folded into the gallery and the raw source rows are scored (an
    // orthogonal one through its own rows, least squares and ridge through their SVD's); the unaligned baseline's
    // mapped queries fill only the source's columns
    [InlineData("procrustes", 5, 13, 5)]
    [InlineData("lstsq", 5, 13, 5)]
    [InlineData("ridge:alpha=0.5", 5, 13, 5)]
    [InlineData("random-orthogonal", 5, 13, 5)]
    [InlineData("unaligned", 5, 13, 5)]
    // same dimension: nothing to skip
    [InlineData("procrustes", 9, 9, 9)]
    public void DotProductsAreTheCosinesOfTheComparisonSpace(string spec, int sourceDim, int targetDim, int expectedWidth)
    {
        var map = MapSpec.Parse(spec).CreateFitter(7).Fit(SyntheticEmbeddings.Gaussian(60, sourceDim, 1), SyntheticEmbeddings.Gaussian(60, targetDim, 2));
        var (xTest, yTest) = (SyntheticEmbeddings.Gaussian(11, sourceDim, 3), SyntheticEmbeddings.Gaussian(9, targetDim, 4));
        var comparison = map.SourceHead.OutputDimension;
        var gallery = FaceCompat.Evaluation.Rows.Normalized(map.TransformTarget(yTest).Data, yTest.Rows, comparison);

        var operands = ScoringOperands.Of(map.SourceHead, map.Preparation.Source.Apply(xTest), gallery, comparison);

        Assert.Equal(expectedWidth, operands.Dimension);
        // Between spaces of different widths, Procrustes, least squares and ridge are scored from the block of W they
        // know (leading rows or columns of an orthogonal W, the active block of a zero-bordered one): W is not made whole.
        if (sourceDim != targetDim && spec is "procrustes" or "lstsq" or "ridge:alpha=0.5")
            Assert.False(((LinearHead)map.SourceHead).IsComplete, $"{spec} {sourceDim} -> {targetDim}: scoring made W whole");
        Assert.Equal(xTest.Rows * expectedWidth, operands.Queries.Length);
        Assert.Equal(yTest.Rows * expectedWidth, operands.Gallery.Length);
        var mapped = map.TransformSource(xTest);
        var worst = 0.0;
        for (var i = 0; i < xTest.Rows; i++)
        {
            var q = mapped.Row(i);
            var norm = Math.Sqrt(Dot(q, q));
            for (var g = 0; g < yTest.Rows; g++)
            {
                double expected = 0, actual = 0;
                for (var j = 0; j < comparison; j++) expected += q[j] * gallery[g * comparison + j];
                expected /= norm;
                for (var j = 0; j < expectedWidth; j++) actual += (double)operands.Queries[i * expectedWidth + j] * operands.Gallery[g * expectedWidth + j];
                worst = Math.Max(worst, Math.Abs(actual - expected));
            }
        }
        Assert.True(worst < 2e-6, $"{spec} {sourceDim} -> {targetDim}: max |score - cosine| = {worst:E3}");
        // The scores are cosines, not a constant: some clearly positive, some clearly negative.
        Assert.Contains(Enumerable.Range(0, xTest.Rows * yTest.Rows), k => Score(operands, k / yTest.Rows, k % yTest.Rows) > 0.1);
        Assert.Contains(Enumerable.Range(0, xTest.Rows * yTest.Rows), k => Score(operands, k / yTest.Rows, k % yTest.Rows) < -0.1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFoldedMapCountsTheMappedRowsMassOutsideTheGallerysColumns(bool orthogonal)
    {
        // W: 12 x 12, its first 4 rows real (the source's 4 coordinates); the gallery uses only 7 of the 12 columns,
        // so a mapped query's norm includes 5 columns no gallery row meets. The gallery is folded in blocks: two
        // whole ones and a partial one.
        var w = orthogonal ? Orthonormal(12, 5) : SyntheticEmbeddings.Gaussian(12, 12, 6);
        if (!orthogonal)
            for (var r = 4; r < 12; r++) w.Row(r).Clear();
        var z = SyntheticEmbeddings.Gaussian(8, 12, 7);
        for (var i = 0; i < z.Rows; i++) z.Row(i)[4..].Clear();
        z.Row(3).Clear(); // an all-zero query stays zero
        var galleryRows = SyntheticEmbeddings.Gaussian(2 * ScoringOperands.FoldBlockRows + 5, 12, 8);
        for (var i = 0; i < galleryRows.Rows; i++) galleryRows.Row(i)[7..].Clear();
        var gallery = FaceCompat.Evaluation.Rows.Normalized(galleryRows.Data, galleryRows.Rows, 12);

        var operands = ScoringOperands.Of(new LinearHead(w, orthogonal), z, gallery, 12);
        // the same gallery without its zero padding: only its 7 columns (W still writes all 12)
        var narrow = new float[galleryRows.Rows * 7];
        for (var g = 0; g < galleryRows.Rows; g++) gallery.AsSpan(g * 12, 7).CopyTo(narrow.AsSpan(g * 7, 7));
        var fromNarrow = ScoringOperands.Of(new LinearHead(w, orthogonal), z, narrow, 7);

        Assert.Equal(4, operands.Dimension);
        AssertCosines(operands, z.Multiply(w), gallery, "");
        Assert.Equal(operands.Dimension, fromNarrow.Dimension);
        Assert.Equal(operands.Queries, fromNarrow.Queries);
        Assert.Equal(operands.Gallery, fromNarrow.Gallery);
        Assert.All(operands.Queries.AsSpan(3 * 4, 4).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(galleryRows.Rows * 4, operands.Gallery.Length);
        Assert.Contains(Enumerable.Range(0, galleryRows.Rows), g => Math.Abs(Score(operands, 0, g)) > 0.3);
    }

    [Theory]
    [InlineData("lstsq")]
    [InlineData("ridge:alpha=0.5")]
    public void ALinearMapBetweenRelatedSpacesIsFolded(string spec)
    {
        // B's rows are A's rows through 5 orthonormal directions of a 13-d space, plus a little noise: the fitted
        // map is folded, and the scores are still the comparison space's cosines.
        var basis = Orthonormal(13, 9);
        Matrix Related(Matrix x, uint seed)
        {
            var y = x.Multiply(new Matrix(5, 13, basis.Data.AsSpan(0, 5 * 13).ToArray()));
            var noise = SyntheticEmbeddings.Gaussian(x.Rows, 13, seed);
            for (var k = 0; k < y.Data.Length; k++) y.Data[k] += 0.01 * noise.Data[k];
            return y;
        }
        var xTrain = SyntheticEmbeddings.Gaussian(80, 5, 1);
        var map = MapSpec.Parse(spec).CreateFitter(7).Fit(xTrain, Related(xTrain, 2));
        var xTest = SyntheticEmbeddings.Gaussian(11, 5, 3);
        var yTest = Related(SyntheticEmbeddings.Gaussian(9, 5, 4), 5);
        var gallery = FaceCompat.Evaluation.Rows.Normalized(map.TransformTarget(yTest).Data, yTest.Rows, 13);

        var operands = ScoringOperands.Of(map.SourceHead, map.Preparation.Source.Apply(xTest), gallery, 13);

        Assert.Equal(5, operands.Dimension);
        AssertCosines(operands, map.TransformSource(xTest), gallery, spec);
    }

    [Theory]
    [InlineData(1e-3)] // two rows of W 1e-3 apart, a query along their difference: ‖z W‖ about 1e-3 ‖z‖
    [InlineData(0.0)]  // two equal rows: the map sends that query to zero while it is not zero
    public void AnIllConditionedMapIsFoldedWithoutGrowingItsRounding(double gap)
    {
        // Folded through W's own rows, the query z = (0, 0, 1, -1) / ‖z W‖ would meet gallery rows g W₁ᵀ whose two
        // nearly equal coordinates cancel: terms about 1,000 times a padded score's, float32 rounding about 1e-4.
        // The scores must still be the cosines to 1e-6.
        var w = SyntheticEmbeddings.Gaussian(12, 12, 11);
        for (var r = 4; r < 12; r++) w.Row(r).Clear();
        var noise = SyntheticEmbeddings.Gaussian(1, 12, 14);
        for (var j = 0; j < 12; j++) w[3, j] = w[2, j] + gap * noise[0, j];
        var z = SyntheticEmbeddings.Gaussian(6, 12, 12);
        for (var i = 0; i < z.Rows; i++) z.Row(i)[4..].Clear();
        z.Row(5).Clear();
        (z[5, 2], z[5, 3]) = (2, -2);
        var galleryRows = SyntheticEmbeddings.Gaussian(5, 12, 13);
        for (var i = 0; i < galleryRows.Rows; i++) galleryRows.Row(i)[7..].Clear();
        var gallery = FaceCompat.Evaluation.Rows.Normalized(galleryRows.Data, galleryRows.Rows, 12);

        var operands = ScoringOperands.Of(new LinearHead(w), z, gallery, 12);

        Assert.Equal(4, operands.Dimension); // folded: the source's 4 columns, not the gallery's 7
        AssertCosines(operands, z.Multiply(w), gallery, $"gap {gap}");
        if (gap > 0) Assert.Contains(Enumerable.Range(0, 5), g => Math.Abs(Score(operands, 5, g)) > 0.1);
    }

    [Theory]
    [InlineData("procrustes", 5, 13)] // folded
    [InlineData("lstsq", 5, 13)]      // folded through the SVD
    [InlineData("lstsq", 13, 5)]      // the gallery's columns of z W
    [InlineData("unaligned", 5, 13)]  // the general route (the head applied to padded queries)
    [InlineData("cca", 5, 13)]        // the general route with a linear head (W's columns are all written)
    [InlineData("poly2", 5, 13)]      // the general route with a kernel head
    public void QueriesAndGalleryWithoutTheirZeroPaddingGiveTheSameOperands(string spec, int sourceDim, int targetDim)
    {
        var map = MapSpec.Parse(spec).CreateFitter(7).Fit(SyntheticEmbeddings.Gaussian(60, sourceDim, 1), SyntheticEmbeddings.Gaussian(60, targetDim, 2));
        var (xTest, yTest) = (SyntheticEmbeddings.Gaussian(11, sourceDim, 3), SyntheticEmbeddings.Gaussian(9, targetDim, 4));
        var comparison = map.SourceHead.OutputDimension;
        var gallery = FaceCompat.Evaluation.Rows.Normalized(map.TransformTarget(yTest).Data, yTest.Rows, comparison);
        var unpaddedRows = map.TransformTargetUnpadded(yTest);
        var unpaddedGallery = FaceCompat.Evaluation.Rows.Normalized(unpaddedRows.Data, yTest.Rows, unpaddedRows.Cols);
        var padded = map.Preparation.Source.Apply(xTest);
        var active = map.Preparation.Source.ApplyActive(xTest);

        var expected = ScoringOperands.Of(map.SourceHead, padded, gallery, comparison);
        var actual = ScoringOperands.Of(map.SourceHead, active, unpaddedGallery, unpaddedRows.Cols);

        Assert.Equal((13, sourceDim), (padded.Cols, active.Cols));
        // the identity target head leaves the target's own columns; CCA's linear head fills its components
        Assert.Equal(map.TargetHead is IdentityHead ? targetDim : comparison, unpaddedRows.Cols);
        Assert.Equal(expected.Dimension, actual.Dimension);
        Assert.Equal(expected.Queries, actual.Queries);
        Assert.Equal(expected.Gallery, actual.Gallery);
        Assert.Throws<ArgumentException>(() => ScoringOperands.Of(map.SourceHead, SyntheticEmbeddings.Gaussian(3, 14, 5), gallery, comparison));
    }

    /// <summary>Every score is the cosine of the mapped query (a row of <paramref name="mapped"/>) and the gallery row in the
    /// comparison space, to 1e-6; a zero mapped query scores 0.</summary>
    private static void AssertCosines(ScoringOperands operands, Matrix mapped, float[] gallery, string what)
    {
        var dimension = mapped.Cols;
        for (var i = 0; i < mapped.Rows; i++)
        {
            var q = mapped.Row(i);
            var norm = Math.Sqrt(Dot(q, q));
            for (var g = 0; g < gallery.Length / dimension; g++)
            {
                var expected = 0.0;
                if (norm > 0)
                    for (var j = 0; j < dimension; j++) expected += q[j] * gallery[g * dimension + j] / norm;
                Assert.True(Math.Abs(expected - Score(operands, i, g)) < 1e-6, $"{what} query {i}, gallery {g}: {Score(operands, i, g)} vs {expected}");
            }
        }
    }

    /// <summary>A random orthogonal matrix (QR of a Gaussian one, by Gram-Schmidt).</summary>
    private static Matrix Orthonormal(int n, uint seed)
    {
        var m = SyntheticEmbeddings.Gaussian(n, n, seed);
        for (var i = 0; i < n; i++)
        {
            var row = m.Row(i);
            for (var p = 0; p < i; p++)
            {
                var d = Dot(row, m.Row(p));
                for (var j = 0; j < n; j++) row[j] -= d * m[p, j];
            }
            var norm = Math.Sqrt(Dot(row, row));
            for (var j = 0; j < n; j++) row[j] /= norm;
        }
        return m;
    }

    [Fact]
    public void AnAllZeroQueryRowScoresZero()
    {
        var w = Matrix.Identity(4);
        var z = new Matrix(2, 4);
        z[1, 0] = 3;
        var operands = ScoringOperands.Of(new LinearHead(w), z, [1f, 0, 0, 0, 0, 1f, 0, 0], 4);
        Assert.All(operands.Queries.AsSpan(0, operands.Dimension).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(1.0, Score(operands, 1, 0), 6);
    }

    private static double Score(ScoringOperands o, int query, int gallery)
    {
        double s = 0;
        for (var j = 0; j < o.Dimension; j++) s += (double)o.Queries[query * o.Dimension + j] * o.Gallery[gallery * o.Dimension + j];
        return s;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    [Fact]
    public void LeadingNonZeroColumnsIsOnePastTheLastColumnAnyRowUses()
    {
        Assert.Equal(0, ScoringOperands.LeadingNonZeroColumns(new float[12], 4));
        Assert.Equal(0, ScoringOperands.LeadingNonZeroColumns([], 4));
        // rows of 4: the last non-zero columns are 1, 0 and 2
        float[] rows = [0, 5, 0, 0, 3, 0, 0, 0, 0, 0, -1, 0];
        Assert.Equal(3, ScoringOperands.LeadingNonZeroColumns(rows, 4));
        rows[7] = 2; // the second row now reaches the last column
        Assert.Equal(4, ScoringOperands.LeadingNonZeroColumns(rows, 4));
        Assert.Equal(1, ScoringOperands.LeadingNonZeroColumns([0, 0, 0, 7, 0, 0], 3)); // only the second row uses a column
    }

    [Fact]
    public void AGalleryThatIsNotWholeRowsOfTheMapsDimensionIsRefused()
    {
        var head = new LinearHead(Matrix.Identity(3));
        var queries = SyntheticEmbeddings.Gaussian(2, 3, 4);
        Assert.Throws<ArgumentException>(() => ScoringOperands.Of(head, queries, new float[7], 3));
        Assert.Throws<ArgumentException>(() => ScoringOperands.Of(head, queries, new float[8], 4));
        Assert.Equal(3, ScoringOperands.Of(head, queries, [1, 0, 0, 0, 1, 1], 3).Dimension);
        Assert.Throws<ArgumentException>(() => ScoringOperands.Of(head, queries, [], 0)); // rows of no column
    }
}
