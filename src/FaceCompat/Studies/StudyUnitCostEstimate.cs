using System.Text.Json;
using FaceCompat.Studies.Experiments;

namespace FaceCompat.Studies;

/// <summary>
/// A unit's estimated work, in multiply-adds, for balancing shards (<see cref="StudyShard.Assign"/>): per split and map,
/// one fit (n·D²) and one all-against-all scoring (n²·D), with n the rows of the largest dataset the unit reads and
/// D the larger dimension of its models. Only the relative sizes matter; it depends on the configuration and the
/// embeddings alone (never on measured times), so every shard computes the same estimate.
/// </summary>
internal static class StudyUnitCostEstimate
{
    public static double Of(StudyUnit unit, StudyInputs inputs)
    {
        var rows = unit.Recipe.Embeddings.Max(e => (double)inputs.Datasets[e.Dataset].Records.Count);
        var dimension = unit.Recipe.Embeddings.Max(e => (double)inputs.Datasets[e.Dataset].Sets[e.Model].Dimension);
        var evaluations = Math.Max(1, unit.Recipe.Splits.Count) * Math.Max(1, MapCount(unit.Recipe.Settings));
        return evaluations * (rows * dimension * dimension + rows * rows * dimension);
    }

    /// <summary>The number of maps the unit's settings name ("maps", as every experiment's settings do), 1 if none.</summary>
    private static int MapCount(object settings)
    {
        var element = JsonSerializer.SerializeToElement(settings, settings.GetType(), StudyUnitCache.Json);
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("maps", out var maps) && maps.ValueKind == JsonValueKind.Array
            ? maps.GetArrayLength() : 1;
    }
}
