using FaceCompat.Analysis;
using FaceCompat.Evaluation;

namespace FaceCompat.Studies;

/// <summary>
/// The BCT criterion of one map at one FMR f (Shen et al. 2020): the migrated gallery, at B's threshold, verifies at least
/// as well as the old system at its own (TMR migrated ≥ TMR native-a). <see cref="SeedsHolding"/> of
/// <see cref="Seeds"/> seeds meet it; <see cref="SeedsHoldingWithinFmr"/> meet it while the migrated gallery's own FMR
/// at that threshold stays within f (a migrated gallery that accepts more impostors buys its TMR with them). The paired
/// tests compare the per-seed TMRs (null when a seed's value is not measurable, or with fewer than two seeds).
/// </summary>
public sealed record BctRow(string Source, string Target, string Map, double OperatingPoint, int Seeds, int SeedsHolding,
    int SeedsHoldingWithinFmr, double? MigratedTmr, double? NativeATmr, double? MigratedFmr, TestResult? Wilcoxon, TestResult? SignFlip)
{
    public const string CsvHeader = "source,target,map,operating_point,seeds,seeds_holding,seeds_holding_within_fmr," +
        "migrated_tmr_mean,native_a_tmr_mean,migrated_fmr_mean,holds_on_mean,wilcoxon_p,sign_flip_p";

    /// <summary>Whether the criterion holds on the means over seeds (null when not measurable).</summary>
    public bool? HoldsOnMean => MigratedTmr is { } m && NativeATmr is { } n ? m >= n : null;
}

internal static class BctCriterion
{
    public static List<BctRow> Of(IReadOnlyList<OperatingPointRow> rows, IReadOnlyList<string> maps, IReadOnlyList<int> seeds)
    {
        var tmr = rows.Where(r => r.Metric == Metrics.Tmr && r.Scenario is Scenario.NativeA or Scenario.Migrated)
            .ToDictionary(r => (r.Scenario, r.Map, r.Seed, r.OperatingPoint), r => r.Value);
        var fmr = rows.Where(r => r.Metric == Metrics.Fmr && r.Scenario == Scenario.Migrated)
            .ToDictionary(r => (r.Map, r.Seed, r.OperatingPoint), r => r.Value);
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
                var falseMatches = seeds.Select(s => fmr.GetValueOrDefault((map, s, at))).ToArray();
                var holding = Enumerable.Range(0, seeds.Count).Where(i => migrated[i] is { } m && native[i] is { } n && m >= n).ToArray();
                var tested = complete && seeds.Count >= 2;
                result.Add(new BctRow(first.Source, first.Target, map, at, seeds.Count, holding.Length,
                    holding.Count(i => falseMatches[i] is { } f && f <= at),
                    complete ? x.Average() : null, complete ? y.Average() : null,
                    falseMatches.All(v => v is not null) ? falseMatches.Average(v => v!.Value) : null,
                    tested ? PairedTests.Wilcoxon(x, y) : null, tested ? PairedTests.SignFlip(x, y) : null));
            }
        return result;
    }
}
