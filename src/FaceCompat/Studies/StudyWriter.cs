using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using Parquet.Serialization;

namespace FaceCompat.Studies;

/// <summary>One results row with its provenance, as written to results.parquet/.csv/.json.</summary>
internal sealed class StudyResultRecord
{
    public string Experiment { get; init; } = "";
    public string FitDataset { get; init; } = "";
    public string TestDataset { get; init; } = "";
    public string Preprocessing { get; init; } = "";
    public string Source { get; init; } = "";
    public string Target { get; init; } = "";
    public string SourceFamily { get; init; } = "";
    public string TargetFamily { get; init; } = "";
    public string Map { get; init; } = "";
    public string MapParameters { get; init; } = "";
    public double TrainRatio { get; init; }
    public int Seed { get; init; }
    public string Protocol { get; init; } = "";
    public string Task { get; init; } = "";
    public string Metric { get; init; } = "";
    public double Value { get; init; }
    /// <summary>SHA-256 over the source model's provenance lines of this row's preprocessing (its embeddings files).</summary>
    public string SourceSha256 { get; init; } = "";
    public string TargetSha256 { get; init; } = "";
    /// <summary>Which identities fitted and tested: split file(s) under splits/.</summary>
    public string Split { get; init; } = "";
    public string CodeVersion { get; init; } = "";
}

/// <summary>
/// Writes a study's files into its output folder, each all-or-nothing (<see cref="AtomicFile"/>):
/// results.parquet, results.csv, results.json, statistics.csv, curves.csv, space_similarity.csv,
/// models.csv, work.csv and splits/&lt;dataset&gt;/*.csv.
/// </summary>
internal static class StudyWriter
{
    /// <summary>work.csv: per experiment, the floating-point work of its computed units and the rate against the run's GEMM peak.</summary>
    public const string WorkCsvHeader =
        "experiment,units,wall_seconds,single_gemm_flops,double_gemm_flops,decomposition_flops,achieved_gflops,peak_single_gflops,peak_double_gflops,seconds_at_peak,share_of_peak";

    public const string ResultsCsvHeader =
        "experiment,fit_dataset,test_dataset,preprocessing,source,target,source_family,target_family,map,map_parameters,train_ratio,seed,protocol,task,metric,value,source_sha256,target_sha256,split,code_version";

    /// <summary>splits/&lt;dataset&gt;/seed-&lt;seed&gt;.csv for the main split; sweeps add the train and test shares.</summary>
    public static string SplitFile(string dataset, int seed, double trainRatio, double? testRatio) =>
        $"splits/{dataset}/seed-{seed.ToString(CultureInfo.InvariantCulture)}" +
        (testRatio is { } t ? $"-train{F(trainRatio)}-test{F(t)}" : trainRatio == 0.7 ? "" : $"-train{F(trainRatio)}") + ".csv";

    /// <param name="splitOf">The split file(s) of a row; must depend only on its experiment, datasets, seed and train share.</param>
    public static void Write(StudyResults results, IReadOnlyList<(string File, IdentitySplit Split)> splits, string outDir,
        Func<StudyRow, string> splitOf)
    {
        foreach (var (file, split) in splits)
        {
            var path = Path.Combine(outDir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            split.Write(path);
        }
        var modelHash = results.Models.ToDictionary(m => m.Id, m => Hash(m.FileSha256));
        // A row's model hash covers the embeddings files of its own preprocessing variant ("<label>/..." lines) where listed.
        var variantHash = new Dictionary<(string, string), string>();
        string RowHash(string model, string preprocessing)
        {
            if (variantHash.TryGetValue((model, preprocessing), out var h)) return h;
            var lines = results.Models.First(m => m.Id == model).FileSha256.Where(f => f.StartsWith(preprocessing + "/", StringComparison.Ordinal)).ToList();
            return variantHash[(model, preprocessing)] = lines.Count > 0 ? Hash(lines) : modelHash[model];
        }
        // A row's split names depend only on its experiment, datasets, seed and train share (StudySplits.SplitOf): made
        // once per distinct split, not once per row and file.
        var splitNames = new Dictionary<(string, string, string, int, double), string>();
        string SplitName(StudyRow r)
        {
            var key = (r.Experiment, r.FitDataset, r.TestDataset, r.Seed, r.TrainRatio);
            return splitNames.TryGetValue(key, out var name) ? name : splitNames[key] = splitOf(r);
        }
        // Made as each file is written, never held whole: 1.4 million of them in the full default study.
        IEnumerable<StudyResultRecord> Records() => results.Rows.Select(r => new StudyResultRecord
        {
            Experiment = r.Experiment, FitDataset = r.FitDataset, TestDataset = r.TestDataset, Preprocessing = r.Preprocessing,
            Source = r.Source, Target = r.Target, SourceFamily = r.SourceFamily, TargetFamily = r.TargetFamily, Map = r.Map,
            MapParameters = r.MapParameters, TrainRatio = r.TrainRatio, Seed = r.Seed, Protocol = r.Protocol, Task = r.Task,
            Metric = r.Metric, Value = r.Value, SourceSha256 = RowHash(r.Source, r.Preprocessing), TargetSha256 = RowHash(r.Target, r.Preprocessing),
            Split = SplitName(r), CodeVersion = results.Info.CodeVersion,
        });

        WriteParquet(Path.Combine(outDir, "results.parquet"), Records());
        WriteCsv(Path.Combine(outDir, "results.csv"), ResultsCsvHeader, Records().Select(r => new object[]
        {
            r.Experiment, r.FitDataset, r.TestDataset, r.Preprocessing, r.Source, r.Target, r.SourceFamily, r.TargetFamily, r.Map,
            r.MapParameters, r.TrainRatio, r.Seed, r.Protocol, r.Task, r.Metric, r.Value, r.SourceSha256, r.TargetSha256, r.Split, r.CodeVersion,
        }));
        WriteCsv(Path.Combine(outDir, "statistics.csv"),
            "experiment,fit_dataset,test_dataset,preprocessing,source,target,map,train_ratio,protocol,task,metric,seeds,mean,std,ci_low,ci_high,wilcoxon_p,permutation_p",
            results.Statistics.Select(s => new object[]
            {
                s.Experiment, s.FitDataset, s.TestDataset, s.Preprocessing, s.Source, s.Target, s.Map, s.TrainRatio, s.Protocol, s.Task,
                s.Metric, s.Seeds, s.Mean, s.Std, s.CiLow, s.CiHigh, s.WilcoxonP, s.PermutationP,
            }));
        WriteCsv(Path.Combine(outDir, "curves.csv"), "experiment,test_dataset,source,target,map,seed,protocol,curve,x,y",
            results.Curves.Select(c => new object[] { c.Experiment, c.TestDataset, c.Source, c.Target, c.Map, c.Seed, c.Protocol, c.Curve, c.X, c.Y }));
        if (results.OperatingPoints.Count > 0) WriteOperatingPoints(results, outDir);
        WriteCsv(Path.Combine(outDir, "space_similarity.csv"), "dataset,preprocessing,model_a,model_b,measure,value",
            results.SpaceSimilarity.Select(s => new object[] { s.Dataset, s.Preprocessing, s.ModelA, s.ModelB, s.Measure, s.Value }));
        WriteCsv(Path.Combine(outDir, "models.csv"), "id,family,source,sha256,files",
            results.Models.Select(m => new object[] { m.Id, m.Family, m.Source, modelHash[m.Id], string.Join(" ", m.FileSha256) }));

        WriteCsv(Path.Combine(outDir, "work.csv"), WorkCsvHeader, results.Info.Work.Select(w => new object[]
        {
            w.Experiment, w.Units, w.WallSeconds, w.Flops.SingleGemm, w.Flops.DoubleGemm, w.Flops.Decomposition,
            w.AchievedFlopsPerSecond / 1e9, (w.Peak?.SingleFlopsPerSecond ?? double.NaN) / 1e9, (w.Peak?.DoubleFlopsPerSecond ?? double.NaN) / 1e9,
            w.SecondsAtPeak, w.ShareOfPeak,
        }));

        var json = new
        {
            tool = "facecompat study",
            title = results.Info.Title,
            code_version = results.Info.CodeVersion,
            blas = results.Info.BlasBackend,
            quick = results.Info.Quick,
            units_missing = results.Info.UnitsMissing,
            units_timed = results.Info.UnitsTimed,
            units_wall_seconds = results.Info.UnitsWallSeconds,
            units_cpu_seconds = results.Info.UnitsCpuSeconds,
            units_untimed = results.Info.UnitsUntimed,
            gemm_peak = results.Info.Peak is { } peak
                ? new { single_gflops = peak.SingleFlopsPerSecond / 1e9, double_gflops = peak.DoubleFlopsPerSecond / 1e9, size = peak.Size }
                : null,
            work = results.Info.Work.Select(w => new
            {
                experiment = w.Experiment, units = w.Units, wall_seconds = w.WallSeconds,
                single_gemm_flops = w.Flops.SingleGemm, double_gemm_flops = w.Flops.DoubleGemm, decomposition_flops = w.Flops.Decomposition,
                achieved_gflops = w.AchievedFlopsPerSecond / 1e9, seconds_at_peak = w.SecondsAtPeak, share_of_peak = w.ShareOfPeak,
            }),
            started = results.Info.Started,
            elapsed_seconds = results.Info.Elapsed.TotalSeconds,
            config = results.Info.ConfigYaml,
            preprocessing = results.Info.Preprocessing,
            std = "sample standard deviation over seeds (ddof 1)",
            models = results.Models.Select(m => new { id = m.Id, family = m.Family, source = m.Source, sha256 = modelHash[m.Id], files = m.FileSha256 }),
            splits = splits.Select(s => new
            {
                file = s.File, seed = s.Split.Seed, train_ratio = s.Split.TrainRatio,
                train_identities = s.Split.TrainIdentities.Count, test_identities = s.Split.TestIdentities.Count,
            }),
            rows = Records(),
        };
        var options = new JsonSerializerOptions(StudyUnitCache.Json) { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        // Streamed: the full default study's results.json is about 1 GB, near the largest string .NET can hold.
        AtomicFile.Write(Path.Combine(outDir, "results.json"), stream =>
        {
            JsonSerializer.Serialize(stream, json, options);
            stream.WriteByte((byte)'\n');
        });
    }

    /// <summary>operating_points.csv (per seed), operating_points_statistics.csv (over seeds) and bct.csv of the operating-points and exposure experiments.</summary>
    private static void WriteOperatingPoints(StudyResults results, string outDir)
    {
        WriteLines(Path.Combine(outDir, "operating_points.csv"), StudyOperatingPoint.CsvHeader, results.OperatingPoints.Select(r => r.ToCsv()));
        WriteLines(Path.Combine(outDir, "operating_points_statistics.csv"), OperatingPointStatistic.CsvHeader,
            results.OperatingPointStatistics.Select(s => s.ToCsv()));
        WriteLines(Path.Combine(outDir, "bct.csv"), "experiment,test_dataset,preprocessing," + BctRow.CsvHeader,
            OperatingPointStatistics.Bct(results.OperatingPoints).Select(b => string.Join(',', b.Experiment, b.TestDataset, b.Preprocessing, OperatingPointsWriter.BctCsv(b.Row))));
    }

    private static void WriteLines(string path, string header, IEnumerable<string> lines) =>
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            text.Write(header);
            text.Write('\n');
            foreach (var line in lines) { text.Write(line); text.Write('\n'); }
        });

    private static string Hash(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));

    /// <summary>Row groups of this many rows: the serializer holds one group's columns at a time.</summary>
    internal const int ParquetRowGroupRows = 1 << 17;

    internal static void WriteParquet(string path, IEnumerable<StudyResultRecord> records, int rowGroupRows = ParquetRowGroupRows) =>
        AtomicFile.Write(path, stream =>
            ParquetSerializer.SerializeAsync(records, stream, new Parquet.ParquetOptions { RowGroupSize = rowGroupRows }).GetAwaiter().GetResult());

    private static void WriteCsv(string path, string header, IEnumerable<object[]> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            text.Write(header);
            text.Write('\n');
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0) text.Write(',');
                    text.Write(row[i] switch
                    {
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        int n => n.ToString(CultureInfo.InvariantCulture),
                        string s => Escape(s),
                        var o => Escape(Convert.ToString(o, CultureInfo.InvariantCulture) ?? ""),
                    });
                }
                text.Write('\n');
            }
        });

    private static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
