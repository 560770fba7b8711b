using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

public class MetricRegistryTests
{
    [Fact]
    public void RowsListTheMetricsInTheirRegisteredOrder()
    {
        Assert.Equal(["rank1", "rank5", "rank10", "rank20", "map@50", "map@50_standard", "chance_rank1", "queries", "queries_without_mate"],
            Metrics.Identification.Select(m => m.Name));
        Assert.Equal(["auc", "eer", "tmr@fmr=0.0001", "tmr@fmr=0.0001_interp", "tmr@fmr=0.001", "tmr@fmr=0.001_interp",
            "tmr@fmr=0.01", "tmr@fmr=0.01_interp", "tmr@fmr=0.1", "tmr@fmr=0.1_interp", "genuine_pairs", "impostor_pairs"],
            Metrics.Verification.Select(m => m.Name));
    }

    [Fact]
    public void WhatTheStudyDoesWithEachMetricDerivesFromItsEntry()
    {
        Assert.Equal(["rank1", "map@50", "auc", "eer"], Metrics.PairedTestedMetrics.Select(m => m.Name));
        Assert.Equal(["rank1", "map@50", "map@50_standard"], Metrics.BootstrappedMetrics.Select(m => m.Name));
        Assert.Equal(["rank1", "map@50", "eer", "tmr@fmr=0.001"], Metrics.Tabulated.Select(m => m.Name));
        Assert.Equal(["rank1", "rank5", "rank10", "map@50", "auc", "eer", "tmr@fmr=0.0001", "tmr@fmr=0.001", "tmr@fmr=0.01", "tmr@fmr=0.1"],
            Metrics.All.Where(m => m.Headline).Select(m => m.Name));
        Assert.Equal(MetricDirection.LowerIsBetter, Metrics.Eer.Direction);
        Assert.True(Metrics.Find("cmc@7")!.CurvePoint);
        Assert.Null(Metrics.Find("cmc@0"));
        Assert.False(Metrics.IsRate("relative_rank1"));
        Assert.False(Metrics.IsRate("impostor_pairs"));
        Assert.True(Metrics.IsRate("tmr@fmr=0.01_interp"));
    }

    [Fact]
    public void ValuesComeFromTheResultEachMetricNames()
    {
        // one query per identity pair: 0 and 1 share identity 0, 2 and 3 identity 1; queries hit their mate at rank 1 or 2
        float[] queries = [1, 0, 0, 1, 0, 1, 1, 0];
        float[] gallery = [1, 0, 0.9f, 0.1f, 0, 1, 0.1f, 0.9f];
        int[] ids = [0, 0, 1, 1];
        var result = Identification.Evaluate(queries, 4, gallery, 4, 2, ids, ids, [IdentificationProtocol.Strict])[IdentificationProtocol.Strict];
        var values = Metrics.Values(result).ToDictionary(v => v.Metric.Name, v => v.Value);
        Assert.Equal(result.Rank1, values["rank1"]);
        Assert.Equal(result.MeanAveragePrecision, values["map@50"]);
        Assert.Equal(result.MeanAveragePrecision, values["map@50_standard"]);
        Assert.Equal(result.QueryCount, values["queries"]);
        Assert.Equal(result.Cmc[1], values["cmc@2"]);
        Assert.Equal(result.Cmc.Length, values.Keys.Count(k => k.StartsWith("cmc@", StringComparison.Ordinal)));
        var perQuery = Metrics.Rank1.PerQuery!(result);
        Assert.Equal(result.Rank1, perQuery.Average(), 12);
    }

    [Fact]
    public void PerQueryValuesFollowTheProtocolsDefinitions()
    {
        // query 0 hits at rank 1; query 1 finds no mate in its top 1 (maxRank 1): published AP NaN, standard AP 0
        float[] queries = [1, 0, 0, 1];
        float[] gallery = [1, 0, 0.9f, -0.1f];
        int[] queryIds = [0, 1];
        int[] galleryIds = [0, 1];
        var results = Identification.Evaluate(queries, 2, gallery, 2, 2, queryIds, galleryIds, [IdentificationProtocol.Reference], maxRank: 1);
        var reference = results[IdentificationProtocol.Reference];
        Assert.Equal([1.0, 0.0], Metrics.Rank1.PerQuery!(reference));
        Assert.Equal(reference.PublishedAveragePrecision, Metrics.MapAt50.PerQuery!(reference));
        Assert.True(double.IsNaN(Metrics.MapAt50.PerQuery!(reference)[1]));
        Assert.Equal(reference.AveragePrecision, Metrics.MapAt50Standard.PerQuery!(reference));
        Assert.Equal([1.0, 0.0], Metrics.MapAt50Standard.PerQuery!(reference));
    }
}
