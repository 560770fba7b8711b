using FaceCompat.Embeddings;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>Clustered synthetic embeddings: identity centres on the unit sphere, images = centre + noise, L2-normalised.</summary>
internal sealed class SyntheticEmbeddings
{
    public required Matrix Rows { get; init; }
    public required string[] Identities { get; init; }

    public static SyntheticEmbeddings Create(int identities, int imagesPerIdentity, int dimension, double noise, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var rows = new Matrix(identities * imagesPerIdentity, dimension);
        var ids = new string[rows.Rows];
        var centre = new double[dimension];
        for (var p = 0; p < identities; p++)
        {
            for (var j = 0; j < dimension; j++) centre[j] = random.NextGaussian();
            Normalize(centre);
            for (var k = 0; k < imagesPerIdentity; k++)
            {
                var r = p * imagesPerIdentity + k;
                var row = rows.Row(r);
                for (var j = 0; j < dimension; j++) row[j] = centre[j] + noise * random.NextGaussian();
                Normalize(row);
                ids[r] = $"id{p:D3}";
            }
        }
        return new SyntheticEmbeddings { Rows = rows, Identities = ids };
    }

    public IReadOnlyList<EmbeddingRecord> Records() => Identities.Select((id, i) => new EmbeddingRecord(i, $"{i}.jpg", id)).ToArray();

    public static Matrix RandomOrthogonal(int n, uint seed) => FaceCompat.Mapping.Maps.RandomOrthogonalFitter.Create(n, (int)seed);

    public static Matrix Gaussian(int rows, int cols, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var m = new Matrix(rows, cols);
        for (var i = 0; i < m.Data.Length; i++) m.Data[i] = random.NextGaussian();
        return m;
    }

    private static void Normalize(Span<double> v)
    {
        var s = 0.0;
        foreach (var x in v) s += x * x;
        s = Math.Sqrt(s);
        for (var i = 0; i < v.Length; i++) v[i] /= s;
    }
}

/// <summary>A tiny reference-protocol Rank-1: each query's most cosine-similar gallery row must share its identity.</summary>
internal static class NearestNeighbour
{
    public static double Rank1(Matrix queries, Matrix gallery, IReadOnlyList<string> identities)
    {
        var q = FaceCompat.Mapping.SpacePreparation.NormalizeRows(queries, "q");
        var g = FaceCompat.Mapping.SpacePreparation.NormalizeRows(gallery, "g");
        var scores = Matrix.Multiply(q, false, g, true);
        var hits = 0;
        for (var i = 0; i < scores.Rows; i++)
        {
            var row = scores.Row(i);
            var best = 0;
            for (var j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
            if (identities[best] == identities[i]) hits++;
        }
        return (double)hits / scores.Rows;
    }
}
