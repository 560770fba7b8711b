using FaceCompat.Analysis;

namespace FaceCompat.Reporting.Study;

/// <summary>
/// Whether a control (shuffled targets, random orthogonal map) of one pair fell to the unaligned baseline:
/// <see cref="ControlRule"/> on the per-seed Rank-1 of the control, the baseline, chance and the scope's best
/// fitted map, paired by seed — the same rule as the comparison command's control check.
/// </summary>
internal static class ControlVerdict
{
    public static ControlJudgement Judge(StudyView v, StudyScope scope, ModelPair pair, string control, string? bestMap, string protocol)
    {
        var seeds = v.Values(scope, pair.Source, pair.Target, control, protocol, TableVocabulary.Rank1).Select(x => x.Seed).Order().ToArray();
        double[] PerSeed(string map, string metric)
        {
            var values = v.Values(scope, pair.Source, pair.Target, map, protocol, metric).ToDictionary(x => x.Seed, x => x.Value);
            return seeds.Select(s => values.GetValueOrDefault(s, double.NaN)).ToArray();
        }
        var best = bestMap is null ? [] : PerSeed(bestMap, TableVocabulary.Rank1);
        return ControlRule.Judge(PerSeed(control, TableVocabulary.Rank1), PerSeed(StudyView.Baseline, TableVocabulary.Rank1), PerSeed(control, TableVocabulary.ChanceRank1),
            best.Any(double.IsNaN) ? [] : best);
    }
}
