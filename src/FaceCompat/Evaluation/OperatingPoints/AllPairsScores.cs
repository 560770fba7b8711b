using System.Buffers;

namespace FaceCompat.Evaluation;

/// <summary>
/// Every comparison of a test split under a <see cref="PairRule"/>, scored in blocks of the similarity matrix (one
/// DGEMM per block of probe rows, ~64 MiB) and streamed to a sink: the matrix is never held whole. Row i of
/// <c>probes</c> and row i of <c>references</c> are templates of the same image i (possibly from different models or
/// maps); comparison (i, j) is reference template i against probe template j. Scores: <see cref="ExactScores"/>.
/// </summary>
internal sealed class AllPairsScores : IScoreStream
{
    private readonly Templates _probes;
    private readonly Templates _references;
    private readonly int _dimension;
    private readonly int[] _identities;
    private readonly PairRule _rule;
    private readonly int _blockRows;

    /// <param name="probes">N x dimension float32 rows (unit rows expected), row-major.</param>
    /// <param name="references">N x dimension float32 rows of the same N images.</param>
    /// <param name="identities">The identity code of each image.</param>
    public AllPairsScores(float[] probes, float[] references, int dimension, int[] identities, PairRule rule)
        : this(new Templates(probes, dimension), new Templates(references, dimension), identities, rule) { }

    /// <param name="blockRows">Reference rows scored per block; 0 = <see cref="ExactScores.BlockRows"/> (a smaller value lets tests cross many blocks cheaply).</param>
    public AllPairsScores(Templates probes, Templates references, int[] identities, PairRule rule, int blockRows = 0)
    {
        var n = identities.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(blockRows);
        if (probes.Dimension != references.Dimension || probes.Count != n || references.Count != n)
            throw new ArgumentException($"Expected {n} rows of one dimension on each side, got {probes.Count}x{probes.Dimension} and {references.Count}x{references.Dimension}.");
        _probes = probes;
        _references = references;
        _dimension = probes.Dimension;
        _identities = identities;
        _rule = rule;
        _blockRows = blockRows > 0 ? blockRows : ExactScores.BlockRows(n);
        long sameIdentityOrdered = 0; // ordered pairs (i, j), i ≠ j, of one identity
        foreach (var size in identities.GroupBy(id => id).Select(g => (long)g.Count())) sameIdentityOrdered += size * (size - 1);
        var ordered = (long)n * (n - 1);
        (GenuineCount, ImpostorCount) = rule switch
        {
            PairRule.DistinctImages => (sameIdentityOrdered, ordered - sameIdentityOrdered),
            PairRule.DistinctImagesUnordered => (sameIdentityOrdered / 2, (ordered - sameIdentityOrdered) / 2),
            PairRule.SameImage => (n, 0L),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
    }

    public long GenuineCount { get; }
    public long ImpostorCount { get; }

    public void Stream(IScoreSink sink)
    {
        var n = _identities.Length;
        if (_rule == PairRule.SameImage)
        {
            var diagonal = new float[n];
            for (var i = 0; i < n; i++)
                diagonal[i] = ExactScores.Pair(_probes.Rows.AsSpan(i * _dimension, _dimension), _references.Rows.AsSpan(i * _dimension, _dimension));
            sink.Genuine(diagonal);
            return;
        }
        // Block rows are reference templates i, columns probe templates j.
        var references = _references.Wide;
        var probes = _probes.Wide;
        var blockRows = _blockRows;
        // Stryker disable once Linq : a larger rented buffer holds the same block
        var block = ArrayPool<double>.Shared.Rent(Math.Min(blockRows, n) * n);
        var genuine = new float[n];
        var impostor = new float[n];
        try
        {
            for (var start = 0; start < n; start += blockRows)
            {
                var rows = Math.Min(blockRows, n - start);
                ExactScores.Block(references, start, rows, probes, n, _dimension, block);
                for (var r = 0; r < rows; r++)
                {
                    var i = start + r;
                    var scores = block.AsSpan(r * n, n);
                    var identity = _identities[i];
                    int g = 0, m = 0;
                    for (var j = _rule == PairRule.DistinctImagesUnordered ? i + 1 : 0; j < n; j++)
                    {
                        if (j == i) continue;
                        var score = (float)scores[j];
                        if (_identities[j] == identity) genuine[g++] = score;
                        else impostor[m++] = score;
                    }
                    // Stryker disable once Equality : an empty span adds nothing to a sink
                    if (g > 0) sink.Genuine(genuine.AsSpan(0, g));
                    // Stryker disable once Equality : an empty span adds nothing to a sink
                    if (m > 0) sink.Impostor(impostor.AsSpan(0, m));
                }
            }
        }
        finally
        {
            // Stryker disable once Statement : not returning a pooled buffer only costs memory
            ArrayPool<double>.Shared.Return(block);
        }
    }
}
