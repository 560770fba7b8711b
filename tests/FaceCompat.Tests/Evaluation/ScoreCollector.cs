using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>Every score a stream gives, genuine and impostor apart, for tests to compare with a pair-by-pair computation.</summary>
internal sealed class ScoreCollector : IScoreSink
{
    public List<float> Genuine { get; } = [];
    public List<float> Impostors { get; } = [];
    void IScoreSink.Genuine(ReadOnlySpan<float> scores) => Genuine.AddRange(scores.ToArray());
    void IScoreSink.Impostor(ReadOnlySpan<float> scores) => Impostors.AddRange(scores.ToArray());

    public static (List<float> Genuine, List<float> Impostors) Collect(IScoreStream stream)
    {
        var sink = new ScoreCollector();
        stream.Stream(sink);
        return (sink.Genuine, sink.Impostors);
    }
}
