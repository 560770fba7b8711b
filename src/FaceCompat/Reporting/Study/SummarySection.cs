using System.Globalization;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>What was run, and the headline findings in plain words computed from the data.</summary>
internal static class SummarySection
{
    public static string Html(StudyView v)
    {
        var info = v.Results.Info;
        var datasets = v.Scopes.Select(s => s.TestDataset).Concat(v.Scopes.Select(s => s.FitDataset)).Distinct().Order(StringComparer.Ordinal);
        var maps = v.Scopes.SelectMany(v.Maps).Distinct().ToList();
        var protocols = v.Results.Rows.Select(r => r.Protocol).Distinct().Order(StringComparer.Ordinal);
        var experiments = v.Scopes.Select(s => s.Experiment).Distinct();
        var items = new List<string>
        {
            $"Models ({v.Models.Count}): " + string.Join("; ", v.Models.Select(m => $"{m.Id} ({m.Family}, sha256 {ShortHash(m.FileSha256)})")),
            "Datasets: " + string.Join(", ", datasets),
            "Experiments: " + string.Join(", ", experiments),
            $"Seeds ({v.Seeds.Count}): " + string.Join(", ", v.Seeds),
            "Maps: " + string.Join(", ", maps) + $" (baseline: {StudyView.Baseline}; controls: {string.Join(", ", maps.Where(StudyView.IsControl).DefaultIfEmpty("none"))})",
            "Protocols: " + string.Join(", ", protocols),
            $"Code version {info.CodeVersion}; BLAS backend {info.BlasBackend}; started {info.Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC; " +
            $"elapsed {FormatElapsed(info.Elapsed)}{(info.Quick ? "; quick variant" : "")}",
        };
        if (info.UnitsTimed > 0)
            items.Add($"Computing its units took {FormatElapsed(TimeSpan.FromSeconds(info.UnitsWallSeconds))} wall, " +
                $"{FormatElapsed(TimeSpan.FromSeconds(info.UnitsCpuSeconds))} CPU, summed over every run that computed one " +
                $"({info.UnitsTimed} units with a recorded cost; units computed as a by-product of another count as zero)" +
                (info.UnitsUntimed > 0
                    ? $". Not counted: {info.UnitsUntimed} unit{(info.UnitsUntimed == 1 ? "" : "s")} computed before costs were recorded, so the whole study took longer"
                    : ""));
        if (info.Peak is { } peak && info.Work.Count > 0)
            items.Add($"Floating-point work against this machine's GEMM peak measured at the start of the run (float32 " +
                $"{peak.SingleFlopsPerSecond / 1e9:F1}, float64 {peak.DoubleFlopsPerSecond / 1e9:F1} GFLOP/s): " +
                string.Join("; ", info.Work.Select(w => $"{w.Experiment} {w.Flops.Total / 1e12:F3} TFLOP in {w.WallSeconds:F0} s, " +
                    $"{w.AchievedFlopsPerSecond / 1e9:F1} GFLOP/s, {100 * w.ShareOfPeak:F0}% of peak")) +
                " (work.csv; share of peak = the time the work needs at the peak over the time it took)");
        var partial = info.UnitsMissing > 0
            ? Callout($"Partial results: {info.UnitsMissing} units of this configuration were not computed yet when this report was written " +
                "(the study was reported from its cached units only). Experiments and pairs they cover are absent or incomplete below.", warn: true)
            : "";
        return partial + H3("What was run") + List(items) + H3("Headline findings") + List(Findings(v));
    }

    public static IReadOnlyList<string> Findings(StudyView v)
    {
        var findings = new List<string>();
        foreach (var scope in v.ScopesOf(TableVocabulary.Within))
        {
            var protocol = v.Protocols(scope, TableVocabulary.Rank1).FirstOrDefault();
            if (protocol is null) continue;
            var label = $"{v.ScopeLabel(scope)}, {protocol} protocol";
            var pairs = v.Pairs(scope);
            var best = v.BestFittedMap(scope, protocol);
            if (best is null) { findings.Add($"{label}: no fitted map was measured."); continue; }

            var top = pairs.Select(p => (p, r: v.Mean(scope, p.Source, p.Target, best, protocol, TableVocabulary.Rank1)))
                .Where(x => double.IsFinite(x.r)).OrderByDescending(x => x.r).FirstOrDefault();
            var baseline = MeanOver(pairs.Select(p => v.Mean(scope, p.Source, p.Target, StudyView.Baseline, protocol, TableVocabulary.Rank1)));
            var mapped = MeanOver(pairs.Select(p => v.Mean(scope, p.Source, p.Target, best, protocol, TableVocabulary.Rank1)));
            findings.Add($"{label}: the best map on average is {best} (mean Rank-1 over {pairs.Count} pairs {StudyView.Percent(mapped)}, " +
                $"unaligned baseline {StudyView.Percent(baseline)}). Best pair: {top.p?.Label ?? "–"} at {StudyView.Percent(top.r)}.");

            var groups = pairs.GroupBy(p => PairKind(v, p)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Kind: g.Key, Mean: MeanOver(g.Select(p => v.Mean(scope, p.Source, p.Target, best, protocol, TableVocabulary.Rank1)))))
                .Where(g => double.IsFinite(g.Mean)).ToList();
            if (groups.Count > 1)
            {
                var hi = groups.MaxBy(g => g.Mean);
                var lo = groups.MinBy(g => g.Mean);
                findings.Add($"{label}, {best}: " + string.Join("; ", groups.Select(g => $"{g.Kind} pairs {StudyView.Percent(g.Mean)}")) +
                    $". Gap between {hi.Kind} and {lo.Kind} pairs: {((hi.Mean - lo.Mean) * 100).ToString("0.0", CultureInfo.InvariantCulture)} points.");
            }
        }
        if (findings.Count == 0) findings.Add("No within-dataset identification results: " + NotRun);
        return findings;
    }

    /// <summary>"face-identity" for a pair within one family, "face-identity × generic-vision" across.</summary>
    public static string PairKind(StudyView v, ModelPair p)
    {
        var a = v.FamilyOf(p.Source);
        var b = v.FamilyOf(p.Target);
        if (a == b) return a;
        var ordered = new[] { a, b }.OrderBy(f => v.Families.ToList().IndexOf(f)).ToArray();
        return $"{ordered[0]} × {ordered[1]}";
    }

    public static double MeanOver(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }

    /// <summary>The model files' hashes, shortened; entries "name=hash" (embedding files) are left to the provenance section.</summary>
    private static string ShortHash(IReadOnlyList<string> hashes)
    {
        var files = hashes.Where(h => !h.Contains('=')).ToList();
        if (files.Count == 0) files = hashes.Select(h => h[(h.LastIndexOf('=') + 1)..]).ToList();
        return files.Count == 0 ? "–" : string.Join("+", files.Select(h => h.Length > 12 ? h[..12] : h));
    }

    private static string FormatElapsed(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes} min" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{t.TotalSeconds:0.0} s";
}
