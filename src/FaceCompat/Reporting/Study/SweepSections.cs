using System.Globalization;
using FaceCompat.Reporting.Charts;
using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>Data efficiency (Rank-1 against train share), the ridge-alpha sweep and the degree-2 maps.</summary>
internal static class SweepSections
{
    /// <summary>Per seed, the mean over pairs of one metric; then mean ± std over seeds.</summary>
    private static (double Mean, double Std) OverSeeds(StudyView v, StudyScope scope, string map, string protocol, double ratio,
        string? mapParameters, string? metric = null, Func<ModelPair, bool>? pairs = null)
    {
        metric ??= TableVocabulary.Rank1;
        var values = v.Pairs(scope).Where(pairs ?? (_ => true))
            .SelectMany(p => v.Values(scope, p.Source, p.Target, map, protocol, metric, ratio, mapParameters));
        return StudyView.MeanStd(FamilyMeans.PerSeed(values).Select(m => m * 100).ToList());
    }

    public static string DataEfficiencyHtml(StudyView v)
    {
        var scopes = v.ScopesOf(TableVocabulary.DataEfficiency);
        if (scopes.Count == 0) return Missing("The data-efficiency experiment:");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Rank-1 against the share of identities used to fit the map (the test identities are fixed). " +
            "Per seed the mean over the ordered pairs; line = mean over seeds, band = ± one standard deviation. " +
            "With several model families, the primary map's curves follow, one chart per source family and one line per target family."));
        foreach (var scope in scopes)
        {
            var ratios = v.TrainRatios(scope);
            var present = v.Pairs(scope).SelectMany(p => new[] { v.FamilyOf(p.Source), v.FamilyOf(p.Target) }).ToHashSet();
            var families = v.Families.Where(present.Contains).ToList();
            var primary = v.PrimaryMap(scope);
            var charts = new List<string>();
            foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1))
            {
                var chart = new LineChart { Title = $"{v.ScopeLabel(scope)}, {protocol} protocol, all pairs", XLabel = "train share of identities", YLabel = "Rank-1 (%)", YMin = 0 };
                foreach (var map in v.Maps(scope))
                    AddCurve(chart, map, MapStyles.Of(map, v.AllMaps), r => OverSeeds(v, scope, map, protocol, r, null));
                if (chart.Series.Count > 0) charts.Add(chart.ToSvg());
                if (families.Count < 2 || primary is null) continue;
                foreach (var source in families)
                {
                    var byTarget = new LineChart { Title = $"{primary} from {source}, {protocol} protocol", XLabel = "train share of identities", YLabel = "Rank-1 (%)", YMin = 0 };
                    foreach (var target in families)
                        AddCurve(byTarget, $"→ {target}", null, r => OverSeeds(v, scope, primary, protocol, r, null,
                            pairs: p => v.FamilyOf(p.Source) == source && v.FamilyOf(p.Target) == target));
                    if (byTarget.Series.Count > 0) charts.Add(byTarget.ToSvg());
                }
            }
            sb.Append(Figures(charts));

            void AddCurve(LineChart chart, string name, SeriesStyle? style, Func<double, (double Mean, double Std)> at)
            {
                var points = ratios.Select(r => (r, s: at(r))).Where(x => double.IsFinite(x.s.Mean)).ToList();
                if (points.Count > 0) chart.Series.Add(Band(name, points.Select(p => p.r).ToList(), points.Select(p => p.s).ToList(), style));
            }
        }
        return sb.ToString();
    }

    public static string AlphaSweepHtml(StudyView v)
    {
        var scopes = v.ScopesOf(TableVocabulary.AlphaSweep);
        if (scopes.Count == 0) return Missing("The ridge-alpha sweep:");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Ridge regularisation alpha (log axis) against Rank-1, one line per train share; mean over pairs per seed, " +
            "line = mean over seeds, band = ± one standard deviation."));
        foreach (var scope in scopes)
        {
            var settings = SweepTables.SweepSettings(v.Results.Rows.Where(scope.Contains)).Where(s => double.IsFinite(s.Alpha)).ToList();
            var charts = new List<string>();
            foreach (var protocol in v.Protocols(scope, TableVocabulary.Rank1))
            {
                var chart = new LineChart { Title = $"{v.ScopeLabel(scope)}, {protocol} protocol", XLabel = "ridge alpha", YLabel = "Rank-1 (%)", XScale = AxisScale.Log10, YMin = 0 };
                var table = new PaperTable($"Ridge-alpha sweep, Rank-1 (%), {v.ScopeLabel(scope)}, {protocol} protocol",
                    ["alpha", .. v.TrainRatios(scope).Select(r => $"train {r.ToString("0.##", CultureInfo.InvariantCulture)}")]);
                var cells = settings.ToDictionary(s => s.Alpha, s => new List<TableCell> { TableCell.Plain(s.Alpha.ToString("G3", CultureInfo.InvariantCulture)) });
                foreach (var ratio in v.TrainRatios(scope))
                {
                    var points = settings.Select(s => (s.Alpha, st: OverSeeds(v, scope, s.Map, protocol, ratio, s.Parameters))).ToList();
                    foreach (var (alpha, st) in points) cells[alpha].Add(new TableCell(st.Mean, st.Std));
                    var valid = points.Where(p => double.IsFinite(p.st.Mean)).ToList();
                    if (valid.Count > 0)
                        chart.Series.Add(Band($"train {ratio.ToString("0.##", CultureInfo.InvariantCulture)}", valid.Select(p => p.Alpha).ToList(), valid.Select(p => p.st).ToList(), null));
                }
                foreach (var row in cells.Values) table.Add([.. row]);
                if (chart.Series.Count > 0) charts.Add(chart.ToSvg());
                charts.Add("<div>" + table.ToHtml() + "</div>");
            }
            sb.Append(Figures(charts));
        }
        return sb.ToString();
    }

    public static string Degree2Html(StudyView v)
    {
        var scopes = v.ScopesOf(TableVocabulary.Degree2);
        if (scopes.Count == 0) return Missing("The degree-2 map experiment:");
        var sb = new System.Text.StringBuilder();
        sb.Append(Note("Degree-2 polynomial features + ridge against the linear maps on the same splits: does a richer map buy accuracy?"));
        sb.Append(PaperTable.HtmlWithNotesOnce(scopes.SelectMany(scope => v.Protocols(scope, TableVocabulary.Rank1)
            .Select(protocol => StudyTables.MetricTable(v, scope, protocol, TableVocabulary.Rank1, "Degree-2 maps, Rank-1")))));
        return sb.ToString();
    }

    private static LineSeries Band(string name, IReadOnlyList<double> x, IReadOnlyList<(double Mean, double Std)> s, SeriesStyle? style)
    {
        var std = s.Select(p => double.IsFinite(p.Std) ? p.Std : 0).ToList();
        return new LineSeries(name, x, s.Select(p => p.Mean).ToList(),
            s.Select((p, i) => p.Mean - std[i]).ToList(), s.Select((p, i) => p.Mean + std[i]).ToList(), Style: style);
    }
}
