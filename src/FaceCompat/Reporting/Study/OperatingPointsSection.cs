using System.Globalization;
using FaceCompat.Reporting.Charts;
using FaceCompat.Studies;
using FaceCompat.Studies.Experiments;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>
/// The operating-points and exposure experiments: DET curves on normal-deviate axes (one panel per pair: native, migrated,
/// unaligned), the BCT criterion, FNIR at FPIR, and the attack success rates of leaked templates. Tables show the decade
/// rates; a rate below 1 / (comparisons its threshold was set on) says "not measurable" with that number, never 0.
/// </summary>
internal static class OperatingPointsSection
{
    private static readonly string NativeB = Scenario.NativeB.Name(), NativeA = Scenario.NativeA.Name(), Migrated = Scenario.Migrated.Name(),
        ProbeMapped = Scenario.ProbeMapped.Name(), Unaligned = Scenario.Unaligned.Name(), Exposure = Scenario.Exposure.Name(),
        SameImage = Scenario.ExposureSameImage.Name(), UnalignedLabel = Mapping.MapRegistry.Baseline.Spec().Label;

    private sealed record Scope(string Experiment, string FitDataset, string TestDataset, string Preprocessing)
    {
        public string Label => (FitDataset == TestDataset ? TestDataset.ToUpperInvariant() : $"fit {FitDataset.ToUpperInvariant()}, test {TestDataset.ToUpperInvariant()}") +
            $" ({Preprocessing})";
    }

    public static string Html(StudyView v)
    {
        var all = v.Results.OperatingPointStatistics;
        if (all.Count == 0) return Missing("The operating-points and exposure experiments (experiments.operating_points, experiments.exposure):");
        // The attacker's data grid has a table of its own; every other table reads the maps fitted on the whole fit set.
        var stats = all.Where(s => s.FitIdentities is null).ToList();
        var index = stats.ToDictionary(s => (new Scope(s.Experiment, s.FitDataset, s.TestDataset, s.Preprocessing), s.Source, s.Target, s.Map, s.Scenario, s.Metric, s.OperatingPoint));
        OperatingPointStatistic? Find(Scope scope, ModelPair p, string map, string scenario, string metric, double at) =>
            index.GetValueOrDefault((scope, p.Source, p.Target, map, scenario, metric, at));
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("All pairs of each seed's test identities are scored. Every scenario runs at B's thresholds, set on native-b's own impostor " +
            "scores (the operator's calibration), except native-a, the old system at A's own thresholds. Values in %, mean ± std over seeds " +
            "(ddof 1) [Student-t 95% interval over seeds]. A rate below 1 / (impostor pairs, or non-mated searches, its threshold was set on) is " +
            "not measurable and says so. docs/protocol.md, \"Operating points\"."));
        var scopes = stats.Select(s => new Scope(s.Experiment, s.FitDataset, s.TestDataset, s.Preprocessing)).Distinct().ToList();
        foreach (var scope in scopes.Where(s => s.Experiment == OperatingPointsExperiment.ExperimentName))
        {
            var pairs = PairsOf(v, stats.Where(s => Is(s, scope)));
            var maps = stats.Where(s => Is(s, scope) && s.Scenario == Migrated).Select(s => s.Map).Distinct().ToList();
            sb.Append(H3($"DET curves at B's thresholds, {scope.Label}"));
            sb.Append(Figures(pairs.Select(p => Det(scope, p, maps, stats.Where(s => Is(s, scope) && s.Source == p.Source && s.Target == p.Target).ToList()))
                .Where(svg => svg is not null).Select(svg => svg!)));
            sb.Append(BctTable(v, scope, pairs, Find).ToHtml());
            var fpirs = Decades(stats.Where(s => Is(s, scope) && s.Metric == "fnir").Select(s => s.OperatingPoint));
            if (fpirs.Count > 0)
            {
                var scenarios = new List<(string Label, string Map, string Scenario)> { ("native-b", "", NativeB), ("native-a", "", NativeA) };
                scenarios.AddRange(maps.SelectMany(m => new[] { ($"migrated: {m}", m, Migrated), ($"probe-mapped: {m}", m, ProbeMapped) }));
                scenarios.Add(("unaligned", UnalignedLabel, Unaligned));
                var rows = pairs.SelectMany(p => scenarios.Select(s => (Pair: p, s.Label, s.Map, s.Scenario))).ToList();
                sb.Append(PaperTable.Of($"Open-set search: FNIR (%) at FPIR, {scope.Label}", rows,
                [
                    new("pair", r => TableCell.Plain(r.Pair.Label)),
                    new("scenario", r => TableCell.Plain(r.Label)),
                    .. fpirs.Select(f => new TableColumn<(ModelPair Pair, string Label, string Map, string Scenario)>($"FPIR {Percent(f)}",
                        r => Rate(Find(scope, r.Pair, r.Map, r.Scenario, "fnir", f), "non-mated searches"))),
                ], note: "FNIR: mated searches whose mate is not returned first above the threshold (rank 1). native-a at A's own thresholds, every other scenario at native-b's.").ToHtml());
            }
        }
        foreach (var scope in scopes.Where(s => s.Experiment == ExposureExperiment.ExperimentName))
        {
            var pairs = PairsOf(v, stats.Where(s => Is(s, scope)));
            var maps = stats.Where(s => Is(s, scope) && s.Scenario == Exposure).Select(s => s.Map).Distinct().ToList();
            var fmrs = Decades(stats.Where(s => Is(s, scope) && s.Scenario == Exposure && s.Metric == "tmr").Select(s => s.OperatingPoint));
            var rows = pairs.SelectMany(p => maps.SelectMany(m => fmrs.Select(f => (Pair: p, Map: m, Fmr: f)))).ToList();
            sb.Append(PaperTable.Of($"Exposure of leaked templates: attack success rate (%) at B's threshold, {scope.Label}", rows,
            [
                new("pair", r => TableCell.Plain(r.Pair.Label)),
                new("map", r => TableCell.Plain(r.Map)),
                new("B's FMR", r => TableCell.Plain(Percent(r.Fmr))),
                new("attack success", r => Rate(Find(scope, r.Pair, r.Map, Exposure, "tmr", r.Fmr), "impostor pairs")),
                new("false accepts", r => Rate(Find(scope, r.Pair, r.Map, Exposure, "fmr", r.Fmr), "impostor pairs")),
                new("same photograph", r => Rate(Find(scope, r.Pair, r.Map, SameImage, "tmr", r.Fmr), "impostor pairs")),
            ], note: $"Each map fitted on every identity of {scope.FitDataset.ToUpperInvariant()}, applied to the A templates of {scope.TestDataset.ToUpperInvariant()}'s test identities " +
                "(the leaked database) and presented against native B templates of other images at B's threshold: attack success = accepted as their owner, " +
                "false accepts = accepted as someone else, same photograph = against B's template of the same image. Intervals: Student-t over seeds.").ToHtml());
            var grid = all.Where(s => Is(s, scope) && s.Scenario == Exposure && s.Metric == Evaluation.Metrics.Tmr.Name && s.FitIdentities is not null).ToList();
            if (grid.Count > 0) sb.Append(AttackerDataTable(scope, pairs, maps, fmrs, grid, stats).ToHtml());
        }
        return sb.ToString();
    }

    /// <summary>Attack success against the attacker's data: one column per number of fit identities, the last the whole fit set.</summary>
    private static PaperTable AttackerDataTable(Scope scope, IReadOnlyList<ModelPair> pairs, IReadOnlyList<string> maps, IReadOnlyList<double> fmrs,
        List<OperatingPointStatistic> grid, List<OperatingPointStatistic> whole)
    {
        var sizes = grid.Select(s => s.FitIdentities!.Value).Distinct().Order().ToList();
        var shown = fmrs.Where(f => f is 1e-3 or 1e-4).DefaultIfEmpty(fmrs.FirstOrDefault()).ToList();
        var index = grid.ToDictionary(s => (s.Source, s.Target, s.Map, s.OperatingPoint, s.FitIdentities!.Value));
        var full = whole.Where(s => Is(s, scope) && s.Scenario == Exposure && s.Metric == Evaluation.Metrics.Tmr.Name).ToDictionary(s => (s.Source, s.Target, s.Map, s.OperatingPoint));
        var rows = pairs.SelectMany(p => maps.SelectMany(m => shown.Select(f => (Pair: p, Map: m, Fmr: f)))).ToList();
        return PaperTable.Of($"Attack success rate (%) against the attacker's data: identities of {scope.FitDataset.ToUpperInvariant()} the map was fitted on, {scope.Label}", rows,
        [
            new("pair", r => TableCell.Plain(r.Pair.Label)),
            new("map", r => TableCell.Plain(r.Map)),
            new("B's FMR", r => TableCell.Plain(Percent(r.Fmr))),
            .. sizes.Select(k => new TableColumn<(ModelPair Pair, string Map, double Fmr)>($"{k} identities",
                r => Rate(index.GetValueOrDefault((r.Pair.Source, r.Pair.Target, r.Map, r.Fmr, k)), "impostor pairs"))),
            new("all", r => Rate(full.GetValueOrDefault((r.Pair.Source, r.Pair.Target, r.Map, r.Fmr)), "impostor pairs")),
        ], note: "Each seed draws the attacker's identities from the fit set (numpy RandomState(seed) over its sorted identities) and fits the map on all their images; " +
            "\"all\" is the map fitted on the whole fit set. Intervals: Student-t over seeds, so they hold the draw of identities as well as the test split.");
    }

    private static bool Is(OperatingPointStatistic s, Scope scope) =>
        s.Experiment == scope.Experiment && s.FitDataset == scope.FitDataset && s.TestDataset == scope.TestDataset && s.Preprocessing == scope.Preprocessing;

    private static List<ModelPair> PairsOf(StudyView v, IEnumerable<OperatingPointStatistic> stats)
    {
        var present = stats.Select(s => (s.Source, s.Target)).ToHashSet();
        var ids = v.ModelIds;
        return ids.SelectMany(s => ids.Where(t => present.Contains((s, t))).Select(t => new ModelPair(s, t, v.FamilyOf(s), v.FamilyOf(t)))).ToList();
    }

    /// <summary>The decade rates among <paramref name="rates"/> (1e-6 … 1e-1), ascending: the rates the tables show.</summary>
    public static IReadOnlyList<double> Decades(IEnumerable<double> rates) =>
        rates.Distinct().Where(r => r > 0 && Math.Abs(Math.Log10(r) - Math.Round(Math.Log10(r))) < 1e-9).Order().ToList();

    /// <summary>A rate in % (mean ± std [interval]), or "not measurable (N …)" with the comparisons its threshold was set on.</summary>
    public static TableCell Rate(OperatingPointStatistic? s, string what) =>
        s is null ? new TableCell()
        : s.Mean is { } m ? new TableCell(100 * m, 100 * s.Std, 100 * s.CiLow, 100 * s.CiHigh, Format: "0.00") { Range = TableCell.PercentRange }
        : TableCell.Plain(MeasurableRange.NotMeasurable(s.CalibrationImpostors, what));

    private static PaperTable BctTable(StudyView v, Scope scope, IReadOnlyList<ModelPair> pairs,
        Func<Scope, ModelPair, string, string, string, double, OperatingPointStatistic?> find)
    {
        var bct = OperatingPointStatistics.Bct(v.Results.OperatingPoints.Where(r => r.Experiment == scope.Experiment && r.TestDataset == scope.TestDataset &&
            r.Preprocessing == scope.Preprocessing).ToList());
        var order = pairs.Select((p, i) => (p, i)).ToDictionary(x => (x.p.Source, x.p.Target), x => x.i);
        var rows = bct.Select(b => b.Row).Where(r => Decades([r.OperatingPoint]).Count == 1 && order.ContainsKey((r.Source, r.Target)))
            .OrderBy(r => order[(r.Source, r.Target)]).ToList();
        ModelPair Pair(BctRow r) => pairs[order[(r.Source, r.Target)]];
        TableCell Tmr(BctRow r, string scenario, string map, double? value, double at) =>
            value is { } x ? new TableCell(100 * x, Format: "0.00") : Rate(find(scope, Pair(r), map, scenario, "tmr", at), "impostor pairs");
        return PaperTable.Of($"BCT criterion: migrated gallery at B's threshold vs the old system at its own, {scope.Label}", rows,
        [
            new("pair", r => TableCell.Plain(Pair(r).Label)),
            new("map", r => TableCell.Plain(r.Map)),
            new("FMR", r => TableCell.Plain(Percent(r.OperatingPoint))),
            new("TMR migrated", r => Tmr(r, Migrated, r.Map, r.MigratedTmr, r.OperatingPoint)),
            new("TMR native-a", r => Tmr(r, NativeA, "", r.NativeATmr, r.OperatingPoint)),
            new("FMR migrated", r => r.MigratedFmr is { } f ? new TableCell(100 * f, Format: "0.00") : Rate(find(scope, Pair(r), r.Map, Migrated, "fmr", r.OperatingPoint), "impostor pairs")),
            new("seeds holding", r => TableCell.Plain($"{r.SeedsHolding}/{r.Seeds} ({r.SeedsHoldingWithinFmr} within FMR)")),
            new("Wilcoxon p / sign-flip p", r => TableCell.Plain(r.Wilcoxon is { } w && r.SignFlip is { } f ? $"{StudyTables.Format(w.PValue)} / {StudyTables.Format(f.PValue)}" : "–")),
        ], note: "Means over seeds in %. The criterion (Shen et al. 2020) holds on a seed when TMR migrated ≥ TMR native-a; \"within FMR\" counts the seeds " +
            "where it holds while the migrated gallery's own FMR at B's threshold stays within the nominal rate. Paired tests over seeds of the per-seed TMRs.");
    }

    /// <summary>One pair's DET panel: FNMR against FMR on normal-deviate axes, each point the mean over seeds at one nominal rate; a curve stops where its rate is not measurable.</summary>
    private static string? Det(Scope scope, ModelPair pair, IReadOnlyList<string> maps, List<OperatingPointStatistic> stats)
    {
        var chart = new LineChart
        {
            Title = pair.Label, XLabel = "FMR (normal deviate)", YLabel = "FNMR (normal deviate)", XScale = AxisScale.Probit, YScale = AxisScale.Probit, XMax = 0.99, YMax = 0.99,
        };
        void Add(string name, string map, string scenario, bool dashed)
        {
            var points = DetPoints(stats.Where(s => s.Map == map && s.Scenario == scenario).ToList());
            if (points.Count > 1) chart.Series.Add(new LineSeries(name, points.Select(p => p.Fmr).ToList(), points.Select(p => p.Fnmr).ToList(), Dashed: dashed));
        }
        Add("native-b", "", NativeB, false);
        Add("native-a (A's thr.)", "", NativeA, false);
        foreach (var map in maps) Add($"migrated: {map}", map, Migrated, false);
        Add("unaligned", UnalignedLabel, Unaligned, true);
        return chart.Series.Count == 0 ? null : chart.ToSvg(430, 320);
    }

    /// <summary>
    /// The (FMR, FNMR) points of one scenario: at each nominal rate where both its TMR and FMR were measured on every seed, the
    /// mean FMR and 1 − mean TMR; points with a zero coordinate (−∞ on a normal-deviate axis) are left out. By FMR.
    /// </summary>
    public static List<(double Fmr, double Fnmr)> DetPoints(IReadOnlyList<OperatingPointStatistic> scenario)
    {
        var tmr = scenario.Where(s => s.Metric == "tmr" && s.Mean is not null).ToDictionary(s => s.OperatingPoint, s => s.Mean!.Value);
        return scenario.Where(s => s.Metric == "fmr" && s.Mean is not null && tmr.ContainsKey(s.OperatingPoint))
            .Select(s => (Fmr: s.Mean!.Value, Fnmr: 1 - tmr[s.OperatingPoint]))
            .Where(p => p.Fmr > 0 && p.Fmr < 1 && p.Fnmr > 0 && p.Fnmr < 1).OrderBy(p => p.Fmr).ToList();
    }

    private static string Percent(double rate) => (100 * rate).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
