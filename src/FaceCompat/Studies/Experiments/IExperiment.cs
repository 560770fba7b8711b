using FaceCompat.Numerics;

namespace FaceCompat.Studies.Experiments;

/// <summary>
/// One experiment of a study (self, within, cross-dataset, data efficiency, alpha sweep, degree-2, ...): it yields
/// its units of work; <see cref="StudyRunner"/> schedules, caches and reports them.
/// </summary>
internal interface IExperiment
{
    /// <summary>The experiment's name in results, e.g. "within".</summary>
    string Name { get; }

    IEnumerable<StudyUnit> Units(ExperimentContext context);
}

/// <summary>
/// One unit of work: an experiment on one ordered pair. <see cref="Recipe"/> is everything its numbers depend on
/// besides <see cref="Key"/> (the cache key is made of both); <see cref="Compute"/> does the work, sharing what
/// it can through the memo it is given.
/// </summary>
internal sealed record StudyUnit(UnitKey Key, UnitRecipe Recipe, Func<WorkMemo, StudyUnitResult> Compute)
{
    /// <summary>
    /// Units of the same group share work (the same prepared training rows, the same decompositions) and run one
    /// after another with one memo; null for a unit that shares nothing.
    /// </summary>
    public object? ShareGroup { get; init; }
}

/// <summary>What a unit's numbers depend on: its settings, its identity splits (by digest) and the embeddings it reads.</summary>
internal sealed record UnitRecipe(object Settings, IReadOnlyList<string> Splits, IReadOnlyList<(string Dataset, string Model)> Embeddings);
