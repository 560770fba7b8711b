using FaceCompat.Infrastructure;

namespace FaceCompat.Embeddings;

/// <summary>Checks every consumer of embeddings relies on; each failure names the offending row.</summary>
internal static class EmbeddingChecks
{
    /// <summary>Refuses NaN/Inf values and all-zero rows (which have no direction to compare).</summary>
    /// <param name="firstRow">The number of the first row given, in the file (for rows checked a block at a time).</param>
    public static void RequireUsableRows(ReadOnlySpan<float> values, int rows, int cols, string name, int firstRow = 0)
    {
        if (rows == 0) throw new FaceCompatException($"{name}: no rows.");
        for (var i = 0; i < rows; i++)
        {
            var row = values.Slice(i * cols, cols);
            var allZero = true;
            for (var j = 0; j < row.Length; j++)
            {
                var v = row[j];
                if (!float.IsFinite(v))
                    throw new FaceCompatException($"{name}: row {firstRow + i} holds a non-finite value ({v}) in column {j}.");
                if (v != 0) allZero = false;
            }
            if (allZero) throw new FaceCompatException($"{name}: row {firstRow + i} is all zeros (an embedding needs a direction).");
        }
    }

    public static void RequireUsableRows(EmbeddingSet set, string name) =>
        RequireUsableRows(set.Vectors, set.Count, set.Dimension, name);

    /// <summary>Refuses two sets whose rows do not describe the same images in the same order.</summary>
    public static void RequireAligned(EmbeddingSet a, string aName, EmbeddingSet b, string bName)
    {
        if (a.Count != b.Count)
            throw new FaceCompatException($"{aName} has {a.Count} rows but {bName} has {b.Count}; rows must be aligned by index.");
        for (var i = 0; i < a.Count; i++)
        {
            var ra = a.Records[i];
            var rb = b.Records[i];
            if (ra.Identity != rb.Identity || ra.Path != rb.Path)
                throw new FaceCompatException(
                    $"row {i} differs: {aName} has '{ra.Path}' ({ra.Identity}) but {bName} has '{rb.Path}' ({rb.Identity}).");
        }
    }

    /// <summary>Refuses a row count that differs from the metadata's.</summary>
    public static void RequireRowCount(int rows, int expected, string name, string metadataName)
    {
        if (rows != expected)
            throw new FaceCompatException($"{name} has {rows} rows but {metadataName} lists {expected}; rows must be aligned by index.");
    }
}
