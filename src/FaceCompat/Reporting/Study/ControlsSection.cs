using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>Where the controls landed against the unaligned baseline and chance, per protocol.</summary>
internal static class ControlsSection
{
    public sealed record Finding(StudyScope Scope, string Protocol, string Control, int Pairs, int AtBaseline,
        double Control1, double Baseline1, double Chance1, double Best1, IReadOnlyList<string> Failing);

    public static IReadOnlyList<Finding> Findings(StudyView v)
    {
        var findings = new List<Finding>();
        foreach (var scope in v.ScopesOf(TableVocabulary.Within).Concat(v.ScopesOf(TableVocabulary.CrossDataset)))
            foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1))
            {
                var best = v.BestFittedMap(scope, protocol);
                foreach (var control in v.Maps(scope).Where(StudyView.IsControl))
                {
                    var failing = new List<string>();
                    int n = 0, ok = 0;
                    var c = new List<double>(); var b = new List<double>(); var ch = new List<double>(); var be = new List<double>();
                    foreach (var p in v.Pairs(scope))
                    {
                        var value = v.Mean(scope, p.Source, p.Target, control, protocol, TableVocabulary.Rank1);
                        if (!double.IsFinite(value)) continue;
                        var baseline = v.Mean(scope, p.Source, p.Target, StudyView.Baseline, protocol, TableVocabulary.Rank1);
                        var chance = v.Mean(scope, p.Source, p.Target, control, protocol, TableVocabulary.ChanceRank1);
                        var bestValue = best is null ? double.NaN : v.Mean(scope, p.Source, p.Target, best, protocol, TableVocabulary.Rank1);
                        n++;
                        var verdict = ControlVerdict.Judge(v, scope, p, control, best, protocol);
                        if (verdict.AtBaseline) ok++;
                        else failing.Add($"{p.Label} ({StudyView.Percent(value)} vs baseline {StudyView.Percent(baseline)}; lift " +
                            $"{Points(verdict.MeanLift)}, 95% CI {Points(verdict.Lower)} to {Points(verdict.Upper)} > margin {Points(verdict.Margin)})");
                        c.Add(value); b.Add(baseline); ch.Add(chance); be.Add(bestValue);
                    }
                    if (n > 0)
                        findings.Add(new Finding(scope, protocol, control, n, ok, SummarySection.MeanOver(c), SummarySection.MeanOver(b),
                            SummarySection.MeanOver(ch), SummarySection.MeanOver(be), failing));
                }
            }
        return findings;
    }

    private static string Points(double fraction) => double.IsFinite(fraction) ? $"{100 * fraction:0.00} pts" : "–";

    public static string Html(StudyView v)
    {
        var findings = Findings(v);
        if (findings.Count == 0) return Missing("No control map (shuffled, random-orthogonal) was measured.");
        var sb = new System.Text.StringBuilder();
        var failed = findings.Where(f => f.AtBaseline < f.Pairs).ToList();
        sb.Append(failed.Count > 0
            ? Callout("Warning: a control did NOT fall to the unaligned baseline. A map fitted on shuffled correspondences or drawn at random " +
                "should carry no identity; where it does, the evaluation leaks information and the method's numbers cannot be trusted. Failing: " +
                string.Join("; ", failed.Select(f => $"{v.ScopeLabel(f.Scope)} {f.Protocol} {f.Control}: {string.Join(", ", f.Failing.Take(5))}{(f.Failing.Count > 5 ? ", …" : "")}")), warn: true)
            : Callout("Every control fell to the unaligned baseline for every pair, dataset and protocol: no control's lift over " +
                "max(baseline, chance) is significantly (95% interval over seeds) larger than the margin of " +
                $"{Analysis.ControlRule.Tolerance:0%} of the best map's gain (at least {100 * Analysis.ControlRule.MinimumMargin:0.#} Rank-1 point). " +
                "The lift the maps give comes from the correspondences, not from the evaluation."));
        sb.Append(P("Rule (docs/study.md, Analysis.ControlRule): per seed, lift = control Rank-1 − max(baseline, chance) on the same test " +
            "identities; a control is flagged only when the whole 95% Student-t interval of its mean lift over seeds lies above the margin " +
            "— evidence of a leak, not noise of a small test set. With one seed the mean lift is compared with the margin."));
        foreach (var group in findings.GroupBy(f => f.Protocol))
        {
            var list = group.ToList();
            string Range(Func<Finding, double> value)
            {
                var values = list.Select(value).Where(double.IsFinite).ToList();
                if (values.Count == 0) return "–";
                var (lo, hi) = (values.Min(), values.Max());
                return hi - lo < 5e-5 ? StudyView.Percent(lo, "0.00") : $"{StudyView.Percent(lo, "0.00")}–{StudyView.Percent(hi, "0.00")}";
            }
            sb.Append(P($"{group.Key} protocol: the controls landed at mean Rank-1 {Range(f => f.Control1)}, against the unaligned baseline at " +
                $"{Range(f => f.Baseline1)} and chance at {Range(f => f.Chance1)}, while the best map reached {Range(f => f.Best1)}; " +
                $"{list.Sum(f => f.AtBaseline)} of {list.Sum(f => f.Pairs)} control × pair results are at baseline " +
                $"(ranges over {string.Join(", ", list.Select(f => v.ScopeLabel(f.Scope)).Distinct())} and the controls)."));
        }
        var table = new PaperTable("Controls: mean Rank-1 over pairs (%)", ["dataset", "protocol", "control", "control Rank-1", "baseline", "chance", "best map", "pairs at baseline"]);
        foreach (var f in findings)
            table.Add(TableCell.Plain(v.ScopeLabel(f.Scope)), TableCell.Plain(f.Protocol), TableCell.Plain(f.Control),
                new TableCell(f.Control1 * 100, Format: "0.00"), new TableCell(f.Baseline1 * 100, Format: "0.00"),
                new TableCell(f.Chance1 * 100, Format: "0.00"), new TableCell(f.Best1 * 100), TableCell.Plain($"{f.AtBaseline}/{f.Pairs}"));
        sb.Append(table.ToHtml());
        return sb.ToString();
    }
}
