using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

/// <summary>The complement of orthonormal columns makes them a square orthogonal matrix.</summary>
public sealed class OrthogonalComplementTests
{
    [Theory]
    [InlineData(12, 5)]
    [InlineData(9, 1)]
    [InlineData(40, 13)]
    [InlineData(7, 7)] // nothing to complete
    [InlineData(6, 0)] // everything: an orthonormal basis of the whole space
    public void TheColumnsAndTheirComplementAreOrthonormal(int d, int b)
    {
        var p = b == 0 ? new Matrix(d, 0) : Decompositions.ThinSvd(Mapping.SyntheticEmbeddings.Gaussian(d, b, (uint)(d + b))).U;

        var c = OrthogonalComplement.Of(p);

        Assert.Equal((d, d - b), (c.Rows, c.Cols));
        AssertOrthogonal(p, c);
    }

    [Fact]
    public void ColumnsAlreadyAlongTheAxesAreCompletedByTheOtherAxes()
    {
        // e_0 and -e_1: columns with nothing below their diagonal element (no reflection at all).
        var p = new Matrix(5, 2);
        p[0, 0] = 1;
        p[1, 1] = -1;
        var c = OrthogonalComplement.Of(p);
        AssertOrthogonal(p, c);
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(0.0, c[i, j], 12); // the complement lies in the last three axes
    }

    [Fact]
    public void MoreColumnsThanRowsAreRefused() =>
        Assert.Throws<ArgumentException>(() => OrthogonalComplement.Of(new Matrix(3, 4)));

    private static void AssertOrthogonal(Matrix p, Matrix c)
    {
        var d = p.Rows;
        var q = new Matrix(d, d);
        for (var i = 0; i < d; i++)
        {
            p.Row(i).CopyTo(q.Row(i));
            c.Row(i).CopyTo(q.Row(i)[p.Cols..]);
        }
        var gram = Matrix.Multiply(q, true, q, false);
        Assert.True(gram.MaxAbsDifference(Matrix.Identity(d)) < 1e-12, $"|QᵀQ - I| = {gram.MaxAbsDifference(Matrix.Identity(d)):E3}");
    }
}
