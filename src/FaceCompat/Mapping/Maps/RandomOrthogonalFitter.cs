using System.Globalization;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>The random rotation's seed (default: the split's seed in a comparison, else 0).</summary>
public sealed record RandomOrthogonalParameters(int? Seed = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() => Text("seed", Seed);
}

/// <summary>
/// Control: a random orthogonal W (the polar factor U V^T of a D x D matrix of standard normals drawn
/// row-major from numpy's <c>RandomState(seed).standard_normal</c>; Haar-distributed), ignoring the data.
/// </summary>
internal sealed class RandomOrthogonalFitter(int seed) : IMapFitter
{
    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("random-orthogonal", MapRole.Control,
        "control: a random orthogonal map", ["random"], ["seed"], new RandomOrthogonalParameters(),
        t => new RandomOrthogonalParameters(t.OptionalInt("seed", v => v >= 0, "a non-negative integer")),
        (p, splitSeed) => new RandomOrthogonalFitter(p.Seed ?? splitSeed ?? 0));

    public string Name => Descriptor.Name;
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string> { ["seed"] = seed.ToString(CultureInfo.InvariantCulture) };

    public FittedMap Fit(TrainingPair pair)
    {
        var w = Create(pair.SourceDimension, seed);
        // Stryker disable once Boolean : the orthogonal flag only lets scoring skip columns; scores are the same either way (ScoringOperandsTests)
        return new FittedMap(Name, Parameters, pair.Preparation, new LinearHead(w, orthogonal: true), new IdentityHead(pair.TargetDimension));
    }

    /// <summary>The matrix for a dimension and seed (a copy: the draw and its SVD are done once per process).</summary>
    public static Matrix Create(int dimension, int seed)
    {
        var key = (dimension, seed);
        if (!Drawn.TryGetValue(key, out var w))
        {
            w = Draw(dimension, seed);
            // Stryker disable once Block : without caching the draw is made again, the same matrix (ARandomRotationDrawnForTheFirstTimeIsTheOneDrawnAgain)
            lock (Drawn)
            {
                // Stryker disable once all : the cache of drawn rotations only bounds its own size
                if (Drawn.Count >= MaxDrawn) Drawn.Clear();
                Drawn[key] = w;
            }
        }
        return w.Clone();
    }

    // A study draws the same matrix for every pair of the same padded dimension and seed.
    private const int MaxDrawn = 64;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), Matrix> Drawn = new();

    private static Matrix Draw(int dimension, int seed)
    {
        var random = new NumpyRandomState((uint)seed);
        var g = new Matrix(dimension, dimension);
        for (var i = 0; i < g.Data.Length; i++) g.Data[i] = random.NextGaussian();
        return LinearSolvers.PolarFactor(g).Orthogonal;
    }
}
