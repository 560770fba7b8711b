using FaceCompat.Analysis;

namespace FaceCompat.Tests.Analysis;

public class HierarchicalClusteringTests
{
    private static double[,] LineDistances(params double[] points)
    {
        var d = new double[points.Length, points.Length];
        for (var i = 0; i < points.Length; i++)
            for (var j = 0; j < points.Length; j++)
                d[i, j] = Math.Abs(points[i] - points[j]);
        return d;
    }

    [Fact]
    public void AverageLinkageAveragesOverAllMemberPairs()
    {
        // Points 0, 2, 3, 10: {2,3} merge at 1; 0 joins at (2+3)/2; 10 joins at (10+8+7)/3.
        var merges = HierarchicalClustering.AverageLinkage(LineDistances(0, 2, 3, 10));

        Assert.Equal(new ClusterMerge(1, 2, 1, 2), merges[0]);
        Assert.Equal(new ClusterMerge(0, 4, 2.5, 3), merges[1]);
        Assert.Equal(3, merges[2].Left);
        Assert.Equal(5, merges[2].Right);
        Assert.Equal(25.0 / 3, merges[2].Distance, 12);
        Assert.Equal(4, merges[2].Size);
    }

    [Fact]
    public void TiesAreBrokenByLowestIdsAndLeafOrderFollowsTheTree()
    {
        var merges = HierarchicalClustering.AverageLinkage(LineDistances(0, 1, 5, 6));

        Assert.Equal(new ClusterMerge(0, 1, 1, 2), merges[0]);
        Assert.Equal(new ClusterMerge(2, 3, 1, 2), merges[1]);
        Assert.Equal(new ClusterMerge(4, 5, 5, 4), merges[2]);
        Assert.Equal(new[] { 0, 1, 2, 3 }, HierarchicalClustering.LeafOrder(merges, 4));
    }

    [Fact]
    public void AsymmetricMatrixIsRefused()
    {
        var d = LineDistances(0, 1, 2);
        d[0, 2] = 7;
        Assert.Throws<ArgumentException>(() => HierarchicalClustering.AverageLinkage(d));
    }
}
