using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Tests.Mapping;

namespace FaceCompat.Tests.Api;

/// <summary>
/// The public edge: jagged, rectangular and span inputs become the same set; the public migration and
/// identification overloads give what the internal matrix forms give; bad input is one actionable error.
/// </summary>
public sealed class LibraryEdgeTests
{
    private static readonly string[] Ids = ["ann", "ann", "bob", "bob", "cid", "cid"];

    [Fact]
    public void Jagged_rectangular_span_and_npy_inputs_make_the_same_set()
    {
        var flat = Enumerable.Range(1, 18).Select(i => (float)i).ToArray();
        var jagged = Enumerable.Range(0, 6).Select(r => flat.AsSpan(r * 3, 3).ToArray()).ToArray();
        var rect = new float[6, 3];
        for (var r = 0; r < 6; r++) for (var c = 0; c < 3; c++) rect[r, c] = flat[r * 3 + c];
        using var dir = new TempDirectory();
        var npy = Path.Combine(dir.Path, "rows.npy");
        NpyWriter.WriteFloat32(npy, flat, 6, 3);

        foreach (var set in new[] { EmbeddingSets.FromSpan(flat, 6, Ids), EmbeddingSets.FromRows(jagged, Ids), EmbeddingSets.FromArray(rect, Ids), EmbeddingSets.ReadNpy(npy, Ids) })
        {
            Assert.Equal((6, 3), (set.Count, set.Dimension));
            Assert.Equal(flat, set.Vectors);
            Assert.Equal(Ids, set.Records.Select(r => r.Identity));
            Assert.Equal(jagged, set.ToRows());
            Assert.Equal(rect, set.ToArray());
        }
    }

    [Fact]
    public void Records_keep_the_paths_given_and_name_rows_by_index_without_them()
    {
        float[] flat = [1, 0, 0, 1];
        Assert.Equal(["a/1.jpg", "b/1.jpg"], EmbeddingSets.FromSpan(flat, 2, ["a", "b"], ["a/1.jpg", "b/1.jpg"]).Records.Select(r => r.Path));
        Assert.Equal(["0", "1"], EmbeddingSets.FromSpan(flat, 2, ["a", "b"]).Records.Select(r => r.Path));
    }

    [Fact]
    public void Bad_inputs_are_one_clear_error()
    {
        var flat = Enumerable.Range(1, 18).Select(i => (float)i).ToArray();
        Assert.Contains("one identity per row", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromSpan(flat, 6, Ids[..5])).Message);
        Assert.Contains("do not make 4 rows", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromSpan(flat, 4, Ids[..4])).Message);
        Assert.Contains("row 1 has 2 values", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromRows([[1f, 2f, 3f], [1f, 2f]], ["a", "b"])).Message);
        Assert.Contains("row 1 is all zeros", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromRows([[1f, 2f], [0f, 0f]], ["a", "b"])).Message);
        Assert.Contains("row 0 has an empty identity", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromRows([[1f, 2f]], [" "])).Message);
    }

    [Fact]
    public void Migrating_a_set_or_a_span_equals_the_matrix_migration()
    {
        var source = SyntheticEmbeddings.Create(12, 4, 10, 0.2, 5);
        var target = source.Rows.Multiply(SyntheticEmbeddings.RandomOrthogonal(10, 9));
        var sourceSet = new EmbeddingSet(source.Rows.ToFloats(), source.Rows.Rows, 10, source.Records());
        var targetSet = new EmbeddingSet(target.ToFloats(), target.Rows, 10, source.Records());
        var map = MapTraining.Fit(sourceSet, targetSet, IdentitySplit.AllTrain(source.Identities), MapRegistry.Procrustes.Spec());

        var expected = map.MigrateToTarget(FaceCompat.Numerics.Matrix.FromFloats(sourceSet.Vectors, sourceSet.Count, 10)).ToFloats();
        Assert.Equal(expected, map.MigrateToTarget(sourceSet.Vectors, sourceSet.Count));
        var migrated = map.MigrateToTarget(sourceSet);
        Assert.Equal(expected, migrated.Vectors);
        Assert.Same(sourceSet.Records, migrated.Records);
        // a rotation is carried exactly: migrated rows are the target rows
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - targetSet.Vectors[i]) < 1e-4, $"value {i}");
        Assert.Contains("source dimension 10", Assert.Throws<FaceCompatException>(() => map.MigrateToTarget(new float[9], 1)).Message);
    }

    [Fact]
    public void String_labelled_identification_equals_the_integer_form()
    {
        var data = SyntheticEmbeddings.Create(10, 3, 8, 0.8, 3);
        var rows = data.Rows.ToFloats();
        var ints = data.Identities.Select(s => int.Parse(s[2..])).ToArray();
        foreach (var protocol in new[] { IdentificationProtocol.Reference, IdentificationProtocol.Strict })
        {
            var byString = Identification.Evaluate(rows, data.Identities, rows, data.Identities, protocol, maxRank: 5);
            var byInt = Identification.Evaluate(rows, 30, rows, 30, 8, ints, ints, protocol, maxRank: 5);
            Assert.Equal(byInt.Cmc, byString.Cmc);
            Assert.Equal(byInt.MeanAveragePrecision, byString.MeanAveragePrecision);
        }
        Assert.Contains("same space", Assert.Throws<FaceCompatException>(() =>
            Identification.Evaluate(rows, data.Identities, rows.AsSpan(0, 29 * 7), data.Identities[..29], IdentificationProtocol.Reference)).Message);
    }

    [Fact]
    public void Every_registered_map_has_a_typed_entry_on_the_registry()
    {
        var typed = typeof(MapRegistry).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(MapDescriptor) && p.Name != nameof(MapRegistry.Baseline))
            .Select(p => (MapDescriptor)p.GetValue(null)!).ToList();
        Assert.Equal(MapRegistry.All.Select(m => m.Name).Order(), typed.Select(m => m.Name).Order());
    }
}
