using FaceCompat.Reporting.Charts;
using FaceCompat.Studies;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>CMC, ROC and DET curves (mean over seeds) of selected pairs, for every map incl. baseline and controls.</summary>
internal static class CurvesSection
{
    private static readonly double[] FmrGrid = Enumerable.Range(0, 61).Select(i => Math.Pow(10, -6 + i * 0.1)).ToArray();

    public static string Html(StudyView v)
    {
        var curves = v.Results.Curves.Where(c => c.Experiment == TableVocabulary.Within)
            .GroupBy(c => (c.TestDataset, c.Source, c.Target, c.Map, c.Protocol, c.Curve))
            .ToDictionary(g => g.Key, g => g.ToList());
        if (curves.Count == 0) return Missing("Curves (CMC, ROC, DET):");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Mean over seeds. Each fitted map has a colour of its own; the unaligned baseline (grey) and the controls (black, light grey) are dashed, each in its own pattern. Each panel names its protocol. ROC uses a logarithmic FMR axis, DET normal-deviate (probit) axes; " +
            "per-seed ROC/DET curves are resampled on a common FMR grid before averaging, and stop at the smallest FMR every seed can measure (1 / its impostor pairs). CMC under the strict protocol. Pairs shown: the best and the worst pair after mapping, " +
            "and the best pair across families."));
        foreach (var scope in v.ScopesOf(TableVocabulary.Within))
        {
            var available = curves.Keys.Where(k => k.TestDataset == scope.TestDataset).Select(k => (k.Source, k.Target)).ToHashSet();
            foreach (var pair in SelectedPairs(v, scope).Where(p => available.Contains((p.Source, p.Target))))
            {
                sb.Append(H3($"{pair.Label}, {v.ScopeLabel(scope)}"));
                var maps = v.Maps(scope);
                var charts = new List<string>();
                // One CMC per pair: the strict protocol (the reference protocol when the study has no strict one).
                foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1).Take(1))
                {
                    var cmc = new LineChart { Title = $"CMC, {protocol} protocol", XLabel = "rank", YLabel = "identification rate", YMin = 0, YMax = 1 };
                    foreach (var map in maps)
                        if (curves.TryGetValue((scope.TestDataset, pair.Source, pair.Target, map, protocol, "cmc"), out var pts))
                            cmc.Series.Add(Cmc(map, pts, MapStyles.Of(map, v.AllMaps)));
                    if (cmc.Series.Count > 0) charts.Add(cmc.ToSvg(430, 300));
                }
                foreach (var curve in new[] { "roc", "det" })
                    foreach (var protocol in TableVocabulary.OrderProtocols(curves.Keys.Where(k => k.TestDataset == scope.TestDataset && k.Source == pair.Source &&
                                 k.Target == pair.Target && k.Curve == curve).Select(k => k.Protocol).Distinct()))
                    {
                        var det = curve == "det";
                        // DET: FNMR against FMR on normal-deviate (probit) axes, the biometric convention; ROC: TMR against log FMR.
                        var chart = det
                            ? new LineChart { Title = $"DET, {protocol} protocol", XLabel = "FMR (normal deviate)", YLabel = "FNMR (normal deviate)", XScale = AxisScale.Probit, YScale = AxisScale.Probit, XMax = 0.99, YMax = 0.99 }
                            : new LineChart { Title = $"ROC, {protocol} protocol", XLabel = "FMR (log)", YLabel = "TMR", XScale = AxisScale.Log10, YMin = 0, XMax = 1, YMax = 1 };
                        foreach (var map in maps)
                        {
                            if (!curves.TryGetValue((scope.TestDataset, pair.Source, pair.Target, map, protocol, curve), out var pts)) continue;
                            var grid = MeasurableGrid(pts, FewestImpostorPairs(v, scope, pair, map));
                            if (grid.Count > 1) chart.Series.Add(Mean(map, pts, grid, lowerIsBetter: det, MapStyles.Of(map, v.AllMaps)));
                        }
                        if (chart.Series.Count > 0) charts.Add(chart.ToSvg(430, 300));
                    }
                sb.Append(Figures(charts));
            }
        }
        return sb.ToString();
    }

    public static IReadOnlyList<ModelPair> SelectedPairs(StudyView v, StudyScope scope)
    {
        var protocol = v.Protocols(scope, TableVocabulary.Rank1).FirstOrDefault() ?? StudyView.Strict;
        var map = v.BestFittedMap(scope, protocol);
        if (map is null) return v.Pairs(scope).Take(1).ToList();
        var ranked = v.Pairs(scope).Select(p => (p, r: v.Mean(scope, p.Source, p.Target, map, protocol, TableVocabulary.Rank1)))
            .Where(x => double.IsFinite(x.r)).OrderByDescending(x => x.r).Select(x => x.p).ToList();
        var chosen = new List<ModelPair>();
        if (ranked.Count > 0) chosen.Add(ranked[0]);
        var across = ranked.FirstOrDefault(p => v.FamilyOf(p.Source) != v.FamilyOf(p.Target));
        if (across is not null && !chosen.Contains(across)) chosen.Add(across);
        if (ranked.Count > 1 && !chosen.Contains(ranked[^1])) chosen.Add(ranked[^1]);
        return chosen;
    }

    private static LineSeries Cmc(string map, List<StudyCurvePoint> points, SeriesStyle style)
    {
        var byX = points.GroupBy(p => p.X).OrderBy(g => g.Key).ToList();
        return new LineSeries(map, byX.Select(g => g.Key).ToList(), byX.Select(g => g.Average(p => p.Y)).ToList(), Style: style);
    }

    /// <summary>The fewest impostor pairs a seed of the cell was scored on (null when the results do not say).</summary>
    private static long? FewestImpostorPairs(StudyView v, StudyScope scope, ModelPair pair, string map)
    {
        var metric = Evaluation.Metrics.ImpostorPairs.Name;
        var counts = v.Protocols(scope, metric).SelectMany(p => v.Values(scope, pair.Source, pair.Target, map, p, metric)).Select(x => (long)x.Value).ToList();
        return counts.Count == 0 ? null : counts.Min();
    }

    /// <summary>
    /// The FMRs a mean curve is drawn at: the common grid from the smallest FMR every seed can measure (1 / its impostor
    /// pairs) and every seed's curve reaches (its first stored point), so a curve stops there instead of running flat below it.
    /// </summary>
    public static IReadOnlyList<double> MeasurableGrid(IReadOnlyList<StudyCurvePoint> points, long? impostors)
    {
        var reached = points.GroupBy(p => p.Seed).Max(g => g.Min(p => p.X));
        var grid = FmrGrid.Where(f => f >= reached * (1 - 1e-12));
        return impostors is { } n ? MeasurableRange.Truncate(grid, n) : grid.ToList();
    }

    private static LineSeries Mean(string map, List<StudyCurvePoint> points, IReadOnlyList<double> grid, bool lowerIsBetter, SeriesStyle style)
    {
        var seeds = points.GroupBy(p => p.Seed).Select(g => g.OrderBy(p => p.X).ToList()).ToList();
        var ys = new List<double>(grid.Count);
        foreach (var fmr in grid)
        {
            var sum = 0.0;
            foreach (var s in seeds) sum += AtFmr(s, fmr, lowerIsBetter);
            ys.Add(sum / seeds.Count);
        }
        return new LineSeries(map, grid, ys, Style: style);
    }

    /// <summary>The operating point at an FMR: best TMR (or lowest FNMR) among points with FMR ≤ fmr; linear between points otherwise.</summary>
    private static double AtFmr(List<StudyCurvePoint> sorted, double fmr, bool lowerIsBetter)
    {
        if (sorted.Count == 0) return double.NaN;
        if (fmr <= sorted[0].X) return sorted[0].Y;
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].X >= fmr)
            {
                var (a, b) = (sorted[i - 1], sorted[i]);
                var t = b.X > a.X ? (fmr - a.X) / (b.X - a.X) : 1;
                return a.Y + t * (b.Y - a.Y);
            }
        return sorted[^1].Y;
    }
}
