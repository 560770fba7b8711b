using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>Checks that a source/target pair of embedding matrices can be compared, with one clear message if not.</summary>
public static class EmbeddingValidation
{
    /// <summary>Rows must be finite and non-zero; rows must match the metadata.</summary>
    public static void CheckRows(string name, float[] values, int rows, int cols, int expectedRows)
    {
        if (rows != expectedRows)
            throw new FaceCompatException($"{name} has {rows} rows but metadata.csv lists {expectedRows} images; rows must be aligned by index.");
        if (rows == 0) throw new FaceCompatException($"{name} has no rows.");
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * cols, cols);
            var nonZero = false;
            foreach (var v in row)
            {
                if (!float.IsFinite(v))
                    throw new FaceCompatException($"{name} row {r} contains NaN or infinity.");
                if (v != 0) nonZero = true;
            }
            if (!nonZero) throw new FaceCompatException($"{name} row {r} is all zeros (no direction to compare).");
        }
    }

    /// <summary>A split must give the map training identities and the evaluation at least two test identities.</summary>
    public static void CheckSplit(int seed, int trainIdentities, int testIdentities, int trainRows, int testRows)
    {
        var label = seed >= 0 ? $"split for seed {seed}" : "split";
        if (trainIdentities == 0 || trainRows == 0) throw new FaceCompatException($"The {label} has no training identities.");
        if (testIdentities == 0 || testRows == 0) throw new FaceCompatException($"The {label} has no test identities.");
        if (testIdentities < 2)
            throw new FaceCompatException($"The {label} has a single test identity: identification and verification need at least two.");
    }
}
