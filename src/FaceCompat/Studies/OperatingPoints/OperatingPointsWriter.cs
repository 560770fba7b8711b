using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Studies;

/// <summary>Writes an operating-points run: operating_points.csv, bct.csv, run.json, splits/ and (when asked) maps/.</summary>
internal static class OperatingPointsWriter
{
    public static void Write(string folder, ComparisonInputs inputs, ComparisonInputs? fit, OperatingPointsOptions options, OperatingPointsResult result)
    {
        foreach (var split in result.Splits)
            split.Split.Write(Path.Combine(folder, "splits", Embeddings.IdentitySplit.FileName(split.Seed)));
        if (options.SaveMaps)
            foreach (var (name, map) in result.Maps)
                map.Save(Path.Combine(folder, "maps", name.Replace(':', '_')));

        var csv = new StringBuilder(OperatingPointRow.CsvHeader).Append('\n');
        foreach (var row in result.Rows) csv.Append(row.ToCsv()).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, "operating_points.csv"), csv.ToString());

        var bct = new StringBuilder(BctRow.CsvHeader).Append('\n');
        foreach (var r in result.Bct) bct.Append(BctCsv(r)).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, "bct.csv"), bct.ToString());

        var document = new
        {
            tool = "facecompat operating-points",
            code_version = typeof(OperatingPointsWriter).Assembly.GetName().Version?.ToString(),
            blas = Blas.Backend,
            source = new { name = inputs.SourceName, rows = inputs.Source.Count, dimension = inputs.Source.Dimension },
            target = new { name = inputs.TargetName, rows = inputs.Target.Count, dimension = inputs.Target.Dimension },
            inputs = inputs.Files.Select(f => new { path = f.Key, sha256 = f.Value }),
            fit_on = fit?.Files.Select(f => new { path = f.Key, sha256 = f.Value }),
            fit_identities = options.FitIdentityGrid,
            maps = options.Maps.Select(m => m.Label),
            seeds = result.Splits.Select(s => s.Seed),
            train_ratio = options.SplitFile is null ? options.TrainRatio : (double?)null,
            split_file = options.SplitFile is null ? null : Path.GetFullPath(options.SplitFile),
            false_match_rates = options.FalseMatchRates,
            false_positive_identification_rates = options.FalsePositiveIdentificationRates,
            preparation = options.Preparation.ToString(),
            definitions = new
            {
                score = "dot product of float32 unit rows accumulated in double (DGEMM), rounded once to float32",
                threshold = "k = floor(f * N) over the calibrating system's N impostor scores; tau = the (k+1)-th largest; accept when score > tau; not_measurable when k = 0",
                verification_pairs = "native-a, native-b: unordered pairs of distinct test images (i < j); migrated, unaligned, exposure: ordered pairs (gallery template of image i, native B probe of image j), i != j; exposure-same-image: i = j",
                calibration = "every scenario at native-b's thresholds except native-a, which runs at its own",
                open_set = "test identities sorted ordinally, even positions enrolled with their first test row; other rows search; FNIR(R=1): mate strictly first and above tau",
                fit_identities = "exposure maps fitted on all of the fit set (all) and, per seed, on k of its identities: sorted identities permuted by numpy RandomState(seed), the first k, all their rows",
                migration = "map.MigrateToTarget: restore to B's coordinates (drop padding, add B's train mean), L2-normalised, rounded to float32",
            },
        };
        AtomicFile.WriteAllText(Path.Combine(folder, "run.json"), JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>One line of bct.csv (<see cref="BctRow.CsvHeader"/>).</summary>
    public static string BctCsv(BctRow r) =>
        string.Join(',', r.Source, r.Target, r.Map, OperatingPointRow.Rate(r.OperatingPoint), r.Seeds, r.SeedsHolding,
            r.SeedsHoldingWithinFmr, Number(r.MigratedTmr), Number(r.NativeATmr), Number(r.MigratedFmr), r.HoldsOnMean switch { true => "yes", false => "no", null => OperatingPointRow.NotMeasurable },
            Number(r.Wilcoxon?.PValue), Number(r.SignFlip?.PValue));

    private static string Number(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
