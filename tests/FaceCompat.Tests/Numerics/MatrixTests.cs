using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

public class MatrixTests
{
    [Fact]
    public void BadShapesAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix(-1, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix(2, -1, []));
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3, new double[5]));
        Assert.Throws<ArgumentException>(() => Matrix.FromFloats(new float[5], 2, 3));
        Assert.Contains("Cannot multiply 2x3 by 2x3", Assert.Throws<ArgumentException>(() => Matrix.Multiply(new Matrix(2, 3), false, new Matrix(2, 3), false)).Message);
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3).MultiplyLeadingBlocks(new Matrix(2, 3)));
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3).MaxAbsDifference(new Matrix(3, 2)));
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3).MaxAbsDifference(new Matrix(2, 2)));
        // 65,536 x 65,536 values do not fit an int: refused, not wrapped round to an empty array.
        Assert.Throws<OverflowException>(() => new Matrix(65_536, 65_536));
    }

    [Fact]
    public void LeadingNonZeroColumnsAndRowsCountUpToTheLastNonZero()
    {
        var m = new Matrix(4, 5);
        Assert.Equal((0, 0), (m.LeadingNonZeroColumns(), m.LeadingNonZeroRows()));
        m[0, 1] = 1;
        Assert.Equal((2, 1), (m.LeadingNonZeroColumns(), m.LeadingNonZeroRows()));
        m[2, 3] = -2;
        Assert.Equal((4, 3), (m.LeadingNonZeroColumns(), m.LeadingNonZeroRows()));
        m[1, 0] = 5; // an earlier column in a later row changes nothing
        Assert.Equal((4, 3), (m.LeadingNonZeroColumns(), m.LeadingNonZeroRows()));
        m[3, 4] = 1e-300;
        Assert.Equal((5, 4), (m.LeadingNonZeroColumns(), m.LeadingNonZeroRows()));
        // only the first rows: the last row's column 4 and the third row's column 3 are then not seen
        Assert.Equal((4, 3), (m.LeadingNonZeroColumns(3), m.LeadingNonZeroRows(3)));
        Assert.Equal((2, 2), (m.LeadingNonZeroColumns(2), m.LeadingNonZeroRows(2)));
        Assert.Equal((0, 0), (m.LeadingNonZeroColumns(0), m.LeadingNonZeroRows(0)));
    }

    [Fact]
    public void TheProductOnTheLeadingBlocksIsTheFullProduct()
    {
        // zero-padded operands, as a map and its padded inputs are
        var a = RandomMatrices.Gaussian(7, 9, 1);
        for (var i = 0; i < 7; i++) for (var j = 5; j < 9; j++) a[i, j] = 0;
        var b = RandomMatrices.Gaussian(9, 6, 2);
        for (var i = 7; i < 9; i++) for (var j = 0; j < 6; j++) b[i, j] = 0;
        for (var i = 0; i < 9; i++) for (var j = 4; j < 6; j++) b[i, j] = 0;
        Assert.True(a.MultiplyLeadingBlocks(b).MaxAbsDifference(a.Multiply(b)) < 1e-12);
        Assert.True(new Matrix(7, 9).MultiplyLeadingBlocks(b).MaxAbsDifference(new Matrix(7, 6)) == 0);
    }

    [Fact]
    public void LeadingRowsAreACopyOfTheFirstRows()
    {
        var m = RandomMatrices.Gaussian(5, 3, 21);
        var top = m.LeadingRows(2);
        Assert.Equal((2, 3), (top.Rows, top.Cols));
        Assert.Equal(m.Data[..6], top.Data);
        top[0, 0] = 42;
        Assert.NotEqual(42, m[0, 0]);
        Assert.Equal(0, m.LeadingRows(0).Rows);
    }
}
