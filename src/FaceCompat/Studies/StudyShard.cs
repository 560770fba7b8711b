using System.Globalization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>
/// One share of a study's units: shard <see cref="Number"/> of <see cref="Count"/> (1-based, as Slurm array task
/// ids are). Every shard of a study plans the same units and assigns them the same way, so the shards of one
/// study, run anywhere that shares the output folder, compute every unit exactly once between them.
/// </summary>
public readonly record struct StudyShard
{
    public StudyShard(int number, int count)
    {
        if (count < 1 || number < 1 || number > count)
            throw new FaceCompatException($"shard {number}/{count} does not exist: a shard is K/N with 1 <= K <= N (e.g. 2/4, the second of four).");
        Number = number;
        Count = count;
    }

    public int Number { get; }
    public int Count { get; }

    /// <summary>Parses "K/N" (whole numbers, 1 &lt;= K &lt;= N).</summary>
    public static StudyShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || number < 1 || number > count)
            throw new FaceCompatException($"'{text}' is not a shard: a shard is K/N with whole numbers 1 <= K <= N (e.g. 2/4, the second of four).");
        return new StudyShard(number, count);
    }

    public override string ToString() => $"{Number}/{Count}";

    /// <summary>
    /// The shard (0-based) of each group of work, balanced by estimated cost: longest first, each to the least loaded
    /// shard (lowest number on a tie), so no shard carries more than an even share plus one group. Deterministic:
    /// it depends only on the costs and their order.
    /// </summary>
    internal static int[] Assign(IReadOnlyList<double> costs, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var owner = new int[costs.Count];
        var load = new double[count];
        foreach (var group in Enumerable.Range(0, costs.Count).OrderByDescending(g => costs[g]).ThenBy(g => g))
        {
            var least = 0;
            for (var s = 1; s < count; s++)
                if (load[s] < load[least]) least = s;
            owner[group] = least;
            load[least] += costs[group];
        }
        return owner;
    }
}
