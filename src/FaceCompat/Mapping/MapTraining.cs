using System.Globalization;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>Fitting a map on two models' embeddings of the same images, on the train identities of a split.</summary>
public static class MapTraining
{
    /// <summary>The rows of a set as a float64 matrix.</summary>
    public static Matrix Rows(EmbeddingSet set, ReadOnlySpan<int> rows)
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
    /// split's train identities; both sets must be row-aligned. Provenance records the split and sizes. A map fitted
    /// through a shared space is fitted on <paramref name="others"/> (the run's other models, row-aligned) as well.
    /// </summary>
    public static FittedMap Fit(EmbeddingSet source, EmbeddingSet target, IdentitySplit split, IMapFitter fitter,
        PreparationOptions? options = null, string sourceName = "source", string targetName = "target",
        IReadOnlyDictionary<string, EmbeddingSet>? others = null)
    {
        EmbeddingChecks.RequireAligned(source, sourceName, target, targetName);
        var (train, test) = split.RowIndices(source.Records);
        if (train.Length < 2) throw new FaceCompatException($"the split leaves {train.Length} train row(s); a map needs at least 2.");
        FittedMap map;
        if (fitter is Hub.IHubMapFitter hub)
        {
            var models = new Dictionary<string, Matrix>(StringComparer.Ordinal);
            foreach (var (name, set) in others ?? new Dictionary<string, EmbeddingSet>())
            {
                EmbeddingChecks.RequireAligned(source, sourceName, set, name);
                models[name] = Rows(set, train);
            }
            models[sourceName] = Rows(source, train);
            models[targetName] = Rows(target, train);
            map = hub.Fit(new Hub.HubRows(models, sourceName, targetName, options));
        }
        else map = fitter.Fit(Rows(source, train), Rows(target, train), options);
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
