using System.Diagnostics;
using System.Globalization;
using FaceCompat.Reporting;
using FaceCompat.Studies;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Whether the end of the full default study (aggregation, result files, report, tables) copes with its size:
/// synthetic results of the default configuration's shape (14 models, 182 ordered pairs, every experiment,
/// 5 seeds, the same metrics per evaluation; CMC, ROC and DET points for within, cross-dataset and self), 1.43 million
/// rows and 2.6 million curve points; then the statistics, StudyWriter, the HTML report and study-tables, each timed,
/// with the peak memory.
///   dotnet run -c Release --project bench/FaceCompat.Benchmarks -- study-output-scale OUT_DIR [--models 14] [--write-units | --read-units | --tables]
/// --write-units stores the generated results as the study's unit files (one per experiment, datasets and ordered pair)
/// under OUT_DIR/.work and stops; --read-units, in a fresh process, reads them back as a study whose units are all cached
/// does (<see cref="StudyUnitCache.Read"/>) and builds the outputs from them: the memory of rebuilding a full study's
/// outputs from its unit cache. --tables runs only study-tables on OUT_DIR's files (a process of its own, as the command is).
/// </summary>
public static class StudyOutputScale
{
    private static readonly string[] IdentificationMetrics = ["rank1", "rank5", "rank10", "rank20", "map@50", "chance_rank1", "queries", "queries_without_mate"];
    private static readonly string[] VerificationMetrics = ["eer", "auc", "tmr@fmr=0.1", "tmr@fmr=0.01", "tmr@fmr=0.001", "tmr@fmr=0.0001",
        "tmr@fmr=0.1_interp", "tmr@fmr=0.01_interp", "tmr@fmr=0.001_interp", "tmr@fmr=0.0001_interp", "genuine_pairs", "impostor_pairs"];
    private static readonly string[] SweepMetrics = ["rank1", "rank5", "rank10", "map@50"];
    private static readonly string[] SweepVerification = ["eer", "auc", "tmr@fmr=0.1", "tmr@fmr=0.01", "tmr@fmr=0.001", "tmr@fmr=0.0001"];
    private static readonly int[] Seeds = [42, 123, 217, 7, 531];
    private static readonly double[] Shares = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];

    public static int Run(string[] args)
    {
        var outDir = Path.GetFullPath(args.FirstOrDefault() ?? throw new ArgumentException("usage: study-output-scale OUT_DIR [--models 14]"));
        var modelCount = new BenchArgs(args).Int("--models", 14);
        var models = Enumerable.Range(0, modelCount).Select(i => new StudyModel($"model{i:D2}",
            i < 4 ? "face-identity" : i < 11 ? "face-attribute" : "generic-vision", "synthetic", [$"{i:D64}  model.onnx"])).ToList();
        var mode = args.Contains("--tables") ? Mode.Tables : args.Contains("--read-units") ? Mode.ReadUnits
            : args.Contains("--write-units") ? Mode.WriteUnits : Mode.Whole;
        var clock = Stopwatch.StartNew();
        if (mode == Mode.Tables)
        {
            var markdown = ResultsTables.Markdown(outDir);
            Console.WriteLine($"study-tables in {clock.Elapsed.TotalSeconds:F1} s: {markdown.Length / 1e6:F1} MB of Markdown{Peak()}");
            return 0;
        }
        var unitDir = Path.Combine(outDir, ".work");
        List<StudyRow> rows;
        List<StudyCurvePoint> curves;
        if (mode == Mode.ReadUnits)
        {
            (rows, curves) = ReadUnits(unitDir);
            Console.WriteLine($"read {rows.Count:N0} rows, {curves.Count:N0} curve points from the unit files in {clock.Elapsed.TotalSeconds:F1} s{Peak()}");
        }
        else
        {
            (rows, curves) = Generate(models);
            Console.WriteLine($"generated {rows.Count:N0} rows, {curves.Count:N0} curve points in {clock.Elapsed.TotalSeconds:F1} s");
            if (mode == Mode.WriteUnits)
            {
                var units = WriteUnits(rows, curves, unitDir);
                Console.WriteLine($"wrote {units:N0} unit files to {unitDir} in {clock.Elapsed.TotalSeconds:F1} s");
                return 0;
            }
        }

        clock.Restart();
        rows.AddRange(StudyStatistics.RelativeRank1(rows));
        var statistics = StudyStatistics.Aggregate(rows, []);
        Console.WriteLine($"statistics: {statistics.Count:N0} in {clock.Elapsed.TotalSeconds:F1} s{Peak()}");

        var info = new StudyInfo("scale check", "", "synthetic", DateTimeOffset.UtcNow, TimeSpan.Zero, false, "openblas");
        var results = new StudyResults(info, models, rows, statistics, curves, []);
        clock.Restart();
        StudyWriter.Write(results, [], outDir, r => "splits/synthetic.csv");
        Console.WriteLine($"result files in {clock.Elapsed.TotalSeconds:F1} s: " + string.Join(", ",
            Directory.GetFiles(outDir).Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1e6:F0} MB")) + Peak());
        clock.Restart();
        StudyReport.Write(results, outDir);
        Console.WriteLine($"report in {clock.Elapsed.TotalSeconds:F1} s: report.html {new FileInfo(Path.Combine(outDir, StudyReport.HtmlFile)).Length / 1e6:F1} MB{Peak()}");
        if (mode == Mode.Whole)
        {
            clock.Restart();
            var tables = ResultsTables.Markdown(outDir);
            Console.WriteLine($"study-tables in {clock.Elapsed.TotalSeconds:F1} s: {tables.Length / 1e6:F1} MB of Markdown{Peak()}");
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB");
        return 0;
    }

    /// <summary>What one invocation does: everything in one process, or one step of the unit-file measurement.</summary>
    private enum Mode { Whole, WriteUnits, ReadUnits, Tables }

    /// <summary>The process's peak working set so far, for each step's line.</summary>
    private static string Peak()
    {
        using var process = Process.GetCurrentProcess();
        return $" (peak so far {process.PeakWorkingSet64 / 1e9:F2} GB)";
    }

    private static int WriteUnits(List<StudyRow> rows, List<StudyCurvePoint> curves, string unitDir)
    {
        var curvesOf = curves.ToLookup(c => (c.Experiment, c.Source, c.Target, c.TestDataset));
        var units = rows.GroupBy(r => (r.Experiment, r.FitDataset, r.TestDataset, r.Source, r.Target)).ToList();
        var i = 0;
        foreach (var unit in units)
        {
            var (experiment, _, test, source, target) = unit.Key;
            var result = new StudyUnitResult(unit.ToList(), curvesOf[(experiment, source, target, test)].ToList(), [], []) { Cost = new UnitCost(1, 1) };
            StudyUnitCache.Write(Path.Combine(unitDir, experiment, $"{i++:D6}.json"), result);
        }
        return units.Count;
    }

    private static (List<StudyRow> Rows, List<StudyCurvePoint> Curves) ReadUnits(string unitDir)
    {
        var cache = new StudyUnitCache(unitDir);
        var units = Directory.GetFiles(unitDir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => cache.Read(f) ?? throw new InvalidDataException(f)).ToList();
        return (units.SelectMany(u => u.Rows).ToList(), units.SelectMany(u => u.Curves).ToList());
    }

    private static (List<StudyRow> Rows, List<StudyCurvePoint> Curves) Generate(List<StudyModel> models)
    {
        var random = new Random(7);
        var rows = new List<StudyRow>();
        var curves = new List<StudyCurvePoint>();
        void Evaluation(string experiment, string fit, string test, StudyModel s, StudyModel t, string map, string parameters, double share, int seed, bool full)
        {
            foreach (var protocol in new[] { "strict", "reference" })
                foreach (var metric in full ? IdentificationMetrics : SweepMetrics)
                    rows.Add(new StudyRow(experiment, fit, test, "crop", s.Id, t.Id, s.Family, t.Family, map, parameters, share, seed, protocol,
                        "identification", metric, random.NextDouble()));
            foreach (var metric in full ? VerificationMetrics : SweepVerification)
                rows.Add(new StudyRow(experiment, fit, test, "crop", s.Id, t.Id, s.Family, t.Family, map, parameters, share, seed, "reference",
                    "verification", metric, random.NextDouble()));
            if (!full) return;
            foreach (var protocol in new[] { "strict", "reference" })
                for (var k = 1; k <= 20; k++)
                    curves.Add(new StudyCurvePoint(experiment, test, s.Id, t.Id, map, seed, protocol, "cmc", k, random.NextDouble()));
            foreach (var curve in new[] { "roc", "det" })
                for (var k = 0; k < 60; k++)
                    curves.Add(new StudyCurvePoint(experiment, test, s.Id, t.Id, map, seed, "reference", curve, k / 60.0, random.NextDouble()));
        }
        string[] maps = ["procrustes", "lstsq", "ridge", "unaligned", "shuffled", "random-orthogonal"];
        string Parameters(string map) => map == "ridge" ? "alpha=0.1" : "";
        foreach (var seed in Seeds)
            foreach (var dataset in new[] { "lfw", "cfp-frontal" })
                foreach (var m in models)
                    Evaluation("self", dataset, dataset, m, m, "self", "", 0.7, seed, true);
        foreach (var s in models)
            foreach (var t in models.Where(t => t != s))
                foreach (var seed in Seeds)
                {
                    foreach (var dataset in new[] { "lfw", "cfp-frontal" })
                        foreach (var map in maps)
                            Evaluation("within", dataset, dataset, s, t, map, Parameters(map), 0.7, seed, true);
                    foreach (var map in maps)
                        Evaluation("cross-dataset", "cfp-frontal", "lfw", s, t, map, Parameters(map), 1.0, seed, true);
                    foreach (var share in Shares)
                    {
                        foreach (var map in new[] { "procrustes", "lstsq", "ridge", "unaligned" })
                            Evaluation("data-efficiency", "lfw", "lfw", s, t, map, Parameters(map), share, seed, false);
                        foreach (var alpha in new[] { 0.001, 0.01, 0.1, 1, 10, 100 })
                            Evaluation("alpha-sweep", "lfw", "lfw", s, t, "ridge", "alpha=" + alpha.ToString(CultureInfo.InvariantCulture), share, seed, false);
                    }
                    foreach (var dataset in new[] { "lfw", "cfp-frontal" })
                        foreach (var (map, parameters) in new[] { ("poly2", "alpha=0.0001"), ("ridge", "alpha=0.1"), ("unaligned", "") })
                            Evaluation("degree2", dataset, dataset, s, t, map, parameters, 0.7, seed, false);
                }
        return (rows, curves);
    }
}
