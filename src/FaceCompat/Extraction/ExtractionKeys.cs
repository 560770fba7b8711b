using System.Text.Json;

namespace FaceCompat.Extraction;

/// <summary>The keys an extraction's chunks and manifest entry carry, so that work made from other inputs is never taken for this run's.</summary>
internal static class ExtractionKeys
{
    /// <summary>Everything the chunks depend on: change any of it and old chunks are not reused.</summary>
    public static string RunKey(ModelProvenance model, EmbedderShape shape, Preprocessing preprocessing, string fileListHash, ExtractionOptions options) =>
        Hash(new
        {
            format = 1,
            model = model.ModelId,
            files = model.Files.Select(f => f.Name + ":" + f.Sha256).ToArray(),
            dim = shape.Dimension,
            input = $"{shape.InputWidth}x{shape.InputHeight}",
            preprocessing = preprocessing.Describe(),
            fileListHash,
            options.ChunkSize,
            options.BatchSize,
            options.MinimumSide,
        });

    /// <summary>
    /// What one image's row depends on besides the image: the run key without the file list (nor the preprocessing's
    /// parts that depend on it), chunk and batch sizes. Rows of an earlier extraction with the same row key are reused
    /// for images that did not change.
    /// </summary>
    public static string RowKey(ModelProvenance model, EmbedderShape shape, Preprocessing preprocessing, ExtractionOptions options) =>
        Hash(new
        {
            format = 1,
            model = model.ModelId,
            files = model.Files.Select(f => f.Name + ":" + f.Sha256).ToArray(),
            dim = shape.Dimension,
            input = $"{shape.InputWidth}x{shape.InputHeight}",
            preprocessing = preprocessing.DescribePerImage(),
            options.MinimumSide,
        });

    private static string Hash<T>(T key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(key))));
}
