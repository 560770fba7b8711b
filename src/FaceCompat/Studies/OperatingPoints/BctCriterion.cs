using FaceCompat.Analysis;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>
/// The BCT criterion of one map at one FMR (Shen et al. 2020): the migrated gallery, at B's threshold, verifies at least
/// as well as the old system at its own (TMR migrated ≥ TMR native-a). <see cref="SeedsHolding"/> of
/// <see cref="Seeds"/> seeds meet it; the paired tests compare the per-seed TMRs (null when a seed's value is not
/// measurable, or with fewer than two seeds).
/// </summary>
public sealed record BctRow(string Source, string Target, string Map, double OperatingPoint, int Seeds, int SeedsHolding,
    double? MigratedTmr, double? NativeATmr, TestResult? Wilcoxon, TestResult? SignFlip)
{
    public const string CsvHeader = "source,target,map,operating_point,seeds,seeds_holding,migrated_tmr_mean,native_a_tmr_mean,holds_on_mean,wilcoxon_p,sign_flip_p";

    /// <summary>Whether the criterion holds on the means over seeds (null when not measurable).</summary>
    public bool? HoldsOnMean => MigratedTmr is { } m && NativeATmr is { } n ? m >= n : null;
}

public static class BctCriterion
{
    public static List<BctRow> Of(IReadOnlyList<OperatingPointRow> rows, IReadOnlyList<string> maps, IReadOnlyList<int> seeds)
    {
        var tmr = rows.Where(r => r.Metric == Metrics.Tmr && r.Scenario is Scenario.NativeA or Scenario.Migrated)
            .ToDictionary(r => (r.Scenario, r.Map, r.Seed, r.OperatingPoint), r => r.Value);
        var first = rows.FirstOrDefault();
        var result = new List<BctRow>();
        if (first is null) return result;
        foreach (var map in maps)
            foreach (var at in rows.Where(r => r.Metric == Metrics.Tmr && r.Scenario == Scenario.Migrated && r.Map == map).Select(r => r.OperatingPoint).Distinct())
            {
                var migrated = seeds.Select(s => tmr.GetValueOrDefault((Scenario.Migrated, map, s, at))).ToArray();
                var native = seeds.Select(s => tmr.GetValueOrDefault((Scenario.NativeA, "", s, at))).ToArray();
                var complete = migrated.All(v => v is not null) && native.All(v => v is not null);
                var x = migrated.Select(v => v ?? double.NaN).ToArray();
                var y = native.Select(v => v ?? double.NaN).ToArray();
                var holding = Enumerable.Range(0, seeds.Count).Count(i => migrated[i] is { } m && native[i] is { } n && m >= n);
                var tested = complete && seeds.Count >= 2;
                result.Add(new BctRow(first.Source, first.Target, map, at, seeds.Count, holding,
                    complete ? x.Average() : null, complete ? y.Average() : null,
                    tested ? PairedTests.Wilcoxon(x, y) : null, tested ? PairedTests.SignFlip(x, y) : null));
            }
        return result;
    }
}
