using System.Globalization;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>Fitting a map on two models' embeddings of the same images, on the train identities of a split.</summary>
public static class MapTraining
{
    /// <summary>The rows of a set as a float64 matrix.</summary>
    internal static Matrix Rows(EmbeddingSet set, ReadOnlySpan<int> rows)
    {
        var m = new Matrix(rows.Length, set.Dimension);
        for (var i = 0; i < rows.Length; i++)
        {
            var src = set.Row(rows[i]);
            var dst = m.Row(i);
            for (var j = 0; j < dst.Length; j++) dst[j] = src[j];
        }
        return m;
    }

    /// <summary>
    /// Fits <paramref name="fitter"/> from <paramref name="source"/> to <paramref name="target"/> on the
    /// split's train identities; both sets must be row-aligned. Provenance records the split and sizes.
    /// </summary>
    internal static FittedMap Fit(EmbeddingSet source, EmbeddingSet target, IdentitySplit split, IMapFitter fitter,
        PreparationOptions? options = null, string sourceName = "source", string targetName = "target")
    {
        EmbeddingChecks.RequireAligned(source, sourceName, target, targetName);
        var (train, test) = split.RowIndices(source.Records);
        if (train.Length < 2) throw new FaceCompatException($"the split leaves {train.Length} train row(s); a map needs at least 2.");
        var map = fitter.Fit(Rows(source, train), Rows(target, train), options);
        return map.WithProvenance(new Dictionary<string, string>
        {
            ["source_model"] = sourceName,
            ["target_model"] = targetName,
            ["split_seed"] = split.Seed?.ToString(CultureInfo.InvariantCulture) ?? "file",
            ["train_ratio"] = split.TrainRatio?.ToString("R", CultureInfo.InvariantCulture) ?? "file",
            ["train_identities"] = split.TrainIdentities.Count.ToString(CultureInfo.InvariantCulture),
            ["test_identities"] = split.TestIdentities.Count.ToString(CultureInfo.InvariantCulture),
            ["train_rows"] = train.Length.ToString(CultureInfo.InvariantCulture),
            ["test_rows"] = test.Length.ToString(CultureInfo.InvariantCulture),
            ["preparation"] = map.Preparation.Options.ToString(),
            ["blas"] = Blas.Backend,
            ["code_version"] = typeof(MapTraining).Assembly.GetName().Version?.ToString() ?? "",
        });
    }

    /// <summary>
    /// Fits <paramref name="map"/> from <paramref name="source"/> to <paramref name="target"/> on the split's
    /// train identities (<see cref="IdentitySplit.AllTrain"/> for a migration map); both sets row-aligned.
    /// </summary>
    public static FittedMap Fit(EmbeddingSet source, EmbeddingSet target, IdentitySplit split, MapSpec map,
        PreparationOptions? options = null, string sourceName = "source", string targetName = "target") =>
        Fit(source, target, split, map.CreateFitter(split.Seed), options, sourceName, targetName);

    /// <summary>
    /// Gallery migration of a .npy file: rows from the map's source model carried into the target
    /// model's own space (L2-normalised, float32), written atomically. Bad rows are refused by row.
    /// </summary>
    public static int MigrateFile(FittedMap map, string inputPath, string outputPath)
    {
        var values = NpyReader.ReadFloat32(inputPath, out var rows, out var cols);
        if (cols != map.SourceDimension)
            throw new FaceCompatException($"{inputPath}: rows have {cols} dimensions but the map's source model has {map.SourceDimension}.");
        EmbeddingChecks.RequireUsableRows(values, rows, cols, inputPath);
        var migrated = map.MigrateToTarget(Matrix.FromFloats(values, rows, cols));
        NpyWriter.WriteFloat32(outputPath, migrated.ToFloats(), migrated.Rows, migrated.Cols);
        return rows;
    }
}
