using System.Globalization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Embeddings;

/// <summary>
/// The library's edge for embeddings held elsewhere. The primary form is row-major float32 — a
/// <see cref="ReadOnlySpan{T}"/> of <c>count x dimension</c> values, what an ONNX output, a <c>.npy</c> file and
/// <see cref="EmbeddingSet.Vectors"/> hold — so it crosses without a copy per row; jagged and
/// rectangular arrays are converted here once. Every row needs an identity (the label identification
/// and verification score against); paths default to the row index.
/// </summary>
public static class EmbeddingSets
{
    /// <summary>A set from <paramref name="count"/> row-major rows; the dimension is values / count.</summary>
    public static EmbeddingSet FromSpan(ReadOnlySpan<float> values, int count, IReadOnlyList<string> identities,
        IReadOnlyList<string>? paths = null, string name = "embeddings")
    {
        if (count <= 0) throw new FaceCompatException($"{name}: no rows (count {count}).");
        if (values.Length % count != 0 || values.Length == 0)
            throw new FaceCompatException($"{name}: {values.Length} values do not make {count} rows of one dimension.");
        var dimension = values.Length / count;
        var records = Records(count, identities, paths, name);
        EmbeddingChecks.RequireUsableRows(values, count, dimension, name);
        return new EmbeddingSet(values.ToArray(), count, dimension, records);
    }

    /// <summary>A set from one array per row (all of one length).</summary>
    public static EmbeddingSet FromRows(IReadOnlyList<float[]> rows, IReadOnlyList<string> identities,
        IReadOnlyList<string>? paths = null, string name = "embeddings")
    {
        if (rows.Count == 0) throw new FaceCompatException($"{name}: no rows.");
        var dimension = rows[0].Length;
        var values = new float[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimension)
                throw new FaceCompatException($"{name}: row {i} has {rows[i].Length} values but row 0 has {dimension}; every row needs one dimension.");
            rows[i].CopyTo(values, i * dimension);
        }
        return FromSpan(values, rows.Count, identities, paths, name);
    }

    /// <summary>A set from a rectangular array (rows x dimension).</summary>
    public static EmbeddingSet FromArray(float[,] values, IReadOnlyList<string> identities,
        IReadOnlyList<string>? paths = null, string name = "embeddings")
    {
        int count = values.GetLength(0), dimension = values.GetLength(1);
        var flat = new float[count * dimension];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < dimension; j++) flat[i * dimension + j] = values[i, j];
        return FromSpan(flat, count, identities, paths, name);
    }

    /// <summary>A set from a float32 <c>.npy</c> file (rows x dimension) and one identity per row.</summary>
    public static EmbeddingSet ReadNpy(string path, IReadOnlyList<string> identities, IReadOnlyList<string>? paths = null)
    {
        var values = NpyReader.ReadFloat32(path, out var rows, out _);
        return FromSpan(values, rows, identities, paths, path);
    }

    /// <summary>The rows as one array each.</summary>
    public static float[][] ToRows(this EmbeddingSet set) =>
        Enumerable.Range(0, set.Count).Select(i => set.Row(i).ToArray()).ToArray();

    /// <summary>The rows as a rectangular array (count x dimension).</summary>
    public static float[,] ToArray(this EmbeddingSet set)
    {
        var result = new float[set.Count, set.Dimension];
        for (var i = 0; i < set.Count; i++)
        {
            var row = set.Row(i);
            for (var j = 0; j < row.Length; j++) result[i, j] = row[j];
        }
        return result;
    }

    private static EmbeddingRecord[] Records(int count, IReadOnlyList<string> identities, IReadOnlyList<string>? paths, string name)
    {
        if (identities.Count != count)
            throw new FaceCompatException($"{name}: {count} rows but {identities.Count} identities; give one identity per row.");
        if (paths is not null && paths.Count != count)
            throw new FaceCompatException($"{name}: {count} rows but {paths.Count} paths; give one path per row or none.");
        var records = new EmbeddingRecord[count];
        for (var i = 0; i < count; i++)
        {
            if (string.IsNullOrWhiteSpace(identities[i]))
                throw new FaceCompatException($"{name}: row {i} has an empty identity.");
            records[i] = new EmbeddingRecord(i, paths?[i] ?? i.ToString(CultureInfo.InvariantCulture), identities[i]);
        }
        return records;
    }
}
