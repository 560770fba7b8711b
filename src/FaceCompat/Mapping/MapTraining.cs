using System.Globalization;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>Fitting a map on two models' embeddings of the same images, on the train identities of a split.</summary>
public static class MapTraining
{
    /// <summary>The rows of a set as a float64 matrix.</summary>
    internal static Matrix Rows(EmbeddingSet set, int[] rows) => new SelectedRows(set, rows).ToMatrix();

    /// <summary>
    /// Fits <paramref name="fitter"/> from <paramref name="source"/> to <paramref name="target"/> on the
    /// split's train identities; both sets must be row-aligned. Provenance records the split and sizes. A map fitted
    /// through a shared space is fitted on <paramref name="others"/> (the run's other models, row-aligned) as well.
    /// </summary>
    internal static FittedMap Fit(EmbeddingSet source, EmbeddingSet target, IdentitySplit split, IMapFitter fitter,
        PreparationOptions? options = null, string sourceName = "source", string targetName = "target",
        IReadOnlyDictionary<string, EmbeddingSet>? others = null)
    {
        EmbeddingChecks.RequireAligned(source, sourceName, target, targetName);
        var (train, test) = split.RowIndices(source.Records);
        if (train.Length < 2) throw new FaceCompatException($"the split leaves {train.Length} train row(s); a map needs at least 2.");
        var (sourceTrain, targetTrain) = (Rows(source, train), Rows(target, train));
        var map = fitter.FitInRun(() => Preparation.Fit(sourceTrain, targetTrain, options).PrepareTraining(sourceTrain, targetTrain), () =>
        {
            var models = new Dictionary<string, Matrix>(StringComparer.Ordinal);
            foreach (var (name, set) in others ?? new Dictionary<string, EmbeddingSet>())
            {
                EmbeddingChecks.RequireAligned(source, sourceName, set, name);
                models[name] = Rows(set, train);
            }
            models[sourceName] = sourceTrain;
            models[targetName] = targetTrain;
            return models;
        }, sourceName, targetName, options);
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
            // Stryker disable once String : a built assembly always has a version; the fallback is never taken
            ["code_version"] = typeof(MapTraining).Assembly.GetName().Version?.ToString() ?? "",
        });
    }

    /// <summary>Rows migrated per block by <see cref="MigrateFile"/>: a few tens of MB whatever the file's size.</summary>
    public const int MigrationBlockRows = 16_384;

    /// <summary>
    /// Fits <paramref name="map"/> from <paramref name="source"/> to <paramref name="target"/> on the split's
    /// train identities (<see cref="IdentitySplit.AllTrain"/> for a migration map); both sets row-aligned.
    /// </summary>
    public static FittedMap Fit(EmbeddingSet source, EmbeddingSet target, IdentitySplit split, MapSpec map,
        PreparationOptions? options = null, string sourceName = "source", string targetName = "target") =>
        Fit(source, target, split, map.CreateFitter(split.Seed), options, sourceName, targetName);

    /// <summary>
    /// Gallery migration of a .npy file of any number of rows: read, carried into the target model's own space
    /// (L2-normalised, float32) and written a block of rows at a time, so memory stays that of one block. Written
    /// atomically: a bad row (refused by its row number) or any failure leaves no output file.
    /// </summary>
    public static int MigrateFile(FittedMap map, string inputPath, string outputPath, int blockRows = MigrationBlockRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        using var reader = NpyRowReader.Open(inputPath);
        var cols = reader.Cols;
        if (cols != map.SourceDimension)
            throw new FaceCompatException($"{inputPath}: rows have {cols} dimensions but the map's source model has {map.SourceDimension}.");
        if (reader.Rows == 0) throw new FaceCompatException($"{inputPath}: no rows.");
        // Stryker disable once Statement : migrating each block checks it again (the early check saves opening the output)
        map.RequireMigration();
        // Stryker disable once Linq : a larger buffer reads the same blocks
        var block = new float[Math.Min(blockRows, reader.Rows) * cols];
        AtomicFile.Write(outputPath, stream =>
        {
            NpyWriter.WriteFloat32Header(stream, reader.Rows, map.TargetDimension);
            while (reader.Position < reader.Rows)
            {
                var first = reader.Position;
                var count = reader.Read(block);
                EmbeddingChecks.RequireUsableRows(block.AsSpan(0, count * cols), count, cols, inputPath, first);
                var migrated = map.MigrateToTarget(Matrix.FromFloats(block.AsSpan(0, count * cols), count, cols));
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(migrated.ToFloats().AsSpan()));
            }
        });
        return reader.Rows;
    }
}
