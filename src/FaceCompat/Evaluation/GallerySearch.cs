using System.Diagnostics;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Evaluation;

/// <summary>
/// Ranks probes against a gallery file of any size by cosine similarity: the gallery is read a block of rows at a
/// time (<see cref="NpyRowReader"/>), each block scored against the probes with one GEMM per probe chunk
/// (<see cref="SimilarityBlocks"/>) and each probe's block top-k (<see cref="TopK"/>) merged into its running top-k.
/// Memory is the probes, one gallery block and one score block, whatever the gallery's size. The result is exactly
/// what ranking the whole gallery at once gives: scores best first, equal scores by lower gallery row.
/// </summary>
public static class GallerySearch
{
    /// <summary>Gallery rows per block: 64 Ki rows (256 MiB of a 1,024-d float32 gallery).</summary>
    public const int DefaultBlockRows = 65_536;

    public static GallerySearchResult Search(float[] probes, int probeCount, string galleryPath, int k, int blockRows = DefaultBlockRows,
        CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        if (k < 1) throw new FaceCompatException($"k must be at least 1, got {k}.");
        if (probeCount < 1) throw new FaceCompatException("no probes to search with.");
        var clock = Stopwatch.StartNew();
        using var gallery = NpyRowReader.Open(galleryPath);
        var dimension = gallery.Cols;
        if (probes.Length != probeCount * dimension)
            throw new FaceCompatException($"the probes have {probes.Length / probeCount} dimensions but the gallery {galleryPath} has {dimension}.");
        if (gallery.Rows < k) throw new FaceCompatException($"{galleryPath}: {gallery.Rows} rows, fewer than the {k} asked for per probe.");
        EmbeddingChecks.RequireUsableRows(probes, probeCount, dimension, "probes");
        var queries = Evaluation.Rows.Normalized(probes, probeCount, dimension);

        var best = new int[probeCount * k];
        var bestScores = new float[probeCount * k];
        var filled = new int[probeCount];
        var block = new float[Math.Min(blockRows, gallery.Rows) * dimension];
        // Stryker disable once Linq : the probe chunk size is memory and speed only (the score buffer follows it)
        var chunkRows = Math.Min(probeCount, SimilarityBlocks.BlockRows(Math.Min(blockRows, gallery.Rows)));
        // Stryker disable once Linq : a larger score buffer holds the same scores
        var scores = new float[chunkRows * Math.Min(blockRows, gallery.Rows)];
        while (gallery.Position < gallery.Rows)
        {
            cancellation.ThrowIfCancellationRequested();
            var first = gallery.Position;
            var count = gallery.Read(block);
            var rows = block.AsSpan(0, count * dimension);
            EmbeddingChecks.RequireUsableRows(rows, count, dimension, galleryPath, first);
            Evaluation.Rows.Normalize(rows, count, dimension, rows);
            // Stryker disable once Linq : asking a block for more than its rows still returns its rows
            var take = Math.Min(k, count);
            // Stryker disable once Equality : a last pass at p0 == probeCount has no probes
            for (var p0 = 0; p0 < probeCount; p0 += chunkRows)
            {
                var chunk = Math.Min(chunkRows, probeCount - p0);
                SimilarityBlocks.Multiply(queries.AsSpan(p0 * dimension, chunk * dimension), chunk, block.AsSpan(0, count * dimension), count, dimension,
                    scores.AsSpan(0, chunk * count));
                Parallel.For(0, chunk, () => (new int[take], new int[k], new float[k]), (r, _, buffers) =>
                {
                    var row = scores.AsSpan(r * count, count);
                    var found = TopK.Select(row, -1, buffers.Item1);
                    Merge(p0 + r, row, buffers.Item1.AsSpan(0, found), first, k, best, bestScores, filled, buffers.Item2, buffers.Item3);
                    return buffers;
                }, _ => { });
            }
        }
        return new GallerySearchResult(probeCount, k, gallery.Rows, dimension, best, bestScores, clock.Elapsed);
    }

    /// <summary>
    /// Merges a block's best (indices into <paramref name="row"/>, best first) into probe <paramref name="probe"/>'s
    /// running best. Every running row comes before the block's, so on equal scores the running one stays first.
    /// </summary>
    private static void Merge(int probe, ReadOnlySpan<float> row, ReadOnlySpan<int> candidates, int first, int k,
        int[] best, float[] bestScores, int[] filled, int[] mergedRows, float[] mergedScores)
    {
        var have = filled[probe];
        var oldRows = best.AsSpan(probe * k, have);
        var oldScores = bestScores.AsSpan(probe * k, have);
        int i = 0, j = 0, n = 0;
        while (n < k && (i < have || j < candidates.Length))
        {
            if (j >= candidates.Length || (i < have && oldScores[i] >= row[candidates[j]]))
            {
                mergedRows[n] = oldRows[i];
                mergedScores[n++] = oldScores[i++];
            }
            else
            {
                mergedRows[n] = first + candidates[j];
                mergedScores[n++] = row[candidates[j++]];
            }
        }
        mergedRows.AsSpan(0, n).CopyTo(best.AsSpan(probe * k, n));
        mergedScores.AsSpan(0, n).CopyTo(bestScores.AsSpan(probe * k, n));
        filled[probe] = n;
    }
}

/// <summary>
/// The k best gallery rows of each probe (<see cref="Rows"/>[p·k + r] is probe p's rank r+1) and their cosine scores,
/// with how long the search took and the multiply-adds of its scoring GEMM.
/// </summary>
public sealed record GallerySearchResult(int Probes, int K, int GalleryRows, int Dimension, int[] Rows, float[] Scores, TimeSpan Elapsed)
{
    /// <summary>Floating-point operations of the scoring GEMM: 2 per multiply-add, probes × gallery × dimension of them.</summary>
    public double GemmFlops => 2.0 * Probes * GalleryRows * Dimension;

    public const string CsvHeader = "probe,rank,gallery_row,score";

    /// <summary>Writes the matches as CSV (probe and gallery rows 0-based, rank from 1), atomically.</summary>
    public void WriteCsv(string path) => AtomicFile.Write(path, stream =>
    {
        // Stryker disable once Boolean : a writer that closes the stream has flushed it first; only AtomicFile's fsync (not observable) would be lost
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(CsvHeader + "\n");
        for (var p = 0; p < Probes; p++)
            for (var r = 0; r < K; r++)
                writer.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p},{r + 1},{Rows[p * K + r]},{Scores[p * K + r]:R}\n"));
    });
}
