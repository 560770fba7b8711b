using FaceCompat.Infrastructure;
using FaceCompat.Mapping.Maps;

namespace FaceCompat.Mapping;

/// <summary>Creates map fitters by name and parameters (<see cref="MapSpec"/>), e.g. "ridge:alpha=0.1".</summary>
public static class MapCatalog
{
    private sealed record Entry(string Name, string[] Aliases, string[] Parameters, string Description, Func<MapSpec, IMapFitter> Create);

    private static readonly Entry[] Entries =
    [
        new("procrustes", ["orthogonal"], [], "orthogonal Procrustes, W = U V^T from the SVD of X^T Y (reference)",
            _ => new ProcrustesFitter(scaled: false)),
        new("procrustes-scaled", ["scaled-procrustes"], [], "Procrustes with an isotropic scale",
            _ => new ProcrustesFitter(scaled: true)),
        new("lstsq", ["linear", "least-squares"], ["rcond", "solver"], "least squares, minimum-norm when rank-deficient (reference); solver=auto|gelsd",
            s => new LeastSquaresFitter(
                s.Values.ContainsKey("rcond") ? s.Double("rcond", 0, v => v > 0 && v < 1, "in (0, 1)") : null,
                s.String("solver", "auto") switch
                {
                    "auto" => false,
                    "gelsd" => true,
                    var other => throw new FaceCompatException($"map '{s.Text}': solver={other} is invalid; solver must be auto or gelsd."),
                })),
        new("ridge", [], ["alpha"], "ridge without intercept, alpha default 0.1 (reference)",
            s => new RidgeFitter(s.Double("alpha", RidgeFitter.DefaultAlpha, v => v > 0 && double.IsFinite(v), "a positive number"))),
        new("cca", [], ["components", "reg"], "canonical correlation analysis, both sides in the canonical space",
            s => new CcaFitter(s.OptionalInt("components", v => v > 0, "a positive integer"),
                s.Double("reg", CcaFitter.DefaultReg, v => v >= 0 && double.IsFinite(v), "a non-negative number"))),
        new("rrr", ["reduced-rank"], ["rank"], "reduced-rank regression, rank default 64",
            s => new ReducedRankFitter(s.Int("rank", ReducedRankFitter.DefaultRank, v => v > 0, "a positive integer"))),
        new("poly2", ["poly2-ridge", "polynomial"], ["alpha"], "degree-2 polynomial features + ridge, alpha default 1e-4",
            s => new Poly2RidgeFitter(s.Double("alpha", Poly2RidgeFitter.DefaultAlpha, v => v > 0 && double.IsFinite(v), "a positive number"))),
        new("unaligned", ["baseline", "identity", "none"], [], "no map: the prepared spaces compared as they are (baseline)",
            _ => new UnalignedFitter()),
        new("shuffled", ["shuffled-control"], ["base", "seed", "(base map's)"], "control: the base map (default procrustes) fitted on shuffled target rows",
            s =>
            {
                var seed = s.Int("seed", 0, v => v >= 0, "a non-negative integer");
                var baseName = s.String("base", "procrustes");
                var inner = MapSpec.Format(baseName, s.Unread());
                foreach (var key in s.Unread().Keys.ToArray()) s.String(key, "");
                var innerFitter = Create(inner);
                if (innerFitter is ShuffledControlFitter) throw new FaceCompatException("shuffled: the base map cannot itself be shuffled.");
                return new ShuffledControlFitter(innerFitter, seed);
            }),
        new("random-orthogonal", ["random"], ["seed"], "control: a random orthogonal map",
            s => new RandomOrthogonalFitter(s.Int("seed", 0, v => v >= 0, "a non-negative integer"))),
    ];

    /// <summary>Canonical map names.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The three maps of the reference protocol.</summary>
    public static IReadOnlyList<string> ReferenceMaps { get; } = ["procrustes", "lstsq", "ridge"];

    /// <summary>One line per map: name, aliases, parameters, description.</summary>
    public static IEnumerable<string> Describe() => Entries.Select(e =>
        $"{e.Name}{(e.Aliases.Length > 0 ? " (" + string.Join(", ", e.Aliases) + ")" : "")}" +
        $"{(e.Parameters.Length > 0 ? " [" + string.Join(", ", e.Parameters) + "]" : "")}: {e.Description}");

    /// <summary>A fitter from "name[:key=value...]"; an unknown name or parameter is a clear error listing the known ones.</summary>
    public static IMapFitter Create(string spec)
    {
        var parsed = MapSpec.Parse(spec);
        var entry = Entries.FirstOrDefault(e => e.Name == parsed.Name || e.Aliases.Contains(parsed.Name))
            ?? throw new FaceCompatException($"unknown map '{parsed.Name}'; known maps: {string.Join(", ", Names)}.");
        var fitter = entry.Create(parsed);
        parsed.RequireAllRead(entry.Parameters);
        return fitter;
    }

    /// <summary>Several fitters from a comma-separated list, e.g. "procrustes,lstsq,ridge:alpha=1".</summary>
    public static IReadOnlyList<IMapFitter> CreateMany(string specs) =>
        specs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Create).ToArray();
}
