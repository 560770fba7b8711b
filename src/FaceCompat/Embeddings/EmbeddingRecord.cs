namespace FaceCompat.Embeddings;

/// <summary>One row of an embedding set: its index, the image it came from and the identity it shows.</summary>
public sealed record EmbeddingRecord(int Index, string Path, string Identity);
