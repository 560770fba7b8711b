using FaceCompat.Reporting;

namespace FaceCompat.Tests.Reporting;

public class TableVocabularyTests
{
    [Theory]
    [InlineData("ridge", "alpha=0.1", 0.1)]
    [InlineData("poly2:alpha=0.0001", "", 0.0001)]
    [InlineData("ridge", "alpha=10", 10)]
    public void AlphaComesFromTheParametersOrTheMapLabel(string map, string parameters, double alpha) =>
        Assert.Equal(alpha, TableVocabulary.Alpha(map, parameters));

    [Fact]
    public void AMapWithoutAlphaHasNone() => Assert.True(double.IsNaN(TableVocabulary.Alpha("procrustes", "")));

    [Fact]
    public void StudyTablesAndTheReportOrderMapsEachTheirOwnWay()
    {
        string[] maps = ["shuffled", "unaligned", "random-orthogonal", "rrr:rank=4", "ridge:alpha=1", "procrustes", "poly2:alpha=0.1", "lstsq"];
        // study-tables: the map registry's order (fitted maps, the baseline, the controls)
        Assert.Equal(["procrustes", "lstsq", "ridge:alpha=1", "rrr:rank=4", "poly2:alpha=0.1", "unaligned", "shuffled", "random-orthogonal"],
            TableVocabulary.OrderMapLabels(maps));
        Assert.Equal(["procrustes", "lstsq", "poly2:alpha=0.1", "ridge:alpha=1", "rrr:rank=4", "unaligned", "random-orthogonal", "shuffled"],
            TableVocabulary.OrderReportMaps(maps));
    }

    [Fact]
    public void StrictComesFirst() =>
        Assert.Equal(["strict", "reference"], TableVocabulary.OrderProtocols(["reference", "strict"]));
}
