using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>AP@K divides by min(R, K): pinned with R (mates in the gallery) larger than K.</summary>
public sealed class AveragePrecisionCapTests
{
    // Unit vectors at 0°, 10°, 20°, ... so a query at 0° ranks the gallery in row order.
    private static float[] Fan(int count)
    {
        var rows = new float[count * 2];
        for (var i = 0; i < count; i++)
        {
            var angle = i * 10 * Math.PI / 180;
            rows[2 * i] = (float)Math.Cos(angle);
            rows[2 * i + 1] = (float)Math.Sin(angle);
        }
        return rows;
    }

    [Theory]
    // Gallery identities in rank order A B A A A B (R = 4 mates of A).
    // K = 2: hits at rank 1 -> sum 1 / min(4, 2) = 0.5 (dividing by R would give 0.25).
    [InlineData(2, 0.5)]
    // K = 3: hits at ranks 1 and 3 -> (1 + 2/3) / 3 = 0.5556 (by R: 0.4167).
    [InlineData(3, (1 + 2.0 / 3) / 3)]
    // K = 5: hits at 1, 3, 4, 5 -> (1 + 2/3 + 3/4 + 4/5) / 4 (R = K - 1 < K: divides by R).
    [InlineData(5, (1 + 2.0 / 3 + 3.0 / 4 + 4.0 / 5) / 4)]
    public void ApIsCappedAtK(int maxRank, double expected)
    {
        var gallery = Fan(6);
        int[] galleryIds = [1, 2, 1, 1, 1, 2];
        var result = Identification.Evaluate(Fan(1), 1, gallery, 6, 2, [1], galleryIds, IdentificationProtocol.Reference, maxRank);
        Assert.Equal(expected, result.AveragePrecision[0], 12);
        Assert.Equal(expected, result.MeanAveragePrecision, 12);
        Assert.Equal(1, result.FirstHitRank[0]);
    }

    [Fact]
    public void StrictProtocolCountsMatesWithoutTheQuerysOwnImage()
    {
        // Queries are the gallery rows themselves. Row 0's own image is excluded, so its ranking is
        // B A A A B: mates at ranks 2, 3, 4, R = 3, K = 2: sum = 1/2 over min(3, 2) = 2 -> 0.25 (by R: 0.1667).
        var gallery = Fan(6);
        int[] ids = [1, 2, 1, 1, 1, 2];
        var result = Identification.Evaluate(gallery, 6, gallery, 6, 2, ids, ids, IdentificationProtocol.Strict, 2);
        var row0 = result.EvaluatedQueries.ToList().IndexOf(0);
        Assert.Equal(0.25, result.AveragePrecision[row0], 12);
        Assert.Equal(2, result.FirstHitRank[row0]);
    }

    [Fact]
    public void PublishedApDividesByTheMatesFoundInTheTopK()
    {
        // compute_all_metrics_chunked: AP = sum P(i) rel(i) / (mates found in the top K), averaged over the
        // queries that found one. Query 0 (identity A, at 0°): top 3 = A B A -> (1 + 2/3) / 2 = 0.8333
        // (standard: / min(4, 3) = 0.5556). Query 1 (identity C, at 0°): no C in the top 3 -> left out of
        // the published mean, AP 0 in the standard one.
        var gallery = Fan(7);
        int[] galleryIds = [1, 2, 1, 1, 1, 2, 3];
        var queries = Fan(1).Concat(Fan(1)).ToArray();
        var result = Identification.Evaluate(queries, 2, gallery, 7, 2, [1, 3], galleryIds, IdentificationProtocol.Reference, 3);
        Assert.Equal((1 + 2.0 / 3) / 2, result.PublishedAveragePrecision[0], 12);
        Assert.True(double.IsNaN(result.PublishedAveragePrecision[1]));
        Assert.Equal((1 + 2.0 / 3) / 2, result.PublishedMeanAveragePrecision, 12);
        Assert.Equal(((1 + 2.0 / 3) / 3 + 0) / 2, result.MeanAveragePrecision, 12);

        // The registry reports the published mean as map@50 under reference, the standard one as map@50_standard.
        Assert.Equal(result.PublishedMeanAveragePrecision, Metrics.MapAt50.OfIdentification!(result), 15);
        Assert.Equal(result.MeanAveragePrecision, Metrics.MapAt50Standard.OfIdentification!(result), 15);
    }

    [Fact]
    public void StrictMapIsTheStandardOne()
    {
        var gallery = Fan(6);
        int[] ids = [1, 2, 1, 1, 1, 2];
        var result = Identification.Evaluate(gallery, 6, gallery, 6, 2, ids, ids, IdentificationProtocol.Strict, 2);
        Assert.Equal(result.MeanAveragePrecision, Metrics.MapAt50.OfIdentification!(result), 15);
        Assert.NotEqual(result.PublishedMeanAveragePrecision, result.MeanAveragePrecision);
    }
}
