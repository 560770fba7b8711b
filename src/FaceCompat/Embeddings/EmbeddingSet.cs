namespace FaceCompat.Embeddings;

/// <summary>
/// N embeddings of dimension D from one model, stored row-major as float32, with the image and
/// identity of each row. Rows of different models' sets for the same images share an index.
/// </summary>
public sealed class EmbeddingSet
{
    public EmbeddingSet(float[] vectors, int count, int dimension, IReadOnlyList<EmbeddingRecord> records)
    {
        if (count < 0 || dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (vectors.Length != (long)count * dimension)
            throw new ArgumentException($"Expected {count}x{dimension} values, got {vectors.Length}.", nameof(vectors));
        if (records.Count != count)
            throw new ArgumentException($"Expected {count} records, got {records.Count}.", nameof(records));
        Vectors = vectors;
        Count = count;
        Dimension = dimension;
        Records = records;
    }

    public float[] Vectors { get; }
    public int Count { get; }
    public int Dimension { get; }
    public IReadOnlyList<EmbeddingRecord> Records { get; }

    public ReadOnlySpan<float> Row(int index) => Vectors.AsSpan(index * Dimension, Dimension);
}
