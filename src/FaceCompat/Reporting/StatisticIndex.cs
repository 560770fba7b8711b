using FaceCompat.Reporting.Study;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>A study's aggregated statistics by table cell: scope, ordered pair, map label, protocol and metric (and train share).</summary>
internal sealed class StatisticIndex
{
    private readonly ILookup<(StudyScope Scope, string Source, string Target, string Map, string Protocol, string Metric), StudyStatistic> _stats;

    public StatisticIndex(IEnumerable<StudyStatistic> statistics) =>
        _stats = statistics.ToLookup(s => (new StudyScope(s.Experiment, s.FitDataset, s.TestDataset, s.Preprocessing), s.Source, s.Target, s.Map, s.Protocol, s.Metric));

    /// <summary>The statistic of one cell at a train share (the first at any share unless given); null when there is none.</summary>
    public StudyStatistic? Find(StudyScope scope, string source, string target, string map, string protocol, string metric, double? trainRatio = null)
    {
        foreach (var s in _stats[(scope, source, target, map, protocol, metric)])
            if (trainRatio is null || s.TrainRatio == trainRatio) return s;
        return null;
    }
}
