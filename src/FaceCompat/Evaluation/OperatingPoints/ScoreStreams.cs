namespace FaceCompat.Evaluation;

/// <summary>Receives the scores of a set of comparisons, genuine and impostor apart, in any order and chunking.</summary>
internal interface IScoreSink
{
    void Genuine(ReadOnlySpan<float> scores);
    void Impostor(ReadOnlySpan<float> scores);
}

/// <summary>
/// A set of comparisons whose scores can be streamed (more than once, always the same values) without being
/// held whole: all pairs of a test split (<see cref="AllPairsScores"/>) or a list of scores (<see cref="ScoreList"/>).
/// </summary>
internal interface IScoreStream
{
    long GenuineCount { get; }
    long ImpostorCount { get; }
    void Stream(IScoreSink sink);
}

/// <summary>Scores held in memory (e.g. the top score of each open-set search).</summary>
internal sealed class ScoreList(float[] genuine, float[] impostor) : IScoreStream
{
    public long GenuineCount => genuine.Length;
    public long ImpostorCount => impostor.Length;

    public void Stream(IScoreSink sink)
    {
        sink.Genuine(genuine);
        sink.Impostor(impostor);
    }
}
