using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// <see cref="GallerySearch"/> ranks a gallery read block by block exactly as ranking the whole gallery at once does:
/// the same rows, best first, equal scores (duplicate gallery rows in different blocks) by lower gallery row.
/// </summary>
public sealed class GallerySearchTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static float[] Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, rows * cols).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>The oracle: every score at once, a stable sort by score descending.</summary>
    private static int[] WholeGalleryBest(float[] probes, int probeCount, float[] gallery, int galleryRows, int dim, int k)
    {
        var q = Rows.Normalized(probes, probeCount, dim);
        var g = Rows.Normalized(gallery, galleryRows, dim);
        var scores = new float[probeCount * galleryRows];
        SimilarityBlocks.Multiply(q, probeCount, g, galleryRows, dim, scores);
        return Enumerable.Range(0, probeCount).SelectMany(p => Enumerable.Range(0, galleryRows)
            .OrderByDescending(i => scores[p * galleryRows + i]).ThenBy(i => i).Take(k)).ToArray();
    }

    [Theory]
    [InlineData(97, 5)]
    [InlineData(1, 3)]
    [InlineData(5000, 10)]
    public void BlocksGiveTheWholeGallerysRanking(int blockRows, int k)
    {
        const int dim = 8, rows = 1000, probeCount = 40;
        var gallery = Random(rows, dim, 1);
        var probes = Random(probeCount, dim, 2);
        // mates: probe p's own direction (scaled) at rows far apart, and again as exact duplicates in later blocks (ties)
        for (var p = 0; p < 10; p++)
            foreach (var at in new[] { 13 + 90 * p, 500 + 41 * p })
                for (var j = 0; j < dim; j++) gallery[at * dim + j] = probes[p * dim + j] * 3;
        var path = _temp.Sub("gallery.npy");
        NpyWriter.WriteFloat32(path, gallery, rows, dim);

        var result = GallerySearch.Search(probes, probeCount, path, k, blockRows);
        Assert.Equal(WholeGalleryBest(probes, probeCount, gallery, rows, dim, k), result.Rows);
        for (var p = 0; p < 10; p++)
        {
            Assert.Equal(13 + 90 * p, result.Rows[p * k]); // the duplicate later in the gallery ranks second
            if (k > 1) Assert.Equal(500 + 41 * p, result.Rows[p * k + 1]);
            Assert.Equal(1f, result.Scores[p * k], 5);
        }
        Assert.All(Enumerable.Range(0, probeCount), p => Assert.True(result.Scores.AsSpan(p * k, k).ToArray().SequenceEqual(result.Scores.AsSpan(p * k, k).ToArray().OrderDescending())));
        Assert.Equal(2.0 * probeCount * rows * dim, result.GemmFlops);
    }

    [Fact]
    public void ABadGalleryRowOrAMismatchedDimensionIsRefusedClearly()
    {
        var gallery = Random(300, 4, 3);
        Array.Clear(gallery, 250 * 4, 4);
        var path = _temp.Sub("g.npy");
        NpyWriter.WriteFloat32(path, gallery, 300, 4);
        Assert.Contains("row 250 is all zeros", Assert.Throws<FaceCompatException>(() => GallerySearch.Search(Random(2, 4, 4), 2, path, 3, 64)).Message);
        Assert.Contains("the probes have 5 dimensions but the gallery", Assert.Throws<FaceCompatException>(() => GallerySearch.Search(Random(2, 5, 4), 2, path, 3)).Message);
        Assert.Contains("fewer than the 400", Assert.Throws<FaceCompatException>(() => GallerySearch.Search(Random(2, 4, 4), 2, path, 400)).Message);
    }

    [Fact]
    public void OneProbeOneMatchAndAsManyMatchesAsRowsAreAllowed()
    {
        const int dim = 4, rows = 30;
        var gallery = Random(rows, dim, 5);
        var path = _temp.Sub("small.npy");
        NpyWriter.WriteFloat32(path, gallery, rows, dim);
        var probe = Random(1, dim, 6);
        Assert.Equal(WholeGalleryBest(probe, 1, gallery, rows, dim, 1), GallerySearch.Search(probe, 1, path, 1).Rows);
        Assert.Equal(WholeGalleryBest(probe, 1, gallery, rows, dim, rows), GallerySearch.Search(probe, 1, path, rows, 7).Rows);
        Assert.Contains("k must be at least 1", Assert.Throws<FaceCompatException>(() => GallerySearch.Search(probe, 1, path, 0)).Message);
        Assert.Contains("no probes", Assert.Throws<FaceCompatException>(() => GallerySearch.Search([], 0, path, 1)).Message);
        Assert.Throws<OperationCanceledException>(() => GallerySearch.Search(probe, 1, path, 1, cancellation: new CancellationToken(true)));
        probe[2] = float.NaN;
        Assert.Contains("probes", Assert.Throws<FaceCompatException>(() => GallerySearch.Search(probe, 1, path, 1)).Message);
    }

    [Fact]
    public void ProbesBeyondOneScoreChunkAreEachRankedWithTheirOwnRow()
    {
        // a small gallery lets a score chunk hold SimilarityBlocks.BlockRows(20) = 2,048 probes: 2,100 take two chunks
        const int dim = 4, rows = 20, probeCount = 2_100;
        Assert.True(SimilarityBlocks.BlockRows(rows) < probeCount);
        var gallery = Random(rows, dim, 7);
        var probes = Random(probeCount, dim, 8);
        var path = _temp.Sub("chunks.npy");
        NpyWriter.WriteFloat32(path, gallery, rows, dim);
        var result = GallerySearch.Search(probes, probeCount, path, 3);
        Assert.Equal(WholeGalleryBest(probes, probeCount, gallery, rows, dim, 3), result.Rows);
    }

    [Fact]
    public void MatchesAreWrittenAsCsvWithRanksFromOne()
    {
        var result = new GallerySearchResult(2, 2, 10, 4, [7, 3, 0, 9], [0.5f, 0.25f, 1f, -0.125f], TimeSpan.Zero);
        var path = _temp.Sub("matches.csv");
        result.WriteCsv(path);
        Assert.Equal([GallerySearchResult.CsvHeader, "0,1,7,0.5", "0,2,3,0.25", "1,1,0,1", "1,2,9,-0.125"], File.ReadAllLines(path));
    }
}
