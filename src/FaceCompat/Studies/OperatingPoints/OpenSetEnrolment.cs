namespace FaceCompat.Studies;

/// <summary>
/// Who is enrolled in an open-set search of a test split: the test identities sorted ordinally, those at even positions
/// (0, 2, 4, …) enrolled with one template each, the first of their test rows (in row order). Every other test row is a
/// search: mated when its identity is enrolled, non-mated otherwise. Positions are into the test rows.
/// </summary>
internal sealed record OpenSetEnrolment(int[] TemplateRows, int[] ProbeRows)
{
    public static OpenSetEnrolment Of(IReadOnlyList<string> testRowIdentities)
    {
        var enrolled = testRowIdentities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where((_, i) => i % 2 == 0).ToHashSet(StringComparer.Ordinal);
        var templates = new List<int>();
        var probes = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < testRowIdentities.Count; r++)
        {
            if (enrolled.Contains(testRowIdentities[r]) && seen.Add(testRowIdentities[r])) templates.Add(r);
            else probes.Add(r);
        }
        return new OpenSetEnrolment(templates.ToArray(), probes.ToArray());
    }

    /// <summary>The given rows of a row-major float32 matrix.</summary>
    public static float[] Take(float[] values, int dimension, int[] rows)
    {
        var taken = new float[rows.Length * dimension];
        for (var i = 0; i < rows.Length; i++) values.AsSpan(rows[i] * dimension, dimension).CopyTo(taken.AsSpan(i * dimension));
        return taken;
    }

    public static int[] Take(int[] values, int[] rows) => rows.Select(r => values[r]).ToArray();
}
