using FaceCompat.Analysis;
using FaceCompat.Numerics;
using FaceCompat.Studies.Config;

namespace FaceCompat.Studies;

/// <summary>How alike the models' spaces are before any map: CKA, RSA and mutual k-NN of every pair.</summary>
internal static class StudySpaceSimilarity
{
    /// <summary>
    /// CKA, RSA and mutual k-NN of every pair of models on a seeded sample of each dataset's images, under one
    /// preprocessing variant (every variant has the same rows, so the sample is the same images in each).
    /// </summary>
    public static List<SpaceSimilarityRow> Rows(StudyVariant variant, SimilaritySettings settings, int seed, Action<string>? log)
    {
        var inputs = variant.Inputs;
        var rows = new List<SpaceSimilarityRow>();
        foreach (var (name, data) in inputs.Datasets.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var n = Math.Min(settings.Images, data.Records.Count);
            var sample = new NumpyRandomState((uint)seed).Permutation(data.Records.Count).Take(n).Order().ToArray();
            var k = Math.Min(settings.Neighbours, n - 1);
            var models = inputs.Models.Select(m => m.Id).ToList();
            var matrices = models.ToDictionary(m => m, m => SampleRows(data.Sets[m], sample));
            for (var a = 0; a < models.Count; a++)
                for (var b = a; b < models.Count; b++)
                {
                    var x = matrices[models[a]];
                    var y = matrices[models[b]];
                    var cka = SpaceSimilarity.LinearCka(x.Values, x.Cols, y.Values, y.Cols, n);
                    var rsa = SpaceSimilarity.Rsa(x.Values, x.Cols, y.Values, y.Cols, n);
                    var knn = SpaceSimilarity.MutualKnnOverlap(x.Values, x.Cols, y.Values, y.Cols, n, k);
                    foreach (var (p, q) in a == b ? new[] { (a, b) } : [(a, b), (b, a)])
                    {
                        rows.Add(new SpaceSimilarityRow(name, variant.Label, models[p], models[q], "cka", cka));
                        rows.Add(new SpaceSimilarityRow(name, variant.Label, models[p], models[q], "rsa", rsa));
                        rows.Add(new SpaceSimilarityRow(name, variant.Label, models[p], models[q], $"mutual_knn@{k}", knn));
                    }
                }
            log?.Invoke($"space similarity {name} ({variant.Label}): {models.Count} models on {n} images");
        }
        return rows;
    }

    private static (float[] Values, int Cols) SampleRows(Embeddings.EmbeddingSet set, int[] rows)
    {
        var values = new float[rows.Length * set.Dimension];
        for (var i = 0; i < rows.Length; i++) set.Row(rows[i]).CopyTo(values.AsSpan(i * set.Dimension, set.Dimension));
        return (values, set.Dimension);
    }

}
