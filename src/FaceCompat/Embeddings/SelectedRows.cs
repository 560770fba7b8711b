using FaceCompat.Numerics;

namespace FaceCompat.Embeddings;

/// <summary>Rows of an embedding set picked by index, read as float64 one at a time (no float64 copy of the set is made).</summary>
internal sealed class SelectedRows(EmbeddingSet set, int[] indices) : IRowSource
{
    public int Rows => indices.Length;
    public int Cols => set.Dimension;

    public ReadOnlySpan<double> Row(int index, Span<double> scratch)
    {
        var source = set.Row(indices[index]);
        var row = scratch[..source.Length];
        for (var j = 0; j < row.Length; j++) row[j] = source[j];
        return row;
    }

}
