using System.Buffers;

namespace FaceCompat.Evaluation;

/// <summary>
/// Open-set identification (1:N, the FRVT convention) with one enrolled template per identity. Each search returns
/// its best-scoring gallery template. A mated search (its identity is enrolled) is a hit at threshold τ when its mate
/// scores strictly above every other template and above τ: FNIR = 1 − hits / mated searches (FNIR(N, R = 1, τ)).
/// A non-mated search is a false positive when its top score is above τ: FPIR = those / non-mated searches.
/// τ at FPIR f is the <see cref="OperatingThreshold"/> of the non-mated top scores of the calibrating system.
/// Scores as in <see cref="ExactScores"/>.
/// </summary>
internal static class OpenSetSearch
{
    /// <summary>
    /// The searches as a <see cref="ScoreList"/>: genuine = the mate's score of each mated search (−∞ when another
    /// template scores at least as high, so no threshold makes it a hit), impostor = the top score of each non-mated search.
    /// </summary>
    /// <param name="blockRows">Probes scored per block; 0 = <see cref="ExactScores.BlockRows"/> (a smaller value lets tests cross many blocks cheaply).</param>
    public static ScoreList Score(float[] gallery, int[] galleryIdentities, float[] probes, int[] probeIdentities, int dimension, int blockRows = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockRows);
        var galleryCount = galleryIdentities.Length;
        var probeCount = probeIdentities.Length;
        if (gallery.Length != (long)galleryCount * dimension || probes.Length != (long)probeCount * dimension)
            throw new ArgumentException("Gallery and probe values must match their identity counts.");
        var mateOf = new Dictionary<int, int>();
        for (var g = 0; g < galleryCount; g++)
            if (!mateOf.TryAdd(galleryIdentities[g], g))
                throw new ArgumentException($"Identity {galleryIdentities[g]} is enrolled twice; the gallery holds one template per identity.");

        var galleryWide = ExactScores.Widen(gallery);
        var probesWide = ExactScores.Widen(probes);
        var genuine = new List<float>();
        var impostor = new List<float>();
        if (blockRows == 0) blockRows = ExactScores.BlockRows(galleryCount);
        // Stryker disable once all : the rented size only has to hold one block; a larger buffer scores the same
        var block = ArrayPool<double>.Shared.Rent(Math.Max(1, Math.Min(blockRows, probeCount) * galleryCount));
        try
        {
            for (var start = 0; start < probeCount; start += blockRows)
            {
                var rows = Math.Min(blockRows, probeCount - start);
                ExactScores.Block(probesWide, start, rows, galleryWide, galleryCount, dimension, block);
                for (var r = 0; r < rows; r++)
                {
                    var scores = block.AsSpan(r * galleryCount, galleryCount);
                    if (mateOf.TryGetValue(probeIdentities[start + r], out var mate))
                    {
                        var mateScore = (float)scores[mate];
                        var best = float.NegativeInfinity;
                        for (var g = 0; g < galleryCount; g++)
                            if (g != mate) best = Math.Max(best, (float)scores[g]);
                        genuine.Add(mateScore > best ? mateScore : float.NegativeInfinity);
                    }
                    else
                    {
                        var top = float.NegativeInfinity;
                        foreach (var s in scores) top = Math.Max(top, (float)s);
                        impostor.Add(top);
                    }
                }
            }
        }
        finally
        {
            // Stryker disable once Statement : not returning a pooled buffer only costs memory
            ArrayPool<double>.Shared.Return(block);
        }
        return new ScoreList(genuine.ToArray(), impostor.ToArray());
    }
}
